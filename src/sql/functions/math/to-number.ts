/**
 * to_number(text, template): the input read by the number template as PostgreSQL 15's
 * NUM_processor reads it (NUM_numpart_from_char), then numeric input at the precision and
 * scale the template gives, and V's power of ten applied.
 *
 * Reading walks the template: 9, 0, `.` and D take a digit or the decimal point (at most the
 * template's digits after it), a sign may come before the first digit (- + and < with PR) or,
 * with S, MI, PL or SG, after the last; `,` and G skip a separator that is there (under FM
 * never), L one character that is no number data; any other template character skips one
 * input character. The C locale's symbols apply: `.`, `,`, `-`, `+` and a blank for L.
 */
import { NUMERIC, SqlError, SqlState, TEXT, applyNumericTypmod, numeric, type Decimal } from '../../types/index.ts';
import { decimalFromInt } from '../../types/numeric/decimal.ts';
import { parseNumeric } from '../../types/numeric/numeric-text.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';
import { F_BRACKET, F_DECIMAL, F_EEEE, F_FILLMODE, F_LSIGN, F_MINUS, F_MULTI, F_PLUS, F_ROMAN, LSIGN_PRE, parseNum } from './to-char-number.ts';
import { numericPower } from './numeric-transcendental.ts';

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** The digit string NUM_processor builds from the input, and the digits it read after the point. */
function readNumber(input: string, template: string): { text: string; pre: number; post: number; multi: number } {
  const { nodes, num } = parseNum(template);
  const is = (f: number): boolean => (num.flag & f) !== 0;
  if (is(F_EEEE)) throw new SqlError(SqlState.featureNotSupported, '"EEEE" not supported for input');
  if (is(F_ROMAN)) throw new SqlError(SqlState.featureNotSupported, '"RN" not supported for input');
  let sign = ' ';
  let digits = '';
  let readPre = 0, readPost = 0, readDec = false;
  let p = 0;
  const end = input.length;
  const over = (): boolean => p >= end;

  const numpart = (id: string): void => {
    let isread = false;
    if (over()) return;
    if (input[p] === ' ') p++;
    if (over()) return;
    // A sign before the number.
    if (sign === ' ' && (id === '0' || id === '9') && readPre + readPost === 0) {
      if (is(F_LSIGN) && num.lsign === LSIGN_PRE) {
        if (input[p] === '-') { p++; sign = '-'; } else if (input[p] === '+') { p++; sign = '+'; }
      } else if (input[p] === '-' || (is(F_BRACKET) && input[p] === '<')) { sign = '-'; p++; }
      else if (input[p] === '+') { sign = '+'; p++; }
    }
    if (over()) return;
    if (isDigit(input[p])) {
      if (readDec && readPost === num.post) return;
      digits += input[p];
      if (readDec) readPost++; else readPre++;
      isread = true;
    } else if (is(F_DECIMAL) && !readDec && input[p] === '.') {
      digits += '.';
      readDec = true;
      isread = true;
    }
    if (over()) return;
    // A sign after the last digit.
    if (sign === ' ' && readPre + readPost > 0) {
      if (is(F_LSIGN) && isread && p + 1 < end && !isDigit(input[p + 1])) {
        const at = p++;
        if (input[p] === '-') sign = '-';
        else if (input[p] === '+') sign = '+';
        if (sign === ' ') p = at;
      } else if (!isread && !is(F_LSIGN) && (is(F_PLUS) || is(F_MINUS))) {
        if (input[p] === '-' || input[p] === '+') sign = input[p]!;
      }
    }
  };

  for (const n of nodes) {
    if (over()) break;
    if (n.kind === 'char') {
      p += String.fromCodePoint(input.codePointAt(p)!).length;
      continue;
    }
    switch (n.key.id) {
      case '9': case '0': case 'DEC': case 'D':
        numpart(n.key.id);
        break;
      case 'COMMA': case 'G':
        // Skipped when it is there, never under FM (PostgreSQL tests a num_in that reading never sets).
        if (is(F_FILLMODE) || input[p] !== ',') continue;
        break;
      case 'L':
        // NUM_eat_non_data_chars: the symbol's one character (a blank in the C locale), unless it is number data.
        if (!'0123456789.,+-'.includes(input[p]!)) p += String.fromCodePoint(input.codePointAt(p)!).length;
        continue;
      case 'MI':
        if (input[p] === '-') sign = '-';
        break;
      case 'PL':
        if (input[p] === '+') sign = '+';
        break;
      case 'SG':
        if (input[p] === '-') sign = '-';
        else if (input[p] === '+') sign = '+';
        break;
      default:
        continue;
    }
    p++;
  }
  if (digits.endsWith('.')) digits = digits.slice(0, -1);
  // numeric_in reads the sign slot too: a blank, '-' or '+'.
  return { text: sign + digits, pre: num.pre, post: readPost, multi: is(F_MULTI) ? num.multi : 0 };
}

export function toNumber(input: string, template: string): Decimal | null {
  if (template.length === 0) return null;
  const r = readNumber(input, template);
  const scale = r.post;
  const precision = r.pre + r.multi + scale;
  // numeric_in of what was read, at the template's precision and scale.
  let value = applyNumericTypmod(parseNumeric(r.text), precision, scale);
  if (r.multi > 0) value = numeric.decimalMul(value, numericPower(decimalFromInt(10), decimalFromInt(-r.multi)));
  return value;
}

export const TO_NUMBER_FUNCTIONS: readonly FunctionSignature[] = [
  fn('to_number', [TEXT, TEXT], NUMERIC, ([s, f]) => toNumber(s as string, f as string), { volatility: 'stable' }),
];
