/**
 * GROUP BY: grouping keys (output positions, expressions, GROUPING SETS / ROLLUP / CUBE as
 * sets of key indexes), and expressions re-pointed at the aggregate's output.
 */
import { bindExpr, type BindContext } from '../binder/bind-expr.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import { Scope, type ScopeColumn } from '../binder/scope.ts';
import type { PgNode } from '../parser/index.ts';
import { SqlError } from '../types/index.ts';
import { exprKey, rewrite } from './expr-utils.ts';
import { RANK_MARKER } from './plan-window.ts';
import { notSupported, SqlState } from '../../errors/index.ts';
import type { ClausePlanner } from './clause-planner.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);
const colRef = (scope: Scope, index: number): BoundExpr => {
  const c = scope.columns[index] as ScopeColumn;
  return { kind: 'column', index, type: c.type, name: c.name };
};

/** A GROUP BY item: an output column position or name, or an expression over the input. */
/**
 * The GROUP BY clause as distinct key expressions and, when it has GROUPING SETS, ROLLUP
 * or CUBE, the sets (indexes into the keys) it stands for: items combine as a cross
 * product, as in PostgreSQL (`GROUP BY a, ROLLUP (b, c)` is (a,b,c), (a,b), (a)).
 */
export function bindGrouping(
  p: ClausePlanner,
  groupNodes: readonly PgNode[], bind: BindContext, targets: ReadonlyArray<{ node: PgNode | null; name: string; column?: number }>, scope: Scope,
): { keys: BoundExpr[]; sets: number[][] | null } {
  const keys: BoundExpr[] = [];
  const index = new Map<string, number>();
  const keyOf = (g: PgNode): number => {
    const e = bindGroupKey(p, g, bind, targets, scope);
    const k = exprKey(e);
    let i = index.get(k);
    if (i === undefined) {
      i = keys.length;
      keys.push(e);
      index.set(k, i);
    }
    return i;
  };
  // A unit of ROLLUP/CUBE: one expression, or a parenthesized list of them.
  const unit = (g: PgNode): number[] => {
    const row = obj(obj(g).RowExpr);
    return obj(g).RowExpr !== undefined ? list(row.args).map(keyOf) : [keyOf(g)];
  };
  const alternatives = (g: PgNode): number[][] => {
    const gs = obj(obj(g).GroupingSet);
    if (obj(g).GroupingSet === undefined) return [unit(g)];
    const content = list(gs.content);
    switch (String(gs.kind)) {
      case 'GROUPING_SET_EMPTY':
        return [[]];
      case 'GROUPING_SET_SIMPLE':
        return [content.flatMap(unit)];
      case 'GROUPING_SET_ROLLUP': {
        const units = content.map(unit);
        return units.map((_, i) => units.slice(0, units.length - i).flat()).concat([[]]);
      }
      case 'GROUPING_SET_CUBE': {
        const units = content.map(unit);
        if (units.length > 12) throw new SqlError(SqlState.statementTooComplex, 'CUBE is limited to 12 elements');
        const out: number[][] = [];
        for (let mask = (1 << units.length) - 1; mask >= 0; mask--) out.push(units.filter((_, i) => (mask & (1 << i)) !== 0).flat());
        return out;
      }
      case 'GROUPING_SET_SETS':
        return content.flatMap(alternatives);
      default:
        throw notSupported(`grouping sets of kind ${String(gs.kind)}`);
    }
  };
  const hasSets = groupNodes.some((g) => obj(g).GroupingSet !== undefined);
  let sets: number[][] = [[]];
  for (const g of groupNodes) {
    const alts = alternatives(g);
    sets = sets.flatMap((s) => alts.map((a) => [...s, ...a.filter((i) => !s.includes(i))]));
  }
  return { keys, sets: hasSets ? sets : null };
}

export function bindGroupKey(p: ClausePlanner, g: PgNode, bind: BindContext, targets: ReadonlyArray<{ node: PgNode | null; name: string; column?: number }>, scope: Scope): BoundExpr {
  const c = obj(obj(g).A_Const);
  if ('ival' in c) {
    const pos = Number(obj(c.ival).ival ?? 0);
    const t = targets[pos - 1];
    if (t === undefined) throw new SqlError(SqlState.invalidColumnReference, `GROUP BY position ${pos} is not in select list`);
    return t.node === null ? colRef(scope, t.column as number) : bindExpr(t.node, bind);
  }
  return bindExpr(g, bind);
}

/**
 * Re-points an expression over the input at the aggregate's output: group-key
 * expressions become their key column, aggregate markers their call's column; any other
 * input column is an error, as in PostgreSQL.
 */
export function overAggregate(p: ClausePlanner, e: BoundExpr, groupKeys: readonly BoundExpr[], scope: Scope, passthrough?: ReadonlyMap<number, number>): BoundExpr {
  const keys = new Map(groupKeys.map((k, i) => [exprKey(k), i]));
  return rewrite(e, (x) => {
    if (x.kind === 'column' && passthrough?.has(x.index)) return { ...x, index: passthrough.get(x.index)! };
    if (x.kind === 'column' && x.index <= RANK_MARKER) return x; // a window function's result, placed later
    if (x.kind === 'column' && x.index < 0) return { ...x, index: groupKeys.length + (-x.index - 1) };
    const k = keys.get(exprKey(x));
    if (k !== undefined) return { kind: 'column', index: k, type: x.type, name: `group${k}` };
    if (x.kind === 'column') {
      const c = scope.columns[x.index] as ScopeColumn;
      throw new SqlError(SqlState.groupingError, `column "${c.relation === null ? c.name : `${c.relation}.${c.name}`}" must appear in the GROUP BY clause or be used in an aggregate function`);
    }
    return undefined;
  });
}
