/**
 * to_char(numeric | integer | bigint | real | double precision, format), with PostgreSQL 15's
 * number template rules (checked call by call against PostgreSQL by the oracle tests).
 *
 * Each type first turns the value into a digit string the way PostgreSQL does (numeric rounds
 * half away from zero; floats print through C's `%.*f`, i.e. exact binary value rounded half to
 * even, with at most FLT_DIG/DBL_DIG significant digits; EEEE is `%+.*e` for floats and int4,
 * numeric_out_sci for numeric and int8), then the processor lays it out over the pattern: 9, 0,
 * '.', D, ',', G, S, MI, PL, SG, PR, L, FM, TH/th, RN/rn, V, EEEE. Locale-dependent patterns
 * use the C locale (PostgreSQL's initdb --locale=C): '.', ',', '-', '+' and a blank currency.
 *
 * Quirks kept on purpose, because PostgreSQL has them: a digit position past the end of the
 * digit string writes C's terminating NUL, which ends the output there (`to_char('NaN'::numeric,
 * '999.99')` is ` NaN`); SG in RN mode writes the NUL sign and so yields ''; V on an integer
 * wraps around in 32 bits; RN of a numeric or bigint outside int4 raises 22003 while RN of a
 * float outside it prints '###############'.
 */
import { Decimal, SqlError, SqlState } from '../../types/index.ts';
import { FINITE, NAN, PINF, decimalToString, digitCount, pow10, rescale } from '../../types/numeric/decimal.ts';
import { decimalMul, decimalRound } from '../../types/numeric/numeric-arith.ts';
import { rint } from '../../types/rint.ts';
import { formatCache, keywordIndex, ordinalSuffix, parseFormat, type FormatNode } from '../datetime/to-char.ts';
import { syntaxError, outOfRange } from '../../../errors/index.ts';

const NUM_TABLE: readonly (readonly [string, string])[] = [
  [',', 'COMMA'], ['.', 'DEC'], ['0', '0'], ['9', '9'], ['B', 'B'], ['C', 'C'], ['D', 'D'], ['EEEE', 'E'], ['FM', 'FM'],
  ['G', 'G'], ['L', 'L'], ['MI', 'MI'], ['PL', 'PL'], ['PR', 'PR'], ['RN', 'RN'], ['SG', 'SG'], ['SP', 'SP'], ['S', 'S'],
  ['TH', 'TH'], ['V', 'V'], ['b', 'B'], ['c', 'C'], ['d', 'D'], ['eeee', 'E'], ['fm', 'FM'], ['g', 'G'], ['l', 'L'],
  ['mi', 'MI'], ['pl', 'PL'], ['pr', 'PR'], ['rn', 'rn'], ['sg', 'SG'], ['sp', 'SP'], ['s', 'S'], ['th', 'th'], ['v', 'V'],
];
const NUM_INDEX = keywordIndex(NUM_TABLE);

export const F_DECIMAL = 1 << 1, F_LDECIMAL = 1 << 2, F_ZERO = 1 << 3, F_BLANK = 1 << 4, F_FILLMODE = 1 << 5, F_LSIGN = 1 << 6,
  F_BRACKET = 1 << 7, F_MINUS = 1 << 8, F_PLUS = 1 << 9, F_ROMAN = 1 << 10, F_MULTI = 1 << 11, F_PLUS_POST = 1 << 12,
  F_MINUS_POST = 1 << 13, F_EEEE = 1 << 14;
export const LSIGN_PRE = -1, LSIGN_POST = 1, LSIGN_NONE = 0;

/** What a number pattern asks for: digits before and after the point, sign placement, modes. */
export interface NumberPattern {
  pre: number; post: number; lsign: number; flag: number; preLsignNum: number; multi: number;
  zeroStart: number; zeroEnd: number;
}

const syntax = (message: string, detail?: string): SqlError => syntaxError(message, detail === undefined ? undefined : { detail });

