/**
 * string_agg(bytea, bytea): text's string_agg over the bytes read as Latin-1 (one character
 * per byte), so arrival order, ORDER BY inside the call and retraction behave as for text.
 * The delimiter reaches the aggregate as text (the planner binds it as string_agg's text
 * delimiter), so it is read with bytea's input function: `','` and `'\x2c'` are one byte 0x2c.
 * A NULL delimiter joins without one, as PostgreSQL's does.
 */
import type { RetractableAggregate } from '../../../runtime/relational/aggregate-function.ts';
import { BYTEA, parseBytea } from '../../types/index.ts';
import type { SqlAggregate } from './aggregates.ts';

const latin1 = (v: Uint8Array): string => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1');

/** `inner` is text's string_agg (ordered when `ordered`), whose input is [value, delimiter] (with sort keys). */
export function byteaStringAgg(inner: RetractableAggregate, ordered: boolean): SqlAggregate {
  let lastText: string | null = null;
  let lastBytes = '';
  const delimiter = (d: unknown): string => {
    if (d === null) return '';
    if (d !== lastText) {
      lastBytes = latin1(parseBytea(d as string));
      lastText = d as string;
    }
    return lastBytes;
  };
  const pair = (p: unknown): unknown => {
    if (p === null) return null;
    const [v, d] = p as [Uint8Array, unknown];
    return [latin1(v), delimiter(d)];
  };
  const input = ordered ? (x: unknown): unknown => [pair((x as [unknown, unknown])[0]), (x as [unknown, unknown])[1]] : pair;
  const fn: RetractableAggregate = {
    create: () => inner.create(),
    add: (a, v) => inner.add(a, input(v)),
    retract: (a, v) => inner.retract(a, input(v)),
    result: (a) => {
      const s = inner.result(a) as string | null;
      return s === null ? null : new Uint8Array(Buffer.from(s, 'latin1'));
    },
    ignoresNulls: inner.ignoresNulls,
  };
  return { fn, resultType: BYTEA, argType: BYTEA };
}
