/**
 * WHERE: its AND-ed parts without subqueries filter the FROM rows first; its `x [NOT] IN
 * (q)` and `[NOT] EXISTS (q)` parts become semi and anti joins; what is left is one filter
 * (a filter on a rank column over a ranked subquery becomes that rank's limit, a Top-N).
 * The subqueries used as values elsewhere in the level are found here too (valueSubLinks).
 */
import { asCondition, bindExpr, type BindContext } from '../binder/bind-expr.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { Scope } from '../binder/scope.ts';
import type { PgNode } from '../parser/index.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { conjuncts } from './expr-utils.ts';
import { semiJoinSubquery, type SubqueryCondition, type SubqueryHost } from './plan-subqueries.ts';
import { andOf, hasSubLink, whereConjuncts } from './syntax.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);
const sval = (v: unknown): string => String(obj(obj(v).String).sval ?? '');

type Bind = (scope: Scope, clause: string) => BindContext;

/** `plan` filtered by the AND of `parts`, bound over `scope`. */
function filtered(plan: LogicalPlan, scope: Scope, parts: readonly PgNode[], bind: Bind): LogicalPlan {
  const ctx = bind(scope, 'WHERE');
  const predicate = asCondition(bindExpr(andOf([...parts]), ctx), ctx, 'WHERE');
  return { kind: 'filter', input: pushRankLimit(plan, predicate), predicate, schema: plan.schema };
}

/**
 * Of a WHERE clause that has subqueries, its conjuncts without any: applied to the FROM rows
 * now, so that the subqueries' domains (the outer values they are planned for) are the rows
 * that pass. The rest stays for the subqueries' joins. Unchanged without subqueries.
 */
export function whereBeforeSubqueries(select: Obj, plan: LogicalPlan, scope: Scope, bind: Bind): { select: Obj; plan: LogicalPlan } {
  if (select.whereClause === undefined) return { select, plan };
  const parts = whereConjuncts(select.whereClause as PgNode);
  const plain = parts.filter((p) => !hasSubLink(p));
  if (plain.length === 0 || plain.length === parts.length) return { select, plan };
  return { select: { ...select, whereClause: andOf(parts.filter(hasSubLink)) }, plan: filtered(plan, scope, plain, bind) };
}

/** The WHERE clause over the FROM rows: semi and anti joins for its subquery conditions, then one filter. */
export function planWhere(host: SubqueryHost, where: PgNode | undefined, plan: LogicalPlan, scope: Scope, bind: Bind): LogicalPlan {
  if (where === undefined) return plan;
  const plain: PgNode[] = [];
  for (const part of whereConjuncts(where)) {
    const sub = subqueryCondition(part);
    if (sub === null) plain.push(part);
    else plan = semiJoinSubquery(host, plan, scope, sub);
  }
  return plain.length === 0 ? plan : filtered(plan, scope, plain, bind);
}

/** `x [NOT] IN (SELECT ...)` or `[NOT] EXISTS (SELECT ...)`, or null for anything else. */
function subqueryCondition(node: PgNode): SubqueryCondition | null {
  let negated = false;
  let n = node;
  const not = obj(obj(node).BoolExpr);
  if (not.boolop === 'NOT_EXPR') {
    negated = true;
    n = list(not.args)[0] as PgNode;
  }
  const link = obj(obj(n).SubLink);
  if (link.subLinkType === 'EXISTS_SUBLINK') return { test: null, subselect: link.subselect as PgNode, negated };
  if (link.subLinkType === 'ANY_SUBLINK' && (link.operName === undefined || list(link.operName).map(sval).pop() === '=')) {
    return { test: link.testexpr as PgNode, subselect: link.subselect as PgNode, negated };
  }
  return null;
}

/**
 * The subqueries of a query used as values, innermost first: in its select list, its HAVING,
 * and its WHERE except the AND-ed subquery conditions (semi and anti joins). Those of nested
 * queries are theirs.
 */
export function valueSubLinks(select: Obj): object[] {
  const out: object[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const link = (v as Obj).SubLink as Obj | undefined;
    if (link !== undefined) {
      visit(link.testexpr);
      out.push(v);
      return;
    }
    for (const x of Object.values(v as Obj)) visit(x);
  };
  visit(select.targetList);
  for (const part of select.whereClause === undefined ? [] : whereConjuncts(select.whereClause as PgNode)) {
    const sub = subqueryCondition(part);
    if (sub === null) visit(part);
    else visit(sub.test);
  }
  visit(select.havingClause);
  return out;
}

/**
 * Top-N: `WHERE rn <= N` (or `rn < N`, `rn = 1`) over a subquery whose column `rn` is a
 * rank becomes that rank node's limit, so it keeps only the top rows of each partition.
 */
function pushRankLimit(plan: LogicalPlan, predicate: BoundExpr): LogicalPlan {
  if (plan.kind !== 'project' || plan.input.kind !== 'rank') return plan;
  const rank = plan.input;
  const rankIndex = rank.schema.length - 1;
  let limit: number | null = null;
  for (const c of conjuncts(predicate)) {
    if (c.kind !== 'compare' || c.left.kind !== 'column' || c.right.kind !== 'literal') continue;
    const projected = plan.exprs[c.left.index];
    if (projected?.kind !== 'column' || projected.index !== rankIndex) continue;
    const n = Number(c.right.value);
    const bound = c.op === '<=' || c.op === '=' ? n : c.op === '<' ? n - 1 : null;
    if (bound !== null && Number.isFinite(bound)) limit = Math.min(limit ?? Infinity, bound);
  }
  if (limit === null || limit < 1) return plan;
  return { ...plan, input: { ...rank, limit } };
}
