/**
 * Watermarks in plans. A relation declared `WATERMARK FOR col AS expr` gets a watermark on
 * `col`; the runtime carries one watermark value per stream (the highest `expr` seen, in
 * microseconds). From it, each plan node knows a lower bound for some of its output
 * columns: the value below which no future row (or change) of that column can come. These
 * "watermark columns" follow RisingWave's derivation rules:
 *
 *   scan        the declared column
 *   filter      as the input
 *   project     column references, and `col ± interval` without months
 *   window      the time column; window_start/window_end of the earliest window a future
 *               row can fall in (sessions: window_end only)
 *   aggregate   group keys that are watermark columns
 *   rank/over   partition keys that are watermark columns (a row's rank or window values
 *               change with later rows of its partition)
 *   join        an equi-key pair with watermarks on both sides (the smaller bound)
 *   union       columns with a watermark in every input (the smaller bound)
 *
 * EMIT ON WINDOW CLOSE needs such a column in the view's output, and operators may drop
 * state below the bound.
 */
import type { WatermarkEntry } from '../../catalog/index.ts';
import { bindExpr, coerce, type BindContext } from '../binder/bind-expr.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import { Scope } from '../binder/scope.ts';
import { parseExpression } from '../parser/fragments.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { SqlError, type DataType } from '../types/index.ts';
import type { Interval } from '../types/interval/interval.ts';
import { SqlState } from '../../errors/index.ts';

/** Maps the stream's watermark to a lower bound on one output column. */
export type WatermarkBound = (watermark: number) => number;

/** A relation's bound watermark: the column and the expression giving the watermark of a row. */
export interface BoundWatermark {
  readonly column: number;
  readonly expr: BoundExpr;
}

const isTime = (t: DataType): boolean => t.kind === 'timestamp' || t.kind === 'timestamptz';

/**
 * Binds `WATERMARK FOR column AS expression` over a relation's columns: the column must be a
 * timestamp, and the expression is cast to its type (42804 when it cannot be).
 */
export function bindWatermark(
  columns: ReadonlyArray<{ readonly name: string; readonly type: DataType }>,
  relation: string,
  wm: WatermarkEntry,
  base: Omit<BindContext, 'scope' | 'clause'>,
): BoundWatermark {
  const column = columns.findIndex((c) => c.name === wm.column);
  if (column < 0) throw new SqlError(SqlState.undefinedColumn, `column "${wm.column}" named in WATERMARK FOR does not exist`);
  const type = columns[column]!.type;
  if (!isTime(type)) {
    throw new SqlError(SqlState.datatypeMismatch, `the watermark column "${wm.column}" must be a timestamp or timestamptz, not ${type.kind}`);
  }
  const scope = new Scope(columns.map((c) => ({ name: c.name, relation, type: c.type })));
  const ctx: BindContext = { ...base, scope, clause: 'WATERMARK' };
  const node = parseExpression(wm.expressionSql, { start: 0, end: wm.expressionSql.length });
  return { column, expr: coerce(bindExpr(node, ctx), type, ctx, 'a') };
}

const min = (a: WatermarkBound, b: WatermarkBound): WatermarkBound => (w) => Math.min(a(w), b(w));