/** Takes one keyword into the pattern: counts digits and checks the combinations PostgreSQL refuses. */
function prepare(num: NumberPattern, id: string): void {
  const is = (f: number): boolean => (num.flag & f) !== 0;
  if (is(F_EEEE) && id !== 'E') throw syntax('"EEEE" must be the last pattern used');
  switch (id) {
    case '9':
      if (is(F_BRACKET)) throw syntax('"9" must be ahead of "PR"');
      if (is(F_MULTI)) { num.multi++; break; }
      if (is(F_DECIMAL)) num.post++; else num.pre++;
      break;
    case '0':
      if (is(F_BRACKET)) throw syntax('"0" must be ahead of "PR"');
      if (!is(F_ZERO) && !is(F_DECIMAL)) { num.flag |= F_ZERO; num.zeroStart = num.pre + 1; }
      if (!is(F_DECIMAL)) num.pre++; else num.post++;
      num.zeroEnd = num.pre + num.post;
      break;
    case 'B':
      if (num.pre === 0 && num.post === 0 && !is(F_ZERO)) num.flag |= F_BLANK;
      break;
    case 'D': case 'DEC':
      if (id === 'D') num.flag |= F_LDECIMAL;
      if (is(F_DECIMAL)) throw syntax('multiple decimal points');
      if (is(F_MULTI)) throw syntax('cannot use "V" and decimal point together');
      num.flag |= F_DECIMAL;
      break;
    case 'FM': num.flag |= F_FILLMODE; break;
    case 'S':
      if (is(F_LSIGN)) throw syntax('cannot use "S" twice');
      if (is(F_PLUS) || is(F_MINUS) || is(F_BRACKET)) throw syntax('cannot use "S" and "PL"/"MI"/"SG"/"PR" together');
      if (!is(F_DECIMAL)) {
        num.lsign = LSIGN_PRE; num.preLsignNum = num.pre; num.flag |= F_LSIGN;
      } else if (num.lsign === LSIGN_NONE) {
        num.lsign = LSIGN_POST; num.flag |= F_LSIGN;
      }
      break;
    case 'MI':
      if (is(F_LSIGN)) throw syntax('cannot use "S" and "MI" together');
      num.flag |= F_MINUS;
      if (is(F_DECIMAL)) num.flag |= F_MINUS_POST;
      break;
    case 'PL':
      if (is(F_LSIGN)) throw syntax('cannot use "S" and "PL" together');
      num.flag |= F_PLUS;
      if (is(F_DECIMAL)) num.flag |= F_PLUS_POST;
      break;
    case 'SG':
      if (is(F_LSIGN)) throw syntax('cannot use "S" and "SG" together');
      num.flag |= F_MINUS | F_PLUS;
      break;
    case 'PR':
      if (is(F_LSIGN) || is(F_PLUS) || is(F_MINUS)) throw syntax('cannot use "PR" and "S"/"PL"/"MI"/"SG" together');
      num.flag |= F_BRACKET;
      break;
    case 'RN': case 'rn': num.flag |= F_ROMAN; break;
    case 'V':
      if (is(F_DECIMAL)) throw syntax('cannot use "V" and decimal point together');
      num.flag |= F_MULTI;
      break;
    case 'E':
      if (is(F_EEEE)) throw syntax('cannot use "EEEE" twice');
      if (is(F_BLANK) || is(F_FILLMODE) || is(F_LSIGN) || is(F_BRACKET) || is(F_MINUS) || is(F_PLUS) || is(F_ROMAN) || is(F_MULTI)) {
        throw syntax('"EEEE" is incompatible with other formats', '"EEEE" may only be used together with digit and decimal point patterns.');
      }
      num.flag |= F_EEEE;
      break;
    default: break; // C, G, L, SP, TH: nothing to count
  }
}

export interface ParsedNumFormat { readonly nodes: readonly FormatNode[]; readonly num: Readonly<NumberPattern> }

/** A number template's nodes and what they ask for (cached), for to_char and to_number alike. */
export const parseNum = formatCache((format: string): ParsedNumFormat => {
  const nodes = parseFormat(format, NUM_INDEX, false);
  const num: NumberPattern = { pre: 0, post: 0, lsign: 0, flag: 0, preLsignNum: 0, multi: 0, zeroStart: 0, zeroEnd: 0 };
  for (const n of nodes) if (n.kind === 'action') prepare(num, n.key.id);
  return { nodes, num };
});

