/** INSERT INTO t [(cols)] VALUES ... | SELECT ...: one atomic, durable commit of all its rows. */
import { asCondition, bindExpr, coerce, type BindContext } from '../../binder/bind-expr.ts';
import type { BoundExpr } from '../../binder/bound-expr.ts';
import { Scope } from '../../binder/scope.ts';
import { compilePredicate, compileProjection } from '../../codegen/compile-expr.ts';
import { INSERT, TableConstraintError, UPDATE_AFTER, UPDATE_BEFORE, type Change, type PendingBatch, type TableStore } from '../../../connectors/table/table-store.ts';
import type { PgNode } from '../../parser/index.ts';
import { SqlError, castFunction, type DataType } from '../../types/index.ts';
import { bindHooks, plannerFor, runQuery } from '../query.ts';
import { hasSubquery } from './target-rows.ts';
import { assignments, isDefault } from './assignments.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { assignment, columnDefaults, rowConstraints, targetTable, type RowCheck, type TargetTable } from './table-target.ts';
import { withReturning } from './returning.ts';
import { notSupported, SqlState, undefinedColumnOf, syntaxError } from '../../../errors/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

/** Stands for DEFAULT in a VALUES row until the row is built. */
const DEFAULT = Symbol('DEFAULT');

export async function insert(n: Obj, h: HandlerContext): Promise<StatementResult> {
  const t = targetTable(n.relation, h, 'insert into');
  const names = t.entry.columns.map((c) => c.name);
  let targets = n.cols === undefined ? names.map((_, i) => i) : list(n.cols).map((c) => {
    const name = String(obj(obj(c).ResTarget).name);
    const i = names.indexOf(name);
    if (i < 0) throw undefinedColumnOf(name, t.entry.name);
    return i;
  });
  const select = obj(obj(n.selectStmt).SelectStmt);
  // Without a column list, rows narrower than the table fill its first columns (the rest
  // take their defaults, as DEFAULT VALUES takes them all); with one, they must cover it.
  const width = (w: number): void => {
    if (n.cols === undefined) targets = targets.slice(0, w);
    else if (w < targets.length) throw syntaxError('INSERT has more target columns than expressions');
  };
  let values: unknown[][];
  if (n.selectStmt === undefined) {
    // INSERT ... DEFAULT VALUES: one row, every column its default.
    targets = [];
    values = [[]];
  } else if (select.valuesLists !== undefined) {
    const rows = list(select.valuesLists);
    const lengths = new Set(rows.map((r) => list(r).length));
    if (lengths.size > 1) throw syntaxError('VALUES lists must all be the same length');
    width(list(rows[0]).length);
    const hooks = bindHooks(h.engine, { ...(h.params && { params: h.params }), ...(h.scalarFunction && { scalarFunction: h.scalarFunction }) });
    const bind: BindContext = { ...hooks, scope: new Scope([]), session: h.session, clause: 'VALUES' };
    const computed = await subqueryValues(rows.map(list), h);
    values = rows.map((r, k) => {
      const items = list(r);
      if (items.length > targets.length) throw syntaxError('INSERT has more expressions than target columns');
      const exprs = items.map((e, i): BoundExpr => {
        const type = t.types[targets[i] as number] as DataType;
        if ('SetToDefault' in (e as Obj)) return { kind: 'literal', value: DEFAULT, type };
        // A value the query computed (it holds a subquery), assigned to its column as INSERT ... SELECT's are.
        const done = computed.get(`${k}:${i}`);
        const column = targets[i] as number;
        if (done !== undefined) {
          const cast = assignment(t, column, done.type, () => castFunction(done.type, type, 'a', h.session));
          return { kind: 'literal', value: done.value === null ? null : cast(done.value as never), type };
        }
        const bound = bindExpr(e, bind);
        return assignment(t, column, bound.type, () => coerce(bound, type, bind, 'a'));
      });
      // Constants (what VALUES rows almost always are, once folded) need no compiled code.
      if (exprs.every((e) => e.kind === 'literal')) return exprs.map((e) => (e as { value: unknown }).value);
      return compileProjection(exprs, h.session).fn([]);
    });
  } else {
    const planned = plannerFor(h.engine, { session: h.session, ...(h.params && { params: h.params }) }).planQuery(select);
    if (planned.columns.length > targets.length) throw syntaxError('INSERT has more expressions than target columns');
    width(planned.columns.length);
    const casts = planned.columns.map((c, i) => assignment(t, targets[i] as number, c.type, () => castFunction(c.type, t.types[targets[i] as number] as DataType, 'a', h.session)));
    values = (await runQuery(h.engine, planned, h.session, { tree: select, ...(h.params && { params: h.params }), ...(h.signal && { signal: h.signal }) })).map((r) => r.map((v, i) => (v === null ? null : casts[i]!(v as never))));
  }
  // Columns left out, and DEFAULT in VALUES, take the column's default (evaluated per row).
  const defaults = columnDefaults(t, h);
  const check = rowConstraints(t, h);
  const store = h.engine.store(t.entry);
  // Row by row as PostgreSQL: each row is built, checked (NOT NULL, CHECK), then its keys,
  // before the next row is built.
  let late = 0;
  function* proposed(): Generator<readonly unknown[]> {
    for (const v of values) {
      const row: unknown[] = names.map((_, i) => (targets.includes(i) ? null : defaults[i]!()));
      v.forEach((x, i) => (row[targets[i] as number] = x === DEFAULT ? defaults[targets[i] as number]!() : x));
      check(row);
      // A table with a watermark drops rows that come below it (RisingWave's rule).
      if (store.isLate(row)) late++;
      else yield row;
    }
  }
  if (n.onConflictClause !== undefined) return upsert(n, t, h, proposed(), check);
  const rows: Array<readonly unknown[]> = [];
  writeBatch(store, t.entry.schema, (batch) => {
    for (const row of proposed()) {
      batch.add([INSERT, row]);
      rows.push(row);
    }
  });
  const result = withReturning(n, t, h, rows, { command: 'INSERT', rowCount: rows.length });
  if (late === 0) return result;
  const message = `${late} ${late === 1 ? 'row was' : 'rows were'} below the watermark of "${t.entry.name}" and dropped as late`;
  return { ...result, notices: [...(result.notices ?? []), { severity: 'NOTICE', code: SqlState.warning, message }] };
}