/** The watermark columns of a plan's output: column index → bound. */
export function watermarkColumns(p: LogicalPlan): Map<number, WatermarkBound> {
  const out = new Map<number, WatermarkBound>();
  switch (p.kind) {
    case 'scan':
      if (p.watermark) out.set(p.watermark.column, (w) => w);
      return out;
    case 'filter':
    case 'series':
      return watermarkColumns(p.input);
    case 'rank':
    case 'over': {
      // A row's rank or window values change with later rows of its partition, so only
      // partitions closed as a whole are final: partition keys that are watermark columns.
      const input = watermarkColumns(p.input);
      for (const k of p.partitionBy) {
        const b = k.kind === 'column' ? input.get(k.index) : undefined;
        if (b !== undefined && k.kind === 'column') out.set(k.index, b);
      }
      return out;
    }
    case 'project': {
      const input = watermarkColumns(p.input);
      p.exprs.forEach((e, i) => {
        const b = exprBound(e, input);
        if (b !== null) out.set(i, b);
      });
      return out;
    }
    case 'window': {
      const input = watermarkColumns(p.input);
      for (const [i, b] of input) out.set(i, b);
      const time = input.get(p.timeColumn);
      if (time === undefined) return out;
      const { size, slide } = p;
      const n = p.input.schema.length;
      const floor = (v: number, unit: number): number => v - (((v % unit) + unit) % unit);
      switch (p.function) {
        case 'tumble':
        case 'hop': {
          // The earliest window a row at or above `lo` falls in starts after lo - size, on the slide.
          const start: WatermarkBound = (w) => floor(time(w) - size, slide) + slide;
          out.set(n, start);
          out.set(n + 1, (w) => start(w) + size);
          break;
        }
        case 'cumulate':
          // A later row's windows start where its size-window starts and end after it, on the step.
          out.set(n, (w) => floor(time(w), size));
          out.set(n + 1, (w) => floor(time(w), slide) + slide);
          break;
        case 'session':
          // A session ending at or below `lo` can take no later row (it would need t < end):
          // its rows and bounds are final. Its start has no bound (an open session can grow).
          // Every other column of a row can still move to a merged session.
          out.clear();
          out.set(n + 1, time);
          break;
      }
      return out;
    }
    case 'aggregate': {
      const input = watermarkColumns(p.input);
      p.groupKeys.forEach((k, i) => {
        const b = exprBound(k, input);
        if (b !== null) out.set(i, b);
      });
      return out;
    }
    case 'join': {
      if (p.type === 'semi' || p.type === 'anti') return out;
      const left = watermarkColumns(p.left);
      const right = watermarkColumns(p.right);
      const n = p.left.schema.length;
      p.leftKeys.forEach((lk, i) => {
        const rk = p.rightKeys[i]!;
        const lb = exprBound(lk, left);
        const rb = exprBound(rk, right);
        if (lb === null || rb === null) return;
        const both = min(lb, rb);
        if (lk.kind === 'column' && p.type !== 'right' && p.type !== 'full') out.set(lk.index, both);
        if (rk.kind === 'column' && p.type !== 'left' && p.type !== 'full') out.set(n + rk.index, both);
      });
      return out;
    }
    case 'union': {
      const [first, ...rest] = p.inputs.map(watermarkColumns);
      for (const [i, b] of first ?? []) {
        let bound: WatermarkBound | null = b;
        for (const r of rest) {
          const other = r.get(i);
          bound = other === undefined || bound === null ? null : min(bound, other);
        }
        if (bound !== null) out.set(i, bound);
      }
      return out;
    }
    case 'values':
    case 'replicate':
      return out;
  }
}

/** The bound of an expression over watermark columns: a column, or a column ± a fixed interval. */
function exprBound(e: BoundExpr, input: ReadonlyMap<number, WatermarkBound>): WatermarkBound | null {
  if (e.kind === 'column') return input.get(e.index) ?? null;
  if (e.kind === 'cast' && isTime(e.type) && isTime(e.arg.type) && e.type.kind === e.arg.type.kind) return exprBound(e.arg, input);
  if (e.kind === 'operator' && (e.op === '+' || e.op === '-') && e.args.length === 2 && isTime(e.type)) {
    const [a, b] = e.args as [BoundExpr, BoundExpr];
    const shift = (x: BoundExpr): number | null => {
      if (x.kind !== 'literal' || x.type.kind !== 'interval' || x.value === null) return null;
      const iv = x.value as Interval;
      // Months and (for timestamptz) days have no fixed length.
      if (iv.months !== 0 || (iv.days !== 0 && e.type.kind === 'timestamptz')) return null;
      return iv.days * 86_400_000_000 + Number(iv.micros);
    };
    const base = exprBound(a, input);
    const by = shift(b);
    if (base !== null && by !== null) return e.op === '+' ? (w) => base(w) + by : (w) => base(w) - by;
    if (e.op === '+') {
      const base2 = exprBound(b, input);
      const by2 = shift(a);
      if (base2 !== null && by2 !== null) return (w) => base2(w) + by2;
    }
  }
  return null;
}

