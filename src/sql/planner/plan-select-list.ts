/**
 * The select list: its items with `*` and `t.*` expanded over the FROM columns, named as
 * PostgreSQL names them; and its set-returning calls (generate_series, unnest, ...), which
 * multiply the rows before the rest of the level is planned: one `series` node, several
 * calls in lockstep as PostgreSQL runs them (the shorter padded with NULLs).
 */
import type { BindContext } from '../binder/bind-expr.ts';
import { bindExpr } from '../binder/bind-expr.ts';
import { Scope } from '../binder/scope.ts';
import type { PgNode } from '../parser/index.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { columnName } from './column-name.ts';
import { SqlError } from '../types/index.ts';
import { SqlState } from '../../errors/index.ts';
import { seriesCall, setReturning } from './plan-from.ts';
import { isSetReturningName } from '../functions/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);
const sval = (v: unknown): string => String(obj(obj(v).String).sval ?? '');

/** A select-list item: an expression to bind, or (`node` null) a column of the rows as they are. */
export interface Target {
  readonly node: PgNode | null;
  readonly name: string;
  readonly column?: number;
}

/** The select list's items, `*` and `t.*` expanded over `scope`. */
export function selectTargets(targetList: unknown, scope: Scope): Target[] {
  const targets: Target[] = [];
  for (const t of list(targetList)) {
    const rt = obj(obj(t).ResTarget);
    const val = rt.val as PgNode;
    const fields = list(obj(obj(val).ColumnRef).fields);
    const last = fields[fields.length - 1] as Obj | undefined;
    if (last !== undefined && 'A_Star' in last) {
      const relation = fields.length >= 2 ? sval(fields[fields.length - 2]) : null;
      const except = exceptColumns(obj(obj(val).ColumnRef).except, scope);
      for (const i of scope.star(relation)) if (!except.has(i)) targets.push({ node: null, name: scope.columns[i]!.name, column: i });
      continue;
    }
    targets.push({ node: val, name: rt.name === undefined ? columnName(val) : String(rt.name) });
  }
  return targets;
}

/**
 * The columns `* EXCEPT (...)` leaves out (parser/select-except.ts), each name resolved as a
 * column reference of the level: unknown (42703) and ambiguous (42702) names fail as they
 * would anywhere; a column the star does not cover leaves it as it is.
 */
function exceptColumns(except: unknown, scope: Scope): Set<number> {
  const out = new Set<number>();
  if (!Array.isArray(except)) return out;
  for (const parts of except as Array<readonly string[] | null>) {
    if (parts === null) throw new SqlError(SqlState.syntaxError, 'Only support column name in except list (the EXCEPT list of * takes column names only)');
    const name = parts[parts.length - 1]!;
    const i = scope.resolve(name, parts.length >= 2 ? parts[parts.length - 2]! : null);
    if (out.has(i)) throw new SqlError(SqlState.duplicateColumn, `Duplicate entry in except list: column "${name}" is named more than once`);
    out.add(i);
  }
  return out;
}

export interface SetReturningTargets {
  readonly plan: LogicalPlan;
  readonly scope: Scope;
  readonly targets: Target[];
}

/**
 * The select list's set-returning calls applied to `plan`: each such item (or a field of
 * one, `(_pg_expandarray(a)).n`) then reads the column of its values. Unchanged without any.
 */
export function planSetReturningTargets(targets: readonly Target[], plan: LogicalPlan, scope: Scope, bind: BindContext): SetReturningTargets {
  const out = [...targets];
  const srf = targets.filter((t) => t.node !== null && srfCall(t.node) !== null);
  if (srf.length > 1 || srf.some((t) => !isSeriesCall(t.node!))) {
    const zip = srf.map((t) => {
      const call = obj(obj(srfCall(t.node!)).FuncCall);
      const names = list(call.funcname).map(sval);
      return seriesCall((names[names.length - 1] ?? '').toLowerCase(), list(call.args).map((a) => bindExpr(a, bind)), bind);
    });
    const base = plan.schema.length;
    const series: LogicalPlan = {
      kind: 'series', input: plan, args: [], zip: zip.map((z) => ({ fn: z.fn, args: z.args, ...(z.library !== undefined && { library: z.library }) })),
      schema: [...plan.schema, ...zip.map((z, i) => ({ name: `c${i}`, relation: '$srf', type: z.type, hidden: true }))],
    };
    srf.forEach((t, i) => {
      const indirection = obj(obj(t.node).A_Indirection);
      out[targets.indexOf(t)] = isSeriesCall(t.node!)
        ? { node: null, name: t.name, column: base + i }
        : { node: { A_Indirection: { ...indirection, arg: { ColumnRef: { fields: [{ String: { sval: '$srf' } }, { String: { sval: `c${i}` } }], location: -1 } } } } as unknown as PgNode, name: t.name };
    });
    return { plan: series, scope: new Scope(series.schema), targets: out };
  }
  if (srf.length === 1) {
    const t = srf[0]!;
    const call = obj(obj(t.node).FuncCall);
    const names = list(call.funcname).map(sval);
    const fn = (names[names.length - 1] ?? '').toLowerCase();
    const index = plan.schema.length;
    const series = setReturning(plan, fn, list(call.args), bind, false, fn, null);
    out[targets.indexOf(t)] = { node: null, name: t.name, column: index };
    return { plan: series, scope: new Scope(series.schema), targets: out };
  }
  return { plan, scope, targets: out };
}

/** A set-returning call, or a field of one (`(_pg_expandarray(a)).n`). */
function srfCall(node: PgNode): PgNode | null {
  if (isSeriesCall(node)) return node;
  const arg = obj(obj(node).A_Indirection).arg as PgNode | undefined;
  return arg !== undefined && isSeriesCall(arg) ? arg : null;
}

/** `generate_series(...)` as a whole select-list item (not nested in an expression). */
function isSeriesCall(node: PgNode): boolean {
  const call = obj(obj(node).FuncCall);
  if (obj(node).FuncCall === undefined || call.over !== undefined) return false;
  const names = list(call.funcname).map(sval);
  const name = (names[names.length - 1] ?? '').toLowerCase();
  return name === 'generate_series' || name === 'range' || name === 'unnest' || name === 'generate_subscripts' || name === '_pg_expandarray' || isSetReturningName(name);
}
