/**
 * The columns visible to an expression: those of the FROM clause's relations, in row
 * order, each with the name of the relation (or alias) it came from. Resolving a name
 * gives PostgreSQL's errors: 42703 for an unknown column (with the nearest name as a
 * hint), 42702 for an ambiguous one, 42P01 for an unknown relation qualifier.
 */
import { SqlError } from '../types/index.ts';
import type { DataType } from '../types/index.ts';
import { SqlState, ambiguousColumn, undefinedColumn } from '../../errors/index.ts';

export interface ScopeColumn {
  readonly name: string;
  /** The relation or alias the column belongs to; null for derived columns without one. */
  readonly relation: string | null;
  /**
   * The schema of the relation when it is named without an alias (`FROM s.t`): then `s.t.col`
   * reaches the column too, as in PostgreSQL.
   */
  readonly schema?: string;
  /** The catalog relation behind an alias (`FROM s.t AS x`): for PostgreSQL's hint when `s.t.col` is written. */
  readonly aliased?: { readonly schema: string; readonly name: string };
  readonly type: DataType;
  /**
   * Reachable only by its qualified name, and not part of `*`: the two sides' columns of a
   * JOIN ... USING, whose merged column takes the bare name.
   */
  readonly hidden?: boolean;
}

/**
 * A schema-qualified relation in a column reference (`s.t.col`) as one relation key, `s` and
 * `t` joined by NUL (which no identifier holds): what {@link Scope.resolve} and
 * {@link Scope.star} take for such a reference.
 */
export function qualifiedRelation(schema: string, relation: string): string {
  return `${schema}\u0000${relation}`;
}

/** A relation key as written: `s.t` or `t`. */
function relationText(relation: string): string {
  return relation.replace('\u0000', '.');
}

/** Whether column `c` belongs to the relation `key` names (`t`, or `s` NUL `t`). */
function belongs(c: ScopeColumn, key: string): boolean {
  const cut = key.indexOf('\u0000');
  if (cut < 0) return c.relation === key;
  return c.relation === key.slice(cut + 1) && c.schema === key.slice(0, cut);
}

export class Scope {
  readonly columns: readonly ScopeColumn[];

  constructor(columns: readonly ScopeColumn[]) {
    this.columns = columns;
  }

  static concat(a: Scope, b: Scope): Scope {
    return new Scope([...a.columns, ...b.columns]);
  }

  /** The index of the column `name`, optionally qualified by a relation name. */
  resolve(name: string, relation: string | null = null): number {
    if (relation !== null) this.checkRelation(relation);
    let found = -1;
    for (let i = 0; i < this.columns.length; i++) {
      const c = this.columns[i] as ScopeColumn;
      if (c.name !== name || (relation !== null && !belongs(c, relation)) || (relation === null && c.hidden === true)) continue;
      if (found >= 0) throw ambiguousColumn(name);
      found = i;
    }
    if (found < 0) {
      const qualified = relation === null ? name : `${relationText(relation)}.${name}`;
      const near = nearest(name, this.columns.map((c) => c.name));
      throw undefinedColumn(qualified, near);
    }
    return found;
  }

  /**
   * The index of the column `name`, or null when this scope has no such column (or no such
   * relation); still 42702 when it is ambiguous here.
   */
  find(name: string, relation: string | null = null): number | null {
    try {
      return this.resolve(name, relation);
    } catch (e) {
      if (e instanceof SqlError && (e.code === SqlState.undefinedColumn || e.code === SqlState.undefinedTable)) return null;
      throw e;
    }
  }

  /** Indexes of all columns, or of one relation's (`*`, `t.*`). */
  star(relation: string | null = null): number[] {
    if (relation !== null) this.checkRelation(relation);
    const out: number[] = [];
    this.columns.forEach((c, i) => {
      if (c.hidden === true && relation === null) return;
      if (relation === null || belongs(c, relation)) out.push(i);
    });
    return out;
  }

  /**
   * 42P01 when no column belongs to `relation`; 42P09 when its bare name stands for relations
   * of two schemas (`FROM s1.a, s2.a` then `a.x`), which PostgreSQL calls ambiguous.
   */
  private checkRelation(relation: string): void {
    const own = this.columns.filter((c) => belongs(c, relation));
    if (own.length === 0) {
      const cut = relation.indexOf('\u0000');
      const bare = relation.slice(cut + 1);
      const schema = cut < 0 ? null : relation.slice(0, cut);
      // PostgreSQL's errorMissingRTE: `s.t.col` where `s.t` is in FROM under an alias, or where a `t` of another schema is.
      const alias = schema === null ? undefined : this.columns.find((c) => c.aliased?.schema === schema && c.aliased.name === bare);
      if (alias !== undefined) {
        throw new SqlError(SqlState.undefinedTable, `invalid reference to FROM-clause entry for table "${bare}"`, { hint: `Perhaps you meant to reference the table alias "${alias.relation}".` });
      }
      if (schema !== null && this.columns.some((c) => c.relation === bare && c.schema !== undefined)) {
        throw new SqlError(SqlState.undefinedTable, `invalid reference to FROM-clause entry for table "${bare}"`, {
          hint: `There is an entry for table "${bare}", but it cannot be referenced from this part of the query.`,
        });
      }
      throw new SqlError(SqlState.undefinedTable, `missing FROM-clause entry for table "${bare}"`);
    }
    const schemas = new Set(own.map((c) => c.schema));
    if (schemas.size > 1 && !schemas.has(undefined)) throw new SqlError(SqlState.ambiguousAlias, `table reference "${relation}" is ambiguous`);
  }
}

/** The candidate closest to `name` by edit distance, if close enough to be a likely typo. */
function nearest(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of new Set(candidates)) {
    const d = editDistance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] as number;
}
