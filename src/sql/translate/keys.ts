/**
 * Partitioning as a node's distribution asks: the key function of each input (hash on its
 * keys, or one constant key), and one subtask for a node that needs all rows in one place.
 */
import type { DataStream } from '../../api/datastream.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import { compileProjection } from '../codegen/compile-expr.ts';
import type { Distribution } from '../physical/stream-plan.ts';
import { hashKeyFor, type SessionContext } from '../types/index.ts';

type Row = readonly unknown[];

/** The key rows are partitioned and grouped by: equal SQL values give equal keys; NULL is its own key when `nullMatches`, else no key (null). */
export function keyFunction(keys: readonly BoundExpr[], session: SessionContext, nullMatches: boolean): (row: Row) => unknown {
  const hashes = keys.map((k) => hashKeyFor(k.type));
  // Keys that are columns (the usual GROUP BY and join keys) are read from the row directly:
  // the key is computed for every row twice, where it is partitioned and where it is kept.
  const columns = keys.every((k) => k.kind === 'column') ? keys.map((k) => (k as Extract<BoundExpr, { kind: 'column' }>).index) : null;
  const project = columns === null ? compileProjection(keys, session).fn : null;
  const part = (v: unknown, i: number): string | null => {
    if (v === null) return nullMatches ? '\u0000null\u0001' : null;
    const h = hashes[i]!(v as never);
    return `${typeof h === 'bigint' ? `${h}n` : typeof h === 'string' ? JSON.stringify(h) : String(h)}\u0001`;
  };
  if (keys.length === 1) {
    const h = hashes[0]!;
    const single = (v: unknown): unknown => (v === null ? (nullMatches ? '\u0000null' : null) : h(v as never));
    if (columns !== null) {
      const c = columns[0]!;
      return (row) => single(row[c]);
    }
    return (row) => single(project!(row)[0]);
  }
  if (columns !== null) {
    const n = columns.length;
    return (row) => {
      let key = '';
      for (let i = 0; i < n; i++) {
        const p = part(row[columns[i]!], i);
        if (p === null) return null;
        key += p;
      }
      return key;
    };
  }
  return (row) => {
    const vs = project!(row);
    let key = '';
    for (let i = 0; i < vs.length; i++) {
      const p = part(vs[i], i);
      if (p === null) return null;
      key += p;
    }
    return key;
  };
}

/** The key of input `input`'s rows under `d`: its hash keys, or `single` for every row. */
export function inputKey(d: Distribution, input: number, session: SessionContext, single: unknown = 0): (row: Row) => unknown {
  if (d.kind !== 'hash') return () => single;
  return keyFunction(d.keys[input] ?? [], session, d.nullsMatch);
}

/** A node whose rows must all be in one place runs on one subtask (the one every constant key belongs to at parallelism 1). */
export function placed<T>(stream: DataStream<T>, d: Distribution): DataStream<T> {
  return d.kind === 'singleton' ? stream.setParallelism(1) : stream;
}