const NUL = '\0';

/**
 * Lays the digits out over the pattern. `number` is the digit string (no sign), `sign` is
 * '+', '-' or NUL (none, for RN). The output stops at the first NUL written, as C's would.
 */
function processor(nodes: readonly FormatNode[], numIn: Readonly<NumberPattern>, number: string, outPreSpaces: number, signIn: string): string {
  const num: NumberPattern = { ...numIn };
  const is = (f: number): boolean => (num.flag & f) !== 0;
  const at = (i: number): string => (i < number.length ? number[i]! : NUL);
  let out = '';
  let sign = signIn;
  let signWrote = false;
  let lastRelevant: number | null = null;

  if (num.zeroStart) num.zeroStart--;
  if (is(F_EEEE)) return number;
  if (is(F_ROMAN)) {
    num.lsign = num.preLsignNum = num.post = num.pre = 0;
    outPreSpaces = 0;
    num.flag = (is(F_FILLMODE) ? F_FILLMODE : 0) | F_ROMAN;
  }

  // Sign
  if (is(F_PLUS) || is(F_MINUS)) {
    signWrote = !(is(F_PLUS) && !is(F_MINUS));
  } else {
    if (sign !== '-' && is(F_FILLMODE)) num.flag &= ~F_BRACKET;
    signWrote = sign === '+' && is(F_FILLMODE) && !is(F_LSIGN);
    if (num.lsign === LSIGN_PRE && num.pre === num.preLsignNum) num.lsign = LSIGN_POST;
  }

  // Count
  let numCount = num.post + num.pre - 1;
  if (is(F_FILLMODE) && is(F_DECIMAL)) {
    // get_last_relevant_decnum: the last nonzero digit after the point, or the point itself.
    const p = number.indexOf('.');
    if (p >= 0) {
      lastRelevant = p;
      for (let k = p + 1; k < number.length; k++) if (number[k] !== '0') lastRelevant = k;
      // Digits asked for with '0' stay, but not past the end of the number.
      if (num.zeroEnd > outPreSpaces) {
        const lastZero = Math.min(number.length - 1, num.zeroEnd - outPreSpaces);
        if (lastRelevant < lastZero) lastRelevant = lastZero;
      }
    }
  }
  if (!signWrote && outPreSpaces === 0) numCount++;

  let numIn_ = false;
  let numCurr = 0;
  let numberP = 0;
  const relevantIsPoint = (): boolean => lastRelevant !== null && number[lastRelevant] === '.';
  const predecSpace = (): boolean => !is(F_ZERO) && numberP === 0 && number[0] === '0' && num.post !== 0;

  const numpart = (id: string): void => {
    if (is(F_ROMAN)) return;
    numIn_ = false;
    // Write the sign where the number starts ("9.9" -> " .1": IS_PREDEC_SPACE).
    if (!signWrote && (numCurr >= outPreSpaces || (is(F_ZERO) && num.zeroStart === numCurr))
      && (!predecSpace() || relevantIsPoint())) {
      if (is(F_LSIGN)) {
        if (num.lsign === LSIGN_PRE) { out += sign === '-' ? '-' : '+'; signWrote = true; }
      } else if (is(F_BRACKET)) {
        out += sign === '+' ? ' ' : '<'; signWrote = true;
      } else if (sign === '+') {
        if (!is(F_FILLMODE)) out += ' ';
        signWrote = true;
      } else if (sign === '-') {
        out += '-'; signWrote = true;
      }
    }
    if (numCurr < outPreSpaces && (num.zeroStart > numCurr || !is(F_ZERO))) {
      if (!is(F_FILLMODE)) out += ' ';
    } else if (is(F_ZERO) && numCurr < outPreSpaces && num.zeroStart <= numCurr) {
      out += '0'; numIn_ = true;
    } else {
      if (at(numberP) === '.') {
        if (!relevantIsPoint() || is(F_FILLMODE)) out += '.';
      } else if (lastRelevant !== null && numberP > lastRelevant && id !== '0') {
        // trailing zero dropped by FM
      } else if (predecSpace()) {
        if (!is(F_FILLMODE)) out += ' ';
        else if (relevantIsPoint()) out += '0';
      } else {
        out += at(numberP); numIn_ = true;
      }
      if (numberP < number.length) numberP++;
    }
    let end = numCount + (outPreSpaces ? 1 : 0) + (is(F_DECIMAL) ? 1 : 0);
    if (lastRelevant !== null && lastRelevant === numberP) end = numCurr;
    if (numCurr + 1 === end) {
      if (signWrote && is(F_BRACKET)) out += sign === '+' ? ' ' : '>';
      else if (is(F_LSIGN) && num.lsign === LSIGN_POST) out += sign === '-' ? '-' : '+';
    }
    numCurr++;
  };

  for (const n of nodes) {
    if (n.kind === 'char') { out += n.ch; continue; }
    switch (n.key.id) {
      case '9': case '0': case 'DEC': case 'D': numpart(n.key.id); break;
      case 'COMMA': case 'G':
        if (!numIn_) { if (!is(F_FILLMODE)) out += ' '; } else out += ',';
        break;
      case 'L': out += ' '; break;
      case 'RN': out += is(F_FILLMODE) ? number.slice(numberP) : number.slice(numberP).padStart(15); break;
      case 'rn': {
        const r = number.slice(numberP).toLowerCase();
        out += is(F_FILLMODE) ? r : r.padStart(15);
        break;
      }
      case 'th': case 'TH':
        if (is(F_ROMAN) || number[0] === '#' || sign === '-' || is(F_DECIMAL)) break;
        out += ordinalSuffix(number, n.key.id === 'TH');
        break;
      case 'MI':
        if (sign === '-') out += '-'; else if (!is(F_FILLMODE)) out += ' ';
        break;
      case 'PL':
        if (sign === '+') out += '+'; else if (!is(F_FILLMODE)) out += ' ';
        break;
      case 'SG': out += sign; break;
      default: break;
    }
  }
  const cut = out.indexOf(NUL);
  return cut < 0 ? out : out.slice(0, cut);
}

