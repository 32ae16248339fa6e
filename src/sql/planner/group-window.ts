/**
 * Flink's group windows: a window function among the GROUP BY items,
 *
 *   SELECT bidder, count(*), SESSION_START(ts, INTERVAL '10' SECOND), SESSION_END(...)
 *   FROM bid GROUP BY bidder, SESSION(ts, INTERVAL '10' SECOND)
 *
 * with TUMBLE(ts, size), HOP(ts, slide, size) and SESSION(ts, gap). The FROM result gets a
 * window node (for SESSION partitioned by the other GROUP BY items), the window function in
 * GROUP BY becomes its window_start and window_end, and `<fn>_START(...)` / `<fn>_END(...)`
 * anywhere in the query refer to them. The same windows as the table-function form.
 */
import { bindExpr, type BindContext } from '../binder/bind-expr.ts';
import { Scope, type ScopeColumn } from '../binder/scope.ts';
import type { PgNode } from '../parser/index.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { SqlError } from '../types/index.ts';
import { intervalMicros, type PlannerContext } from './plan-from.ts';
import { notSupported, SqlState } from '../../errors/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);
const sval = (v: unknown): string => String(obj(obj(v).String).sval);

const GROUP_WINDOWS: Record<string, number> = { tumble: 2, hop: 3, session: 2 };
const RELATION = '$window';

function funcName(node: unknown): string | null {
  const call = obj(node).FuncCall;
  if (call === undefined) return null;
  const names = list(obj(call).funcname).map(sval);
  return names.length === 1 ? (names[0] as string).toLowerCase() : null;
}

const columnRef = (name: string): PgNode => ({ ColumnRef: { fields: [{ String: { sval: RELATION } }, { String: { sval: name } }], location: -1 } }) as unknown as PgNode;

/** Copies `tree`, replacing nodes for which `replace` gives a node. */
function mapTree(tree: unknown, replace: (node: unknown) => PgNode | undefined): unknown {
  const r = replace(tree);
  if (r !== undefined) return r;
  if (Array.isArray(tree)) return tree.map((t) => mapTree(t, replace));
  if (tree === null || typeof tree !== 'object') return tree;
  const out: Obj = {};
  for (const [k, v] of Object.entries(tree)) out[k] = mapTree(v, replace);
  return out;
}

export interface GroupWindowResult {
  readonly select: Obj;
  readonly plan: LogicalPlan;
  readonly scope: Scope;
}

/** Plans a group window in `select`'s GROUP BY, if there is one; otherwise returns the input as is. */
export function planGroupWindow(select: Obj, plan: LogicalPlan, scope: Scope, ctx: PlannerContext, bind: (scope: Scope) => BindContext): GroupWindowResult {
  const groups = list(select.groupClause);
  const at = groups.findIndex((g) => {
    const name = funcName(g);
    return name !== null && GROUP_WINDOWS[name] === list(obj(obj(g).FuncCall).args).length;
  });
  if (at < 0) return { select, plan, scope };
  if (groups.some((g, i) => i !== at && funcName(g) !== null && GROUP_WINDOWS[funcName(g)!] !== undefined)) {
    throw notSupported('more than one group window in GROUP BY');
  }
  const fn = funcName(groups[at]) as 'tumble' | 'hop' | 'session';
  const args = list(obj(obj(groups[at]).FuncCall).args);
  const time = bindExpr(args[0] as PgNode, bind(scope));
  if (time.kind !== 'column') throw notSupported(`${fn.toUpperCase()} over an expression in GROUP BY`, 'Group by a window over a column.');
  if (time.type.kind !== 'timestamp' && time.type.kind !== 'timestamptz') {
    throw new SqlError(SqlState.datatypeMismatch, `the time column of ${fn.toUpperCase()} must be a timestamp, not ${time.type.kind}`);
  }
  const size = intervalMicros(args[args.length - 1] as PgNode, ctx, fn === 'session' ? 'session gap' : 'window size');
  const slide = fn === 'hop' ? intervalMicros(args[1] as PgNode, ctx, 'window slide') : size;
  const others = groups.filter((_, i) => i !== at);
  const partitionBy = fn !== 'session' ? [] : others.map((g) => {
    if ('GroupingSet' in obj(g)) throw notSupported('SESSION next to GROUPING SETS');
    return bindExpr(g, bind(scope));
  });
  const schema: ScopeColumn[] = [
    ...plan.schema,
    { name: 'window_start', relation: RELATION, type: time.type, hidden: true },
    { name: 'window_end', relation: RELATION, type: time.type, hidden: true },
  ];
  const window: LogicalPlan = { kind: 'window', input: plan, function: fn, timeColumn: time.index, size, slide, partitionBy, schema };
  // <fn>_START(...) and <fn>_END(...) are the window's bounds, wherever they appear.
  const aux = (node: unknown): PgNode | undefined => {
    const name = funcName(node);
    if (name === `${fn}_start`) return columnRef('window_start');
    if (name === `${fn}_end`) return columnRef('window_end');
    return undefined;
  };
  const rewritten: Obj = {
    ...select,
    groupClause: [...groups.slice(0, at), columnRef('window_start'), columnRef('window_end'), ...groups.slice(at + 1)],
    targetList: mapTree(select.targetList, aux),
    ...(select.havingClause !== undefined && { havingClause: mapTree(select.havingClause, aux) }),
    ...(select.sortClause !== undefined && { sortClause: mapTree(select.sortClause, aux) }),
  };
  return { select: rewritten, plan: window, scope: new Scope(schema) };
}
