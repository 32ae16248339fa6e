/**
 * Limits on one value and on statement nesting, with PostgreSQL's errors for crossing them.
 *
 * PostgreSQL caps a field at 1 GB (MaxAllocSize); a JavaScript string holds at most V8's
 * `MAX_STRING_LENGTH` UTF-16 units (2^29 − 24 on 64-bit), about half that, so that is Weir's
 * cap on a text value. Every function that builds a longer string than its inputs checks
 * against it before allocating (`checkTextLength`, `textAppendCheck`), so the client gets
 * 54000 rather than V8's "Invalid string length"; anything that still hits a V8 limit is
 * mapped at the statement boundary by `resourceLimitError`.
 */
import { constants } from 'node:buffer';
import { SqlError } from './sql-error.ts';
import { SqlState } from '../../errors/index.ts';

/** The longest text value, in UTF-16 units (what `string.length` counts). */
export const MAX_TEXT_LENGTH: number = constants.MAX_STRING_LENGTH;

/** PostgreSQL's MaxArraySize: elements in one array. */
export const MAX_ARRAY_ELEMENTS = 134_217_727;

/** lpad/rpad/repeat asked for more than a value can hold: PostgreSQL's wording. */
export function requestedLengthTooLarge(): SqlError {
  return new SqlError(SqlState.programLimitExceeded, 'requested length too large');
}

/** Throws `requested length too large` when a result of `length` units would not fit. */
export function checkTextLength(length: number): void {
  if (!(length <= MAX_TEXT_LENGTH)) throw requestedLengthTooLarge();
}

/**
 * Growing text past the cap (||, string_agg, concat, format, replace, ...): PostgreSQL's
 * StringInfo error, `out of memory` with how much it held and wanted.
 */
export function outOfMemory(have: number, more: number): SqlError {
  return new SqlError(SqlState.programLimitExceeded, 'out of memory', { detail: `Cannot enlarge string buffer containing ${have} bytes by ${more} more bytes.` });
}

/** Throws `out of memory` unless `more` units can be appended to text of `have` units. */
export function textAppendCheck(have: number, more: number): void {
  if (have + more > MAX_TEXT_LENGTH) throw outOfMemory(have, more);
}

/** `a || b`, refused when the result would exceed the cap. */
export function concatText(a: string, b: string): string {
  textAppendCheck(a.length, b.length);
  return a + b;
}

/** `parts.join(separator)`, refused when the result would exceed the cap. */
export function joinText(parts: readonly string[], separator: string): string {
  let length = 0;
  for (let i = 0; i < parts.length; i++) {
    const more = parts[i]!.length + (i > 0 ? separator.length : 0);
    textAppendCheck(length, more);
    length += more;
  }
  return parts.join(separator);
}

/** An array of `n` elements: PostgreSQL's ArrayGetNItems error past MaxArraySize. */
export function checkArrayLength(n: number): void {
  if (n > MAX_ARRAY_ELEMENTS) throw new SqlError(SqlState.programLimitExceeded, `array size exceeds the maximum allowed (${MAX_ARRAY_ELEMENTS})`);
}

/** PostgreSQL's check_stack_depth error: the statement nests deeper than Weir can follow. */
export function stackDepthExceeded(): SqlError {
  return new SqlError(SqlState.statementTooComplex, 'stack depth limit exceeded', {
    hint: `Increase the configuration parameter "max_stack_depth" (currently ${MAX_STACK_DEPTH_KB}kB), after ensuring the platform's stack depth limit is adequate.`,
  });
}

/** What `max_stack_depth` stands for in Weir: V8's default stack (`--stack-size`, 984 kB). */
const MAX_STACK_DEPTH_KB = stackSizeKb();

function stackSizeKb(): number {
  const flag = process.execArgv.find((a) => a.startsWith('--stack-size=') || a.startsWith('--stack_size='));
  const kb = flag === undefined ? NaN : Number(flag.slice(flag.indexOf('=') + 1));
  return Number.isFinite(kb) && kb > 0 ? kb : 984;
}

/**
 * The SQL error for a V8 limit a statement ran into, wherever it was thrown (binding,
 * planning, a job's operator — the cause chain is followed): stack overflow → 54001,
 * a string or array too long → 54000. Null for any other error.
 */
export function resourceLimitError(e: unknown): SqlError | null {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 10; cur = cur.cause, depth++) {
    if (cur instanceof SqlError) return null;
    if (cur instanceof RangeError || cur.name === 'RangeError') {
      if (cur.message.includes('Maximum call stack size exceeded')) return stackDepthExceeded();
      if (cur.message.includes('Invalid string length')) return new SqlError(SqlState.programLimitExceeded, 'out of memory', { detail: 'A text value would exceed the maximum length of a value.' });
      if (cur.message.includes('Invalid array length') || cur.message.includes('Array buffer allocation failed')) return new SqlError(SqlState.programLimitExceeded, 'out of memory');
    }
  }
  // Errors wrapped without a cause (a job's failure from another thread) still name V8's message.
  const message = e instanceof Error ? e.message : '';
  if (message.endsWith('Maximum call stack size exceeded')) return stackDepthExceeded();
  if (message.endsWith('Invalid string length')) return new SqlError(SqlState.programLimitExceeded, 'out of memory');
  return null;
}
