/**
 * ALTER TABLE [IF EXISTS] t ADD [CONSTRAINT name] UNIQUE [NULLS NOT DISTINCT] (...) | CHECK (...),
 * DROP CONSTRAINT [IF EXISTS] name, ...: constraints added to a table with rows (refused, as
 * in PostgreSQL, when a row breaks them) and dropped. The commands of one statement apply
 * together or not at all. Other ALTER TABLE forms are not supported yet.
 *
 * @see https://www.postgresql.org/docs/15/sql-altertable.html
 */
import type { CheckEntry, IndexEntry, NewEntry, TableEntry } from '../../../catalog/index.ts';
import { compileExpr } from '../../codegen/compile-expr.ts';
import { asCondition, bindExpr, type BindContext } from '../../binder/bind-expr.ts';
import { Scope } from '../../binder/scope.ts';
import { TableConstraintError } from '../../../connectors/table/table-store.ts';
import type { PgNode } from '../../parser/index.ts';
import { SqlError } from '../../types/index.ts';
import { columnTypes } from '../column-types.ts';
import { quoteIdent } from '../constraint-text.ts';
import { chooseName, columnsPart, constraintNames, relationNameTaken } from '../constraint-names.ts';
import type { Notice, StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { keyViolation } from './insert.ts';
import { checkEntry, uniqueColumns } from './table-constraints.ts';
import { rangeVarParts, relationNamed } from '../names.ts';
import { notSupported, SqlState, undefinedTable, duplicateTable, duplicateConstraint } from '../../../errors/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;

/** What one statement's commands amount to, applied to the catalog only once all are checked. */
interface Plan {
  checks: CheckEntry[];
  readonly addIndexes: Array<NewEntry<IndexEntry>>;
  readonly dropIndexes: IndexEntry[];
}

export function alterTable(n: Obj, h: HandlerContext): StatementResult {
  const parts = rangeVarParts(n.relation);
  // A schema that does not exist is 3F000, or with IF EXISTS the relation's notice, as in PostgreSQL.
  const found = relationNamed(h.engine, h.session, parts, { missingSchema: n.missing_ok === true ? 'no relation' : 'error' });
  const name = found?.name ?? parts[parts.length - 1]!;
  if (found === undefined) {
    if (n.missing_ok === true) return { command: 'ALTER TABLE', notices: [{ severity: 'NOTICE', code: SqlState.successfulCompletion, message: `relation "${name}" does not exist, skipping` }] };
    throw undefinedTable(parts.slice(-2).join('.'));
  }
  if (found.kind !== 'table') throw new SqlError(SqlState.wrongObjectType, `"${name}" is not a table`);
  const table = found;
  if (table.options.connector !== undefined) throw notSupported('ALTER TABLE of a table fed by a connector');
  const plan: Plan = { checks: [...(table.checks ?? [])], addIndexes: [], dropIndexes: [] };
  const notices: Notice[] = [];
  const store = h.engine.store(table);
  const built: string[] = [];
  try {
    for (const c of (n.cmds as unknown[] | undefined) ?? []) {
      const cmd = obj(obj(c).AlterTableCmd);
      if (cmd.subtype === 'AT_AddConstraint') addConstraint(obj(obj(cmd.def).Constraint), table, plan, built, h);
      else if (cmd.subtype === 'AT_DropConstraint') dropConstraint(cmd, table, plan, notices, h);
      else throw notSupported(`ALTER TABLE ... ${String(cmd.subtype).replace(/^AT_/, '')}`, 'ALTER TABLE adds and drops UNIQUE and CHECK constraints.');
    }
  } catch (e) {
    for (const ix of built) store.removeIndex(ix);
    throw e;
  }
  const catalog = h.engine.catalog;
  for (const ix of plan.dropIndexes) {
    catalog.drop('index', ix.schema, ix.name);
    h.engine.dropStore(ix);
  }
  for (const ix of plan.addIndexes) {
    store.renameIndex(`${ix.name}\u0000pending`, ix.name);
    catalog.create(ix);
  }
  const { checks: _old, ...rest } = table;
  catalog.update<TableEntry>({ ...rest, ...(plan.checks.length > 0 && { checks: plan.checks }) });
  return { command: 'ALTER TABLE', ...(notices.length > 0 && { notices }) };
}

/** The names of the table's constraints as the plan leaves them. */
function tableConstraintNames(table: TableEntry, plan: Plan, h: HandlerContext): string[] {
  const indexes = h.engine.catalog.list('index').filter((e): e is IndexEntry => e.kind === 'index' && e.schema === table.schema && e.table === table.name && e.constraint === true && !plan.dropIndexes.some((d) => d.oid === e.oid));
  return [...(table.primaryKey !== null ? [`${table.name}_pkey`] : []), ...indexes.map((e) => e.name), ...plan.addIndexes.map((e) => e.name), ...plan.checks.map((c) => c.name)];
}

function addConstraint(node: Obj, table: TableEntry, plan: Plan, built: string[], h: HandlerContext): void {
  const catalog = h.engine.catalog;
  // A new name avoids every constraint name in the schema as the statement leaves it so far.
  const ownNames = tableConstraintNames(table, plan, h);
  const namespace = constraintNames(catalog, table.schema, table.name);
  for (const n of ownNames) namespace.add(n);
  const relationTaken = (n: string): boolean =>
    (relationNameTaken(catalog, table.schema, n) && !plan.dropIndexes.some((ix) => ix.name === n)) || plan.addIndexes.some((ix) => ix.name === n);
  if (node.contype === 'CONSTR_CHECK') {
    const check = checkEntry(h.text, node, table.name, table.columns, h.session, catalog, (n) => namespace.has(n));
    if (ownNames.includes(check.name)) throw duplicateConstraint(check.name, table.name);
    validateRows(table, check, h);
    plan.checks = [...plan.checks, check];
    return;
  }
  if (node.contype !== 'CONSTR_UNIQUE') {
    throw notSupported(node.contype === 'CONSTR_FOREIGN' ? 'FOREIGN KEY constraints' : `ALTER TABLE ... ADD ${String(node.contype).replace(/^CONSTR_/, '')}`);
  }
  const columns = uniqueColumns({ node, column: null }, table.columns);
  const nullsNotDistinct = node.nulls_not_distinct === true;
  let name: string;
  if (typeof node.conname === 'string') {
    name = node.conname;
    if (relationTaken(name)) throw duplicateTable(name);
    if (ownNames.includes(name)) throw duplicateConstraint(name, table.name);
  } else {
    name = chooseName(table.name, columnsPart(columns), 'key', (n) => relationTaken(n) || namespace.has(n));
  }
  // Built now under a name of its own (the name may be one this statement drops), renamed once all is checked.
  const pending = `${name}\u0000pending`;
  try {
    h.engine.store(table).addIndex(pending, columns.map((c) => table.columns.findIndex((x) => x.name === c)), { nullsNotDistinct });
  } catch (e) {
    if (e instanceof TableConstraintError) throw keyViolation(new TableConstraintError(e.sqlState, e.message.replace(pending, name), e.detail, { table: e.table, constraint: name }), table.schema);
    throw e;
  }
  built.push(pending);
  plan.addIndexes.push({
    kind: 'index', schema: table.schema, name, table: table.name, columns, dependsOn: [table.oid], unique: true, constraint: true,
    ...(nullsNotDistinct && { nullsNotDistinct: true }),
    createSql: `ALTER TABLE ${quoteIdent(table.schema)}.${quoteIdent(table.name)} ADD CONSTRAINT ${quoteIdent(name)} UNIQUE ${nullsNotDistinct ? 'NULLS NOT DISTINCT ' : ''}(${columns.map(quoteIdent).join(', ')})`,
  });
}

/** A CHECK added to a table with rows holds for every row (NULL passing), or is refused. */
function validateRows(table: TableEntry, check: CheckEntry, h: HandlerContext): void {
  const types = columnTypes(table.columns);
  const bind: BindContext = { scope: new Scope(table.columns.map((c, i) => ({ name: c.name, relation: table.name, type: types[i]! }))), session: h.session, clause: 'check constraints' };
  const fn = compileExpr(asCondition(bindExpr(check.expr as PgNode, bind), bind, 'CHECK'), h.session).fn;
  for (const row of h.engine.store(table).scan()) {
    if (fn(row) === false) {
      throw new SqlError(SqlState.checkViolation, `check constraint "${check.name}" of relation "${table.name}" is violated by some row`, {
        object: { schema: table.schema, table: table.name, constraint: check.name },
      });
    }
  }
}

function dropConstraint(cmd: Obj, table: TableEntry, plan: Plan, notices: Notice[], h: HandlerContext): void {
  const name = String(cmd.name);
  if (table.primaryKey !== null && name === `${table.name}_pkey`) throw notSupported('dropping a primary key', 'A table\'s primary key is part of how Weir stores it.');
  const check = plan.checks.findIndex((c) => c.name === name);
  if (check >= 0) {
    plan.checks = plan.checks.filter((_, i) => i !== check);
    return;
  }
  const index = h.engine.catalog.get(table.schema, name);
  if (index?.kind === 'index' && index.table === table.name && index.constraint === true && !plan.dropIndexes.some((d) => d.oid === index.oid)) {
    plan.dropIndexes.push(index);
    return;
  }
  const message = `constraint "${name}" of relation "${table.name}" does not exist`;
  if (cmd.missing_ok === true) notices.push({ severity: 'NOTICE', code: SqlState.successfulCompletion, message: `${message}, skipping` });
  else throw new SqlError(SqlState.undefinedObject, message);
}
