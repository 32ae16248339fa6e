/** Resolving the table an INSERT/UPDATE/DELETE writes to, and checking rows against its columns. */
import type { TableEntry } from '../../../catalog/index.ts';
import { SqlError, formatTypeName, formatterFor, type DataType, type SessionContext } from '../../types/index.ts';
import { asCondition, bindExpr, coerce, type BindContext } from '../../binder/bind-expr.ts';
import { Scope } from '../../binder/scope.ts';
import { compileExpr } from '../../codegen/compile-expr.ts';
import type { PgNode } from '../../parser/index.ts';
import { columnTypes } from '../column-types.ts';
import { rangeVarParts, relationOrError } from '../names.ts';
import type { HandlerContext } from './context.ts';
import { SqlState } from '../../../errors/index.ts';

export interface TargetTable {
  readonly entry: TableEntry;
  readonly types: DataType[];
}

/**
 * The table a statement writes to, by its RangeVar (`t`, `s.t`; unqualified along the search
 * path); a schema that does not exist is 42P01 for INSERT, UPDATE and DELETE, 3F000 for COPY
 * and TRUNCATE, as in PostgreSQL.
 */
export function targetTable(relation: unknown, h: HandlerContext, verb: string): TargetTable {
  const dml = verb === 'insert into' || verb === 'update' || verb === 'delete from';
  const entry = relationOrError(h.engine, h.session, rangeVarParts(relation), { missingSchema: dml ? 'no relation' : 'error' });
  const name = entry.name;
  if (entry.kind !== 'table') throw new SqlError(SqlState.wrongObjectType, `cannot ${verb} ${entry.kind} "${name}"`);
  if (entry.options.connector !== undefined) {
    // Its rows are rebuilt from the connector at restart: changes made here would not survive.
    throw new SqlError(SqlState.featureNotSupported, `cannot ${verb} table "${name}": it is fed by the connector '${entry.options.connector}'`, {
      hint: 'Change the data at its source, or create a table without a connector for rows written with SQL.',
    });
  }
  if (entry.appendOnly && verb !== 'insert into' && verb !== 'copy to') {
    throw new SqlError(SqlState.featureNotSupported, `cannot ${verb} table "${name}": it is APPEND ONLY`, { hint: 'An append-only table takes INSERT only; views over it rely on rows never changing.' });
  }
  return { entry, types: columnTypes(entry.columns) };
}

/**
 * Runs `cast`, which makes a value of type `from` into column `i` as an assignment does: a type
 * that has no assignment cast to the column's is PostgreSQL's 42804 naming the column (the
 * cast's own 42846 says less).
 */
export function assignment<T>(t: TargetTable, i: number, from: DataType, cast: () => T): T {
  try {
    return cast();
  } catch (e) {
    if (!(e instanceof SqlError && e.code === SqlState.cannotCoerce)) throw e;
    throw new SqlError(SqlState.datatypeMismatch, `column "${t.entry.columns[i]!.name}" is of type ${formatTypeName(t.types[i]!)} but expression is of type ${formatTypeName(from)}`, {
      hint: 'You will need to rewrite or cast the expression.',
    });
  }
}

/** Each column's DEFAULT, as a function giving its value now (NULL without one). */
export function columnDefaults(t: TargetTable, h: HandlerContext): Array<() => unknown> {
  return t.entry.columns.map((c, i) => {
    if (c.defaultExpr === undefined) return () => null;
    const bind: BindContext = { scope: new Scope([]), session: h.session, clause: 'DEFAULT' };
    const fn = compileExpr(coerce(bindExpr(c.defaultExpr as PgNode, bind), t.types[i] as DataType, bind, 'a'), h.session).fn;
    return () => fn([]);
  });
}

/** `Failing row contains (1, null, x).`: a row as PostgreSQL's DETAIL shows it. */
function failingRow(t: TargetTable, row: readonly unknown[], session: SessionContext): string {
  const values = row.map((v, k) => (v === null || v === undefined ? 'null' : formatterFor(t.types[k]!, session)(v as never)));
  return `Failing row contains (${values.join(', ')}).`;
}

/** A row's check of NOT NULL and CHECK constraints; throws PostgreSQL's 23502 or 23514. */
export type RowCheck = (row: readonly unknown[]) => void;

/**
 * The NOT NULL and CHECK constraints of a table, as PostgreSQL's ExecConstraints applies them
 * to each new row (INSERT, UPDATE, COPY, ON CONFLICT DO UPDATE): NOT NULL column by column,
 * then each CHECK in order of name; a CHECK fails only when FALSE (NULL passes).
 */
export function rowConstraints(t: TargetTable, h: HandlerContext): RowCheck {
  const { entry, types } = t;
  const notNull = entry.columns.flatMap((c, i) => (c.nullable ? [] : [i]));
  const scope = new Scope(entry.columns.map((c, i) => ({ name: c.name, relation: entry.name, type: types[i] as DataType })));
  const checks = [...(entry.checks ?? [])]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c) => {
      const bind: BindContext = { scope, session: h.session, clause: 'check constraints' };
      return { name: c.name, fn: compileExpr(asCondition(bindExpr(c.expr as PgNode, bind), bind, 'CHECK'), h.session).fn };
    });
  return (row) => {
    for (const i of notNull) {
      if (row[i] === null || row[i] === undefined) {
        throw new SqlError(SqlState.notNullViolation, `null value in column "${entry.columns[i]!.name}" of relation "${entry.name}" violates not-null constraint`, {
          detail: failingRow(t, row, h.session),
          object: { schema: entry.schema, table: entry.name, column: entry.columns[i]!.name },
        });
      }
    }
    for (const c of checks) {
      if (c.fn(row) === false) {
        throw new SqlError(SqlState.checkViolation, `new row for relation "${entry.name}" violates check constraint "${c.name}"`, {
          detail: failingRow(t, row, h.session),
          object: { schema: entry.schema, table: entry.name, constraint: c.name },
        });
      }
    }
  };
}
