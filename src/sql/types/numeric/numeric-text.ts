/**
 * numeric text input and type-modifier enforcement, following PostgreSQL's numeric_in and
 * apply_typmod (src/backend/utils/adt/numeric.c): the display scale comes from the digits
 * written (`1.50` → 2, `1.5e3` → 0, `1e-3` → 3), rounding is half away from zero.
 */
import { SqlError, SqlState, invalidInput } from '../sql-error.ts';
import {
  DECIMAL_NAN, DECIMAL_NINF, DECIMAL_PINF, Decimal, FINITE, NAN, digitCount, pow10, rescale,
} from './decimal.ts';

const NUMBER = /^[ \t\n\r\v\f]*([+-]?)(?:(\d+)\.?(\d*)|\.(\d+))(?:[eE]([+-]?\d+))?[ \t\n\r\v\f]*$/;
const SPECIAL = /^[ \t\n\r\v\f]*([+-]?)(nan|infinity|inf)[ \t\n\r\v\f]*$/i;
/** PostgreSQL's limits: NUMERIC_WEIGHT_MAX base-10000 digits before the point, NUMERIC_DSCALE_MAX after. */
const MAX_INT_DIGITS = 131072;
const MAX_DSCALE = 16383;

/**
 * Parses numeric text. Throws 22P02 for bad syntax, 22003 when the value does not fit
 * PostgreSQL's numeric format.
 *
 * @example parseNumeric(' 1.50 ').toString() // '1.50'
 */
export function parseNumeric(text: string): Decimal {
  const m = NUMBER.exec(text);
  if (m === null) {
    const s = SPECIAL.exec(text);
    if (s === null) throw invalidInput('numeric', text);
    if (s[2]!.toLowerCase() === 'nan') {
      if (s[1] !== '') throw invalidInput('numeric', text);
      return DECIMAL_NAN;
    }
    return s[1] === '-' ? DECIMAL_NINF : DECIMAL_PINF;
  }
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? m[4] ?? '';
  let exponent = 0;
  if (m[5] !== undefined) {
    exponent = Number(m[5]);
    if (!(Math.abs(exponent) < 1073741823)) throw overflow();
  }
  let scale = fracPart.length - exponent;
  // Reject before building the coefficient: '1e100000000' must not allocate 10^8 digits.
  const significant = (intPart + fracPart).replace(/^0+/, '').length;
  if (significant > 0 && significant - scale > MAX_INT_DIGITS) throw overflow();
  if (scale > MAX_DSCALE) throw overflow();
  let coef = BigInt(intPart + fracPart);
  if (scale < 0) {
    coef *= pow10(-scale);
    scale = 0;
  }
  if (m[1] === '-') coef = -coef;
  return checkFormat(new Decimal(coef, scale));
}

function overflow(): SqlError {
  return new SqlError(SqlState.numericValueOutOfRange, 'value overflows numeric format');
}

/** Rejects values PostgreSQL's on-disk numeric cannot hold. Cheap for ordinary values. */
export function checkFormat(d: Decimal): Decimal {
  if (d.scale > MAX_DSCALE) throw overflow();
  if (d.coef !== 0n && digitCount(d.coef) - d.scale > MAX_INT_DIGITS) throw overflow();
  return d;
}

/**
 * Enforces numeric(precision, scale) as PostgreSQL's apply_typmod: round to `scale`, then
 * 22003 `numeric field overflow` if the value needs more than precision − scale integer digits.
 */
export function applyNumericTypmod(d: Decimal, precision: number | null, scale: number | null): Decimal {
  if (precision === null) return d;
  const s = scale ?? 0;
  if (d.special !== FINITE) {
    if (d.special === NAN) return d;
    throw new SqlError(SqlState.numericValueOutOfRange, 'numeric field overflow', {
      detail: `A field with precision ${precision}, scale ${s} cannot hold an infinite value.`,
    });
  }
  let rounded: Decimal;
  if (s >= 0) rounded = d.scale === s ? d : new Decimal(rescale(d.coef, d.scale, s), s);
  else rounded = new Decimal(rescale(d.coef, d.scale, s) * pow10(-s), 0);
  if (rounded.coef !== 0n) {
    const maxDigits = precision - s;
    // Position of the leading digit: the value lies in [10^lead, 10^(lead+1)).
    const lead = digitCount(rounded.coef) - 1 - rounded.scale;
    if (lead + 1 > maxDigits) {
      throw new SqlError(SqlState.numericValueOutOfRange, 'numeric field overflow', {
        detail: `A field with precision ${precision}, scale ${s} must round to an absolute value less than ${maxDigits ? '10^' : ''}${maxDigits ? maxDigits : 1}.`,
      });
    }
  }
  return rounded;
}