/**
 * The VALUES items that hold a subquery (`(SELECT max(id) FROM t) + 1`), computed by one query
 * that selects them all, planned as any SELECT; by `row:item`, with each value's type.
 */
async function subqueryValues(rows: readonly PgNode[][], h: HandlerContext): Promise<Map<string, { value: unknown; type: DataType }>> {
  const at: string[] = [];
  const targetList: unknown[] = [];
  rows.forEach((items, r) => items.forEach((e, i) => {
    if (!hasSubquery(e)) return;
    at.push(`${r}:${i}`);
    targetList.push({ ResTarget: { val: e, location: -1 } });
  }));
  const out = new Map<string, { value: unknown; type: DataType }>();
  if (targetList.length === 0) return out;
  const select: Obj = { targetList, limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' };
  const options = { session: h.session, ...(h.params && { params: h.params }), ...(h.scalarFunction && { scalarFunction: h.scalarFunction }) };
  const planned = plannerFor(h.engine, options).planQuery(select);
  const [row] = await runQuery(h.engine, planned, h.session, { tree: select, ...(h.params && { params: h.params }), ...(h.signal && { signal: h.signal }) });
  at.forEach((key, k) => out.set(key, { value: row?.[k] ?? null, type: planned.columns[k]!.type }));
  return out;
}

/** A unique index of a table as ON CONFLICT sees it: the primary key, a UNIQUE constraint, or CREATE UNIQUE INDEX. */
interface UniqueIndex {
  readonly name: string;
  readonly columns: readonly string[];
  /** A constraint (PRIMARY KEY, UNIQUE), which ON CONFLICT ON CONSTRAINT may name. */
  readonly constraint: boolean;
}

/** The table's unique indexes, in the order PostgreSQL checks them: the primary key, then by creation. */
export function uniqueIndexes(t: TargetTable, h: HandlerContext): UniqueIndex[] {
  const out: UniqueIndex[] = [];
  if (t.entry.primaryKey !== null) out.push({ name: `${t.entry.name}_pkey`, columns: t.entry.primaryKey, constraint: true });
  for (const ix of h.engine.catalog.list('index')) {
    if (ix.kind === 'index' && ix.schema === t.entry.schema && ix.table === t.entry.name && ix.unique === true) out.push({ name: ix.name, columns: ix.columns, constraint: ix.constraint === true });
  }
  return out;
}

/** The arbiters of ON CONFLICT: the unique indexes a conflict is looked for in (infer_arbiter_indexes). */
function arbiters(clause: Obj, t: TargetTable, h: HandlerContext): string[] {
  const all = uniqueIndexes(t, h);
  const infer = obj(clause.infer);
  if (typeof infer.conname === 'string') {
    const ix = all.find((i) => i.name === infer.conname && i.constraint);
    if (ix !== undefined) return [ix.name];
    if ((t.entry.checks ?? []).some((c) => c.name === infer.conname)) throw new SqlError(SqlState.wrongObjectType, 'constraint in ON CONFLICT clause has no associated index');
    throw new SqlError(SqlState.undefinedObject, `constraint "${infer.conname}" for table "${t.entry.name}" does not exist`);
  }
  const elems = list(infer.indexElems).map((e) => obj(obj(e).IndexElem));
  if (elems.length === 0) {
    if (clause.action === 'ONCONFLICT_UPDATE') throw syntaxError('ON CONFLICT DO UPDATE requires inference specification or constraint name');
    return all.map((i) => i.name);
  }
  if (elems.some((e) => typeof e.name !== 'string')) throw notSupported('ON CONFLICT on an expression');
  // The index's columns as a set equal the target's; a WHERE only matters for partial indexes, which Weir has not.
  const target = new Set(elems.map((e) => String(e.name)));
  const found = all.filter((i) => i.columns.length === target.size && i.columns.every((c) => target.has(c)));
  if (found.length === 0) throw new SqlError(SqlState.invalidColumnReference, 'there is no unique or exclusion constraint matching the ON CONFLICT specification');
  return found.map((i) => i.name);
}

/**
 * INSERT ... ON CONFLICT [target] DO NOTHING | DO UPDATE SET ... [WHERE ...]: a proposed row
 * that meets a row with the same key in an arbiter index (in the table, or written earlier
 * by the same statement) is skipped, or updates that row, with `excluded.col` naming the
 * proposed values. A conflict in another unique index is an error, as in PostgreSQL. One commit.
 */
function upsert(n: Obj, t: TargetTable, h: HandlerContext, proposed: Iterable<readonly unknown[]>, check: RowCheck): StatementResult {
  const clause = obj(n.onConflictClause);
  const names = t.entry.columns.map((c) => c.name);
  const indexes = arbiters(clause, t, h);
  const store = h.engine.store(t.entry);
  // SET and WHERE see the existing row (by the table's name or alias) and `excluded`.
  const alias = obj(n.relation).alias === undefined ? t.entry.name : String(obj(obj(n.relation).alias).aliasname);
  const scope = new Scope([
    ...t.entry.columns.map((c, i) => ({ name: c.name, relation: alias, type: t.types[i] as DataType })),
    ...t.entry.columns.map((c, i) => ({ name: c.name, relation: 'excluded', type: t.types[i] as DataType, hidden: true })),
  ]);
  const hooks = bindHooks(h.engine, { ...(h.params && { params: h.params }), ...(h.scalarFunction && { scalarFunction: h.scalarFunction }) });
  const bind: BindContext = { ...hooks, scope, session: h.session, clause: 'ON CONFLICT' };
  const exprs: BoundExpr[] = names.map((name, i) => ({ kind: 'column', index: i, type: t.types[i] as DataType, name }));
  for (const { column: i, value } of assignments(clause.targetList, t)) {
    const type = t.types[i] as DataType;
    const def = t.entry.columns[i]!.defaultExpr;
    const bound = isDefault(value)
      ? def === undefined ? { kind: 'literal', value: null, type } as const : bindExpr(def as PgNode, { ...bind, scope: new Scope([]) })
      : bindExpr(value, bind);
    exprs[i] = assignment(t, i, bound.type, () => coerce(bound, type, bind, 'a'));
  }
  const project = compileProjection(exprs, h.session).fn;
  const where = clause.whereClause === undefined ? null : compilePredicate(asCondition(bindExpr(clause.whereClause as PgNode, bind), bind, 'WHERE'), h.session).fn;
  const written: Array<readonly unknown[]> = [];
  // Rows this statement inserted or updated: DO UPDATE may not meet one of them again.
  const touched = new Set<readonly unknown[]>();
  writeBatch(store, t.entry.schema, (batch) => {
    for (const row of proposed) {
      let existing: readonly unknown[] | undefined;
      for (const ix of indexes) {
        existing = batch.rowsWithKey(ix, row)[0];
        if (existing !== undefined) break;
      }
      if (existing === undefined) {
        batch.add([INSERT, row]);
        touched.add(row);
        written.push(row);
        continue;
      }
      if (clause.action !== 'ONCONFLICT_UPDATE') continue;
      if (touched.has(existing)) {
        throw new SqlError(SqlState.cardinalityViolation, 'ON CONFLICT DO UPDATE command cannot affect row a second time', {
          hint: 'Ensure that no rows proposed for insertion within the same command have duplicate constrained values.',
        });
      }
      const both = [...existing, ...row];
      if (where !== null && !where(both)) continue;
      const next = project(both);
      check(next);
      batch.add([UPDATE_BEFORE, existing]);
      batch.add([UPDATE_AFTER, next]);
      touched.add(next);
      written.push(next);
    }
  });
  return withReturning(n, t, h, written, { command: 'INSERT', rowCount: written.length });
}

/** PostgreSQL's error for a key violation of a table (of schema `schema`). */
export function keyViolation(e: TableConstraintError, schema: string): SqlError {
  return new SqlError(e.sqlState, e.message, { detail: e.detail, object: { schema, table: e.table, constraint: e.constraint } });
}

/**
 * Fills one batch of changes to a table (each checked against the table as the batch leaves
 * it, see PendingBatch) and commits it: all or nothing. Key violations become SQL errors.
 */
export function writeBatch(store: TableStore, schema: string, fill: (batch: PendingBatch) => void): void {
  const batch = store.begin();
  try {
    fill(batch);
  } catch (e) {
    if (e instanceof TableConstraintError) throw keyViolation(e, schema);
    throw e;
  }
  store.commitBatch(batch);
}

/** Commits a batch to a table, turning key violations into SQL errors. */
export function commit(h: HandlerContext, entry: Parameters<HandlerContext['engine']['store']>[0], changes: Change[]): void {
  try {
    h.engine.store(entry).commit(changes, 'strict');
  } catch (e) {
    if (e instanceof TableConstraintError) throw keyViolation(e, entry.schema);
    throw e;
  }
}