/** `col` or `col ± fixed interval` over a timestamp column: the column and the shift in microseconds. */
function shiftedColumn(e: BoundExpr): { column: number; shift: number } | null {
  if (e.kind === 'column') return isTime(e.type) ? { column: e.index, shift: 0 } : null;
  if (e.kind === 'cast' && isTime(e.type) && e.arg.type.kind === e.type.kind) return shiftedColumn(e.arg);
  if (e.kind !== 'operator' || (e.op !== '+' && e.op !== '-') || e.args.length !== 2 || !isTime(e.type)) return null;
  const [a, b] = e.args as [BoundExpr, BoundExpr];
  const micros = (x: BoundExpr): number | null => {
    if (x.kind !== 'literal' || x.type.kind !== 'interval' || x.value === null) return null;
    const iv = x.value as Interval;
    if (iv.months !== 0 || (iv.days !== 0 && e.type.kind === 'timestamptz')) return null;
    return iv.days * 86_400_000_000 + Number(iv.micros);
  };
  const base = shiftedColumn(a);
  const by = micros(b);
  if (base !== null && by !== null) return { column: base.column, shift: base.shift + (e.op === '+' ? by : -by) };
  if (e.op === '+') {
    const base2 = shiftedColumn(b);
    const by2 = micros(a);
    if (base2 !== null && by2 !== null) return { column: base2.column, shift: base2.shift + by2 };
  }
  return null;
}

/** Per side of an interval join: the stored row's time column, and below which time it expires. */
export interface IntervalSide {
  readonly column: number;
  readonly expireBelow: WatermarkBound;
}

/**
 * The state cleaning of an interval join: from conditions `L + a <op> R + b` between a time
 * column of each side (in the residual, as from `R.t BETWEEN L.t - X AND L.t + Y`), with
 * watermarks on both. `L + a >= R + b` means a left row can only meet right rows up to
 * `L + a - b`, so it expires once the right side's bound passes that; `<=` the other way.
 */
export function intervalJoinSides(p: Extract<LogicalPlan, { kind: 'join' }>, residualParts: readonly BoundExpr[]): { left?: IntervalSide; right?: IntervalSide } {
  const nLeft = p.left.schema.length;
  const leftBounds = watermarkColumns(p.left);
  const rightBounds = watermarkColumns(p.right);
  const out: { left?: IntervalSide; right?: IntervalSide } = {};
  for (const c of residualParts) {
    if (c.kind !== 'compare' || !['<', '<=', '>', '>=', '='].includes(c.op)) continue;
    let l = shiftedColumn(c.left);
    let r = shiftedColumn(c.right);
    if (l === null || r === null) continue;
    let op = c.op;
    // Put the left side's column first.
    if (l.column >= nLeft && r.column < nLeft) {
      [l, r] = [r, l];
      op = op === '<' ? '>' : op === '<=' ? '>=' : op === '>' ? '<' : op === '>=' ? '<=' : op;
    }
    if (!(l.column < nLeft && r.column >= nLeft)) continue;
    const lc = l.column;
    const rc = r.column - nLeft;
    const a = l.shift;
    const b = r.shift;
    const boundR = rightBounds.get(rc);
    const boundL = leftBounds.get(lc);
    if ((op === '>' || op === '>=' || op === '=') && boundR !== undefined && out.left === undefined) {
      out.left = { column: lc, expireBelow: (w) => boundR(w) - a + b };
    }
    if ((op === '<' || op === '<=' || op === '=') && boundL !== undefined && out.right === undefined) {
      out.right = { column: rc, expireBelow: (w) => boundL(w) - b + a };
    }
  }
  return out;
}
