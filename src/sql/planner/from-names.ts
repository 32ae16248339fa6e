/**
 * PostgreSQL's checkNameSpaceConflicts: two items of one FROM clause (or the two sides of a
 * JOIN) may not be known by the same name — `FROM t, t`, `WITH a AS (...) SELECT ... FROM s.a,
 * a` are 42712 `table name "a" specified more than once` — except two catalog relations named
 * without an alias that are different relations (`FROM s1.a, s2.a`), which their schemas tell
 * apart.
 *
 * @see https://github.com/postgres/postgres/blob/REL_15_STABLE/src/backend/parser/parse_relation.c (checkNameSpaceConflicts)
 */
import type { PgNode } from '../parser/index.ts';
import { SqlError } from '../types/index.ts';
import type { PlannerContext } from './plan-from.ts';
import { SqlState } from '../../errors/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

/** A name a FROM item is known by; `relation` for a catalog relation named without an alias. */
interface FromName {
  readonly name: string;
  readonly relation?: number;
}

/** 42712 when two of `groups` (the names of sibling FROM items) share a name PostgreSQL would not allow. */
function check(groups: ReadonlyArray<readonly FromName[]>): void {
  const seen: FromName[] = [];
  for (const group of groups) {
    for (const n of group) {
      const clash = seen.find((s) => s.name === n.name && !(s.relation !== undefined && n.relation !== undefined && s.relation !== n.relation));
      if (clash !== undefined) throw new SqlError(SqlState.duplicateAlias, `table name "${n.name}" specified more than once`);
    }
    seen.push(...group);
  }
}

/** The names a FROM item makes visible (checking a JOIN's two sides against each other). */
function namesOf(item: PgNode, ctx: PlannerContext): FromName[] {
  const [kind, n] = Object.entries(obj(item))[0] as [string, Obj];
  const alias = n.alias === undefined ? null : String(obj(n.alias).aliasname);
  switch (kind) {
    case 'RangeVar': {
      if (alias !== null) return [{ name: alias }];
      const name = String(n.relname);
      if (n.schemaname === undefined && ctx.lookupCte?.(name) !== undefined) return [{ name }];
      try {
        const parts = [n.catalogname, n.schemaname, n.relname].filter((p) => p !== undefined).map(String);
        if (ctx.systemRelation?.(parts) !== undefined) return [{ name }];
        return [{ name, relation: ctx.resolveRelation(parts).entry.oid }];
      } catch {
        // An unknown relation is reported when the item is planned.
        return [{ name }];
      }
    }
    case 'JoinExpr': {
      const left = namesOf(n.larg as PgNode, ctx);
      const right = namesOf(n.rarg as PgNode, ctx);
      check([left, right]);
      return alias !== null ? [{ name: alias }] : [...left, ...right];
    }
    case 'RangeFunction': {
      if (alias !== null) return [{ name: alias }];
      const call = obj(obj(list(list(n.functions)[0])[0]).FuncCall);
      const fname = list(call.funcname).map((x) => String(obj(obj(x).String).sval)).pop();
      return fname === undefined ? [] : [{ name: fname.toLowerCase() }];
    }
    default:
      return alias === null ? [] : [{ name: alias }];
  }
}

/** Checks the names of one FROM clause's items (see the file's header). */
export function checkFromNames(items: readonly PgNode[], ctx: PlannerContext): void {
  if (items.length === 1 && obj(items[0]).JoinExpr === undefined) return;
  check(items.map((item) => namesOf(item, ctx)));
}
