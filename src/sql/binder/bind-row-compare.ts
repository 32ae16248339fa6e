/**
 * Row constructor comparisons, `(a, b) < (c, d)`, as PostgreSQL's make_row_comparison_op
 * builds them: `=` is every pair equal (AND), `<>` some pair different (OR), and `<`, `<=`,
 * `>`, `>=` compare pair by pair from the left, deciding at the first pair that differs; a
 * NULL met before that makes the result NULL (RowCompareExpr). Each pair is bound as the
 * operator on its own two values, so their types resolve and coerce as usual.
 */
import { BOOLEAN, SqlError, type Comparator } from '../types/index.ts';
import type { BoundExpr } from './bound-expr.ts';
import type { BindContext } from './bind-expr.ts';
import { SqlState, syntaxError } from '../../errors/index.ts';

type BindOperator = (op: string, left: BoundExpr, right: BoundExpr, ctx: BindContext) => BoundExpr;

const ORDERING = new Set(['<', '<=', '>', '>=']);

export function bindRowCompare(op: string, left: readonly BoundExpr[], right: readonly BoundExpr[], ctx: BindContext, bindOperator: BindOperator): BoundExpr {
  if (left.length !== right.length) throw syntaxError('unequal number of entries in row expressions');
  if (op !== '=' && op !== '<>' && !ORDERING.has(op)) {
    throw new SqlError(SqlState.undefinedFunction, `operator ${op} is not supported for row comparisons`, { hint: 'Row comparison operators must be =, <>, <, <=, > or >=.' });
  }
  const pairs = left.map((l, i) => bindOperator(op, l, right[i]!, ctx));
  if (pairs.length === 1) return pairs[0]!;
  if (op === '=' || op === '<>') return { kind: op === '=' ? 'and' : 'or', args: pairs, type: BOOLEAN };
  // Lexicographic: each pair's comparison in its common type (what the operator bound to).
  const cmps: Comparator[] = [];
  const args: BoundExpr[] = [];
  for (const p of pairs) {
    if (p.kind !== 'compare') throw new SqlError(SqlState.undefinedFunction, `could not determine interpretation of row comparison operator ${op}`);
    cmps.push(p.cmp);
    args.push(p.left, p.right);
  }
  const test = op === '<' ? (c: number) => c < 0 : op === '<=' ? (c: number) => c <= 0 : op === '>' ? (c: number) => c > 0 : (c: number) => c >= 0;
  return {
    kind: 'function', name: 'row_compare', strict: false, args, type: BOOLEAN,
    impl: (values) => {
      for (let i = 0; i < cmps.length; i++) {
        const a = values[2 * i], b = values[2 * i + 1];
        if (a === null || b === null) return null;
        const c = cmps[i]!(a as never, b as never);
        if (c !== 0) return test(c);
      }
      return test(0);
    },
  };
}
