/**
 * A value's text as its type's output function prints it, for functions that take `"any"`
 * (concat, format, jsonb_build_object keys). timestamptz depends on the session TimeZone, so
 * the formatter takes the session per call; every other type's formatter is fixed once.
 */
import { formatterFor, type DataType, type SessionContext } from '../../types/index.ts';
import { formatTimestamptz } from '../../types/datetime/datetime-format.ts';

export type TextOutput = (v: unknown, session: SessionContext) => string;

export function textOutput(t: DataType): TextOutput {
  if (t.kind === 'timestamptz') return (v, s) => formatTimestamptz(v as number | bigint, s.timeZone);
  const f = formatterFor(t) as (v: unknown) => string;
  return (v) => f(v);
}

/** `x::text`: the output function, except that boolean's cast prints true/false (booltext). */
export function castToText(t: DataType): TextOutput {
  return t.kind === 'boolean' ? (v) => ((v as boolean) ? 'true' : 'false') : textOutput(t);
}
