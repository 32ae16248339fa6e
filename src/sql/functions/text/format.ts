/**
 * format() and the quoting functions (varlena.c text_format, quote.c, ruleutils.c
 * quote_identifier): `%s` (output text, NULL as empty), `%I` (identifier, quoted when needed),
 * `%L` (literal, NULL as NULL), `%%`, argument positions `%2$s`, `-` flag and widths (`%10s`,
 * `%*s`, `%*2$s`), with PostgreSQL's errors.
 */
import { INTEGER, TEXT, SqlError, SqlState, parseValue, textAppendCheck, type DataType, type SessionContext } from '../../types/index.ts';
import { ANY, ANYELEMENT, fn, polyFn, type FunctionImpl, type FunctionSignature } from '../function-signature.ts';
import { cpLength } from './code-points.ts';
import { castToText, textOutput, type TextOutput } from './text-output.ts';

/** Keywords quote_identifier must quote: every category except unreserved (PostgreSQL 15's kwlist.h). */
const QUOTED_KEYWORDS = new Set((
  'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create '
  + 'current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc '
  + 'distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral '
  + 'leading limit localtime localtimestamp not null offset on only or order placing primary references returning '
  + 'select session_user some symmetric table then to trailing true union unique user using variadic when where '
  + 'window with authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull '
  + 'join left like natural notnull outer overlaps right similar tablesample verbose between bigint bit boolean char '
  + 'character coalesce dec decimal exists extract float greatest grouping inout int integer interval least national '
  + 'nchar none normalize nullif numeric out overlay position precision real row setof smallint substring time '
  + 'timestamp treat trim values varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces '
  + 'xmlparse xmlpi xmlroot xmlserialize xmltable'
).split(' '));

export function quoteIdent(s: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(s) && !QUOTED_KEYWORDS.has(s)) return s;
  return `"${s.replace(/"/g, '""')}"`;
}