// ---------------------------------------------------------------------------------------------
// Digit strings per type
// ---------------------------------------------------------------------------------------------

const ROMAN_1 = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'];
const ROMAN_10 = ['X', 'XX', 'XXX', 'XL', 'L', 'LX', 'LXX', 'LXXX', 'XC'];
const ROMAN_100 = ['C', 'CC', 'CCC', 'CD', 'D', 'DC', 'DCC', 'DCCC', 'CM'];

/** int_to_roman: 1..3999, else fifteen '#'. */
function intToRoman(v: number): string {
  if (v > 3999 || v < 1) return '#'.repeat(15);
  return 'M'.repeat(Math.floor(v / 1000)) + (ROMAN_100[Math.floor(v / 100) % 10 - 1] ?? '')
    + (ROMAN_10[Math.floor(v / 10) % 10 - 1] ?? '') + (ROMAN_1[v % 10 - 1] ?? '');
}

const INT4_MIN = -2147483648;
/** C's (int) cast of a double on x86-64: out of range and NaN give INT_MIN. */
const cvtToInt = (x: number): number => (Number.isNaN(x) || x >= 2147483648 || x < -2147483648 ? INT4_MIN : Math.trunc(x));

/** The '#' string that replaces a number too wide for the pattern. */
function overflow(num: NumberPattern): string {
  return '#'.repeat(num.pre) + '.' + '#'.repeat(num.post);
}

/** The EEEE placeholder for NaN and infinities. */
function eeeeOverflow(num: NumberPattern): string {
  return ' ' + '#'.repeat(num.pre) + '.' + '#'.repeat(num.post + 4);
}

