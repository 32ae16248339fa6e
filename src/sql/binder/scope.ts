/**
 * The columns visible to an expression: those of the FROM clause's relations, in row
 * order, each with the name of the relation (or alias) it came from. Resolving a name
 * gives PostgreSQL's errors: 42703 for an unknown column (with the nearest name as a
 * hint), 42702 for an ambiguous one, 42P01 for an unknown relation qualifier.
 */
import { SqlError } from '../types/index.ts';
import type { DataType } from '../types/index.ts';

export interface ScopeColumn {
  readonly name: string;
  /** The relation or alias the column belongs to; null for derived columns without one. */
  readonly relation: string | null;
  readonly type: DataType;
  /**
   * Reachable only by its qualified name, and not part of `*`: the two sides' columns of a
   * JOIN ... USING, whose merged column takes the bare name.
   */
  readonly hidden?: boolean;
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
    if (relation !== null && !this.columns.some((c) => c.relation === relation)) {
      throw new SqlError('42P01', `missing FROM-clause entry for table "${relation}"`);
    }
    let found = -1;
    for (let i = 0; i < this.columns.length; i++) {
      const c = this.columns[i] as ScopeColumn;
      if (c.name !== name || (relation !== null && c.relation !== relation) || (relation === null && c.hidden === true)) continue;
      if (found >= 0) throw new SqlError('42702', `column reference "${name}" is ambiguous`);
      found = i;
    }
    if (found < 0) {
      const qualified = relation === null ? name : `${relation}.${name}`;
      const near = nearest(name, this.columns.map((c) => c.name));
      throw new SqlError('42703', `column "${qualified}" does not exist`, near === null ? {} : { hint: `Perhaps you meant to reference the column "${near}".` });
    }
    return found;
  }

  /** Indexes of all columns, or of one relation's (`*`, `t.*`). */
  star(relation: string | null = null): number[] {
    if (relation !== null && !this.columns.some((c) => c.relation === relation)) {
      throw new SqlError('42P01', `missing FROM-clause entry for table "${relation}"`);
    }
    const out: number[] = [];
    this.columns.forEach((c, i) => {
      if (c.hidden === true && relation === null) return;
      if (relation === null || c.relation === relation) out.push(i);
    });
    return out;
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