/** quote_literal: doubled quotes, and the E'' form with doubled backslashes when there are any. */
export function quoteLiteral(s: string): string {
  const body = s.replace(/'/g, "''");
  return s.includes('\\') ? `E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}

const badFormat = (message: string): SqlError =>
  new SqlError(SqlState.invalidParameterValue, message, { hint: 'For a single "%" use "%%".' });
const unterminated = (): SqlError => badFormat('unterminated format() type specifier');
const tooFew = (): SqlError => new SqlError(SqlState.invalidParameterValue, 'too few arguments for format()');
const argZero = (): SqlError => new SqlError(SqlState.invalidParameterValue, 'format specifies argument 0, but arguments are numbered from 1');

function appendPadded(s: string, width: number, leftAlign: boolean): string {
  if (width === 0) return s;
  const n = cpLength(s);
  if (n >= width) return s;
  return leftAlign ? s + ' '.repeat(width - n) : ' '.repeat(width - n) + s;
}

/** The format() state machine; `args[0]` is the format string. */
function runFormat(args: readonly unknown[], out: readonly TextOutput[], session: SessionContext): string | null {
  const f = args[0];
  if (f === null) return null;
  const fmt = f as string;
  let result = '';
  let arg = 0;
  const digits = (i: number): [number, number] | undefined => {
    let j = i;
    let n = 0;
    while (j < fmt.length && fmt[j]! >= '0' && fmt[j]! <= '9') {
      n = n * 10 + (fmt.charCodeAt(j) - 48);
      if (n > 2147483647) throw new SqlError(SqlState.invalidParameterValue, 'number is out of range');
      j++;
    }
    return j === i ? undefined : [n, j];
  };
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch !== '%') { result += ch; continue; }
    if (++i >= fmt.length) throw unterminated();
    if (fmt[i] === '%') { result += '%'; continue; }
    let argpos = -1, widthpos = -1, width = 0, leftAlign = false;
    const d = digits(i);
    let typ: string;
    if (d !== undefined && fmt[d[1]] !== '$') {
      width = d[0];
      i = d[1];
    } else {
      if (d !== undefined) {
        if (d[0] === 0) throw argZero();
        argpos = d[0];
        i = d[1] + 1;
        if (i >= fmt.length) throw unterminated();
      }
      while (fmt[i] === '-') { leftAlign = true; if (++i >= fmt.length) throw unterminated(); }
      if (fmt[i] === '*') {
        if (++i >= fmt.length) throw unterminated();
        const w = digits(i);
        if (w !== undefined) {
          if (fmt[w[1]] !== '$') throw new SqlError(SqlState.invalidParameterValue, 'width argument position must be ended by "$"');
          if (w[0] === 0) throw argZero();
          widthpos = w[0];
          i = w[1] + 1;
          if (i >= fmt.length) throw unterminated();
        } else widthpos = 0;
      } else {
        const w = digits(i);
        if (w !== undefined) { width = w[0]; i = w[1]; }
      }
    }
    if (i >= fmt.length) throw unterminated();
    typ = fmt[i]!;
    if (typ !== 's' && typ !== 'I' && typ !== 'L') throw badFormat(`unrecognized format() type specifier "${Array.from(fmt.slice(i))[0]}"`);
    if (widthpos >= 0) {
      arg = widthpos > 0 ? widthpos : arg + 1;
      if (arg >= args.length) throw tooFew();
      const v = args[arg];
      // A width that is not an integer goes through int4's input function, as in PostgreSQL.
      width = v === null ? 0 : typeof v === 'number' && Number.isInteger(v) ? v : parseValue(INTEGER, out[arg]!(v, session)) as number;
      if (width < 0) { leftAlign = true; width = -width; }
    }
    arg = argpos > 0 ? argpos : arg + 1;
    if (arg >= args.length) throw tooFew();
    const v = args[arg];
    let text: string;
    if (v === null) {
      if (typ === 'I') throw new SqlError(SqlState.nullValueNotAllowed, 'null values cannot be formatted as an SQL identifier');
      text = typ === 'L' ? 'NULL' : '';
    } else {
      const s = out[arg]!(v, session);
      text = typ === 's' ? s : typ === 'I' ? quoteIdent(s) : quoteLiteral(s);
    }
    // PostgreSQL appends the padding first: a width beyond what a value holds fails there.
    const padding = width - cpLength(text);
    if (padding > 0) textAppendCheck(result.length, padding);
    const piece = appendPadded(text, width, leftAlign);
    textAppendCheck(result.length, piece.length);
    result += piece;
  }
  return result;
}

function bindFormat(argTypes: readonly DataType[]): FunctionImpl {
  const out = argTypes.map(textOutput);
  return (a, session) => runFormat(a, out, session);
}

export const FORMAT_FUNCTIONS: readonly FunctionSignature[] = [
  polyFn('format', [TEXT], TEXT, bindFormat, { strict: false, volatility: 'stable' }),
  polyFn('format', [TEXT], TEXT, bindFormat, { variadic: ANY, strict: false, volatility: 'stable' }),
  fn('quote_ident', [TEXT], TEXT, (a) => quoteIdent(a[0] as string)),
  fn('quote_literal', [TEXT], TEXT, (a) => quoteLiteral(a[0] as string)),
  // quote_literal(anyelement) is quote_literal($1::text): booleans as true/false, not t/f.
  polyFn('quote_literal', [ANYELEMENT], TEXT, (t) => { const o = castToText(t[0]!); return (a, s) => quoteLiteral(o(a[0], s)); }, { volatility: 'stable' }),
  fn('quote_nullable', [TEXT], TEXT, (a) => (a[0] === null ? 'NULL' : quoteLiteral(a[0] as string)), { strict: false }),
  polyFn('quote_nullable', [ANYELEMENT], TEXT, (t) => { const o = castToText(t[0]!); return (a, s) => (a[0] === null ? 'NULL' : quoteLiteral(o(a[0], s))); }, { strict: false, volatility: 'stable' }),
];
