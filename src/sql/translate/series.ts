/**
 * Set-returning functions and replication: a `flatMap` over each row. Change kinds pass
 * through flatMap: a retracted row retracts its whole series (or its copies).
 */
import type { DataStream } from '../../api/datastream.ts';
import type { Collector } from '../../runtime/functions.ts';
import { compileProjection } from '../codegen/compile-expr.ts';
import type { SeriesCall } from '../plan/logical.ts';
import type { SetReturningFunction } from '../functions/index.ts';
import type { StreamProjectSet } from '../physical/stream-project-set.ts';
import type { StreamReplicate } from '../physical/stream-replicate.ts';
import { SqlError } from '../types/index.ts';
import type { Row, TranslateContext } from './context.ts';
import { SqlState } from '../../errors/index.ts';

export function projectSet(p: StreamProjectSet, input: DataStream<Row>, ctx: TranslateContext): DataStream<Row> {
  if (p.zip) {
    const calls = p.calls.map((c) => ({ call: c, args: compileProjection(c.args, ctx.session).fn }));
    return input
      .flatMap((row: Row, out: Collector<Row>) => {
        const columns = calls.map((c) => seriesValues(c.call, c.args(row)));
        const n = Math.max(0, ...columns.map((v) => v.length));
        for (let i = 0; i < n; i++) out.collect([...row, ...columns.map((v) => (i < v.length ? v[i] : null))]);
      })
      .name('ProjectSet');
  }
  const call = p.calls[0]!;
  const { fn, args: argExprs } = call;
  const args = compileProjection(argExprs, ctx.session).fn;
  const ordinality = p.ordinality;
  if (fn === 'generate_subscripts' || fn === '_pg_expandarray' || fn === 'library') {
    return input
      .flatMap((row: Row, out: Collector<Row>) => {
        seriesValues(call, args(row)).forEach((v, i) => out.collect(ordinality ? [...row, v, i + 1] : [...row, v]));
      })
      .name('ProjectSet');
  }
  if (fn === 'unnest') {
    return input
      .flatMap((row: Row, out: Collector<Row>) => {
        const [arr] = args(row);
        if (arr === null || arr === undefined) return;
        (arr as readonly unknown[]).forEach((v, i) => out.collect(ordinality ? [...row, v, i + 1] : [...row, v]));
      })
      .name('ProjectSet');
  }
  const exclusive = fn === 'range';
  return input
    .flatMap((row: Row, out: Collector<Row>) => {
      integerSeries(args(row), exclusive).forEach((v, i) => out.collect(ordinality ? [...row, v, i + 1] : [...row, v]));
    })
    .name('ProjectSet');
}

export function replicate(p: StreamReplicate, input: DataStream<Row>): DataStream<Row> {
  const width = p.schema.length;
  // A row whose count drops retracts its old copies.
  return input
    .flatMap((row: Row, out: Collector<Row>) => {
      const n = Number(row[width]);
      const values = row.slice(0, width);
      for (let i = 0; i < n; i++) out.collect(values);
    })
    .name('Replicate');
}

/** The values of one set-returning function call, for one row's arguments. */
function seriesValues({ fn, library }: SeriesCall, args: readonly unknown[]): readonly unknown[] {
  switch (fn) {
    case 'library':
      return libraryValues(library!, args);
    case 'unnest':
      return (args[0] as readonly unknown[] | null) ?? [];
    case '_pg_expandarray':
      return ((args[0] as readonly unknown[] | null) ?? []).map((v, i) => [v, i + 1]);
    case 'generate_subscripts': {
      // One-dimensional arrays (Weir's): subscripts 1..n of dimension 1, reversed on request.
      const [arr, dim, reverse] = args;
      if (arr === null || dim === null || Number(dim) !== 1) return [];
      const n = (arr as readonly unknown[]).length;
      const subscripts = Array.from({ length: n }, (_, i) => i + 1);
      return reverse === true ? subscripts.reverse() : subscripts;
    }
    case 'generate_series':
    case 'range':
      return integerSeries(args, fn === 'range');
  }
}

/** A library function's rows for one call: its one column's values, or records of its columns. NULL arguments give none (all are strict). */
function libraryValues(f: SetReturningFunction, args: readonly unknown[]): readonly unknown[] {
  if (args.some((a) => a === null)) return [];
  const rows = f.rows(args);
  return f.columns.length === 1 ? rows.map((r) => r[0]) : rows;
}

/** generate_series over integers; range (RisingWave's) stops before `stop`. */
function integerSeries([start, stop, step = 1]: readonly unknown[], exclusive: boolean): number[] {
  if (start === null || stop === null || step === null) return [];
  const by = Number(step);
  if (by === 0) throw new SqlError(SqlState.invalidParameterValue, 'step size cannot equal zero');
  const end = exclusive ? Number(stop) - Math.sign(by) : Number(stop);
  const values: number[] = [];
  for (let v = Number(start); by > 0 ? v <= end : v >= end; v += by) values.push(v);
  return values;
}