/** Sign, digits and padding from a plain digit string as the integer and numeric paths build it. */
function layout(num: NumberPattern, text: string): { numstr: string; sign: string; pre: number } {
  const sign = text.startsWith('-') ? '-' : '+';
  const numstr = sign === '-' ? text.slice(1) : text;
  const p = numstr.indexOf('.');
  const preLen = p >= 0 ? p : numstr.length;
  if (preLen < num.pre) return { numstr, sign, pre: num.pre - preLen };
  if (preLen > num.pre) return { numstr: overflow(num), sign, pre: 0 };
  return { numstr, sign, pre: 0 };
}

const parsed = (format: string): { nodes: readonly FormatNode[]; num: NumberPattern } | null => {
  if (format === '') return null;
  const p = parseNum(format);
  return { nodes: p.nodes, num: { ...p.num } };
};

/** numeric_out_sci: one digit before the point, `rscale` after, rounded half away from zero. */
function numericSci(v: Decimal, rscale: number): string {
  if (rscale < 0) rscale = 0;
  if (v.coef === 0n) return `${decimalToString(new Decimal(0n, rscale))}e+00`;
  const exponent = digitCount(v.coef) - 1 - v.scale;
  const sig = rescale(v.coef, v.scale + exponent, rscale);
  const e = Math.abs(exponent);
  return `${decimalToString(new Decimal(sig, rscale))}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
}

function finish(parts: { nodes: readonly FormatNode[]; num: NumberPattern }, numstr: string, pre: number, sign: string): string {
  return processor(parts.nodes, parts.num, numstr, pre, sign);
}

export function toCharNumeric(value: Decimal, format: string): string {
  const p = parsed(format);
  if (p === null) return '';
  const { num } = p;
  if (num.flag & F_ROMAN) {
    const r = decimalRound(value, 0);
    if (r.special !== FINITE) {
      throw new SqlError(SqlState.featureNotSupported, `cannot convert ${r.special === NAN ? 'NaN' : 'infinity'} to integer`);
    }
    if (r.coef > 2147483647n || r.coef < -2147483648n) throw outOfRange('integer');
    return finish(p, intToRoman(Number(r.coef)), 0, NUL);
  }
  if (num.flag & F_EEEE) {
    if (value.special !== FINITE) return finish(p, eeeeOverflow(num), 0, NUL);
    const s = numericSci(value, num.post);
    return finish(p, s.startsWith('-') ? s : ' ' + s, 0, NUL);
  }
  let val = value;
  if (num.flag & F_MULTI) {
    val = decimalMul(value, new Decimal(pow10(num.multi), 0));
    num.pre += num.multi;
  }
  const x = decimalRound(val, num.post);
  const text = x.special === FINITE ? decimalToString(x) : x.special === NAN ? 'NaN' : x.special === PINF ? 'Infinity' : '-Infinity';
  const l = layout(num, text);
  return finish(p, l.numstr, l.pre, l.sign);
}

/** int4_to_char and int8_to_char. */
export function toCharInteger(value: number | bigint, format: string, bits: 32 | 64): string {
  const p = parsed(format);
  if (p === null) return '';
  const { num } = p;
  if (num.flag & F_ROMAN) {
    if (value > 2147483647 || value < -2147483648) throw outOfRange('integer');
    return finish(p, intToRoman(Number(value)), 0, NUL);
  }
  if (num.flag & F_EEEE) {
    // int4 goes through the double (exact), int8 through numeric_out_sci.
    const s = bits === 32 ? cExp(Number(value), num.post) : numericSci(new Decimal(BigInt(value), 0), num.post);
    return finish(p, s[0] === '+' ? ' ' + s.slice(1) : s[0] === '-' ? s : ' ' + s, 0, NUL);
  }
  let v = value;
  if (num.flag & F_MULTI) {
    if (bits === 32) {
      // value * (int32) pow(10, multi), in wrapping 32-bit arithmetic.
      v = Math.imul(Number(value), cvtToInt(Number(`1e${num.multi}`)));
    } else {
      const m = Number(`1e${num.multi}`);
      if (m >= 9223372036854775808) throw outOfRange('bigint');
      const r = BigInt(value) * BigInt(m);
      if (r > 9223372036854775807n || r < -9223372036854775808n) throw outOfRange('bigint');
      v = r;
    }
    num.pre += num.multi;
  }
  let text = String(v);
  if (num.post) text += '.' + '0'.repeat(num.post);
  const l = layout(num, text);
  return finish(p, l.numstr, l.pre, l.sign);
}

/** float4_to_char (`real`) and float8_to_char. */
export function toCharFloat(value: number, format: string, real: boolean): string {
  const p = parsed(format);
  if (p === null) return '';
  const { num } = p;
  if (num.flag & F_ROMAN) return finish(p, intToRoman(cvtToInt(rint(value))), 0, NUL);
  if (num.flag & F_EEEE) {
    if (!Number.isFinite(value)) return finish(p, eeeeOverflow(num), 0, NUL);
    const s = cExp(value, num.post);
    return finish(p, s[0] === '+' ? ' ' + s.slice(1) : s, 0, NUL);
  }
  let val = value;
  if (num.flag & F_MULTI) {
    const m = Number(`1e${num.multi}`);
    val = real ? Math.fround(value * Math.fround(m)) : value * m;
    num.pre += num.multi;
  }
  const digits = real ? 6 : 15; // FLT_DIG, DBL_DIG
  const preLen = cFixed(Math.abs(val), 0).length;
  if (preLen >= digits) num.post = 0;
  else if (preLen + num.post > digits) num.post = digits - preLen;
  const l = layout(num, cFixed(val, num.post));
  return finish(p, l.numstr, l.pre, l.sign);
}

// ---------------------------------------------------------------------------------------------
// C's %.*f and %+.*e on doubles: the exact binary value, rounded half to even
// ---------------------------------------------------------------------------------------------

const f64 = new DataView(new ArrayBuffer(8));

/** |x| = num / den exactly (den a power of two). */
function exact(x: number): { num: bigint; den: bigint } {
  f64.setFloat64(0, x);
  const hi = f64.getUint32(0), lo = f64.getUint32(4);
  const bits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (bits === 0) e = -1074;
  else { mant |= 1n << 52n; e = bits - 1075; }
  return e >= 0 ? { num: mant << BigInt(e), den: 1n } : { num: mant, den: 1n << BigInt(-e) };
}

/** num/den rounded to an integer, ties to even. */
function roundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den, r = num % den;
  const twice = 2n * r;
  return twice > den || (twice === den && (q & 1n) === 1n) ? q + 1n : q;
}

/** PostgreSQL's snprintf("%.*f"): NaN and Infinity spelled out, finite values as glibc prints them. */
export function cFixed(x: number, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x < 0 ? '-Infinity' : 'Infinity';
  const neg = x < 0 || Object.is(x, -0);
  const { num, den } = exact(x);
  const digits = roundHalfEven(num * pow10(prec), den).toString().padStart(prec + 1, '0');
  const body = prec > 0 ? `${digits.slice(0, -prec)}.${digits.slice(-prec)}` : digits;
  return (neg ? '-' : '') + body;
}

/** snprintf("%+.*e") of a finite double. */
export function cExp(x: number, prec: number): string {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '+';
  let mant: bigint, e = 0;
  if (x === 0) {
    mant = 0n;
  } else {
    const { num, den } = exact(x);
    e = Math.floor(Math.log10(Math.abs(x)));
    // Make 10^e <= |x| < 10^(e+1) exactly.
    const below = (k: number): boolean => (k >= 0 ? num < den * pow10(k) : num * pow10(-k) < den);
    while (below(e)) e--;
    while (!below(e + 1)) e++;
    const shift = prec - e;
    mant = shift >= 0 ? roundHalfEven(num * pow10(shift), den) : roundHalfEven(num, den * pow10(-shift));
    if (mant === pow10(prec + 1)) { mant = pow10(prec); e++; }
  }
  const d = mant.toString().padStart(prec + 1, '0');
  const a = Math.abs(e);
  return `${sign}${d[0]}${prec > 0 ? '.' + d.slice(1) : ''}e${e < 0 ? '-' : '+'}${a < 10 ? '0' : ''}${a}`;
}
