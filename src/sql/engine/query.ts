/**
 * Planning and running queries against the engine: the planner's view of the catalog, and
 * one-off SELECTs run as bounded jobs on the same operators as materialized views, with
 * ORDER BY / LIMIT / OFFSET applied to the final rows.
 */
import { StreamExecutionEnvironment } from '../../api/environment.ts';
import type { CatalogEntry } from '../../catalog/index.ts';
import { TableSink } from '../../connectors/table/table-sink.ts';
import { TableStore } from '../../connectors/table/table-store.ts';
import { parse, type PgNode } from '../parser/index.ts';
import type { BindContext } from '../binder/bind-expr.ts';
import type { PlannerContext, RelationInfo } from '../planner/plan-from.ts';
import { QueryPlanner, type OrderKey, type PlannedQuery } from '../planner/plan-select.ts';
import { SqlError, type SessionContext } from '../types/index.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { columnOrigin, isAppendOnly, relationsRead } from '../plan/properties.ts';
import type { ResultColumn } from './result.ts';
import { optimizedQuery } from './stages.ts';
import { columnTypes } from './column-types.ts';
import type { SqlEngine } from './engine.ts';
import { dataflow, physicalPlan } from './stages.ts';
import { userFunctions } from './handlers/functions.ts';
import { systemRelation } from './system-catalog.ts';
import { catalogFunction, objectIdCast } from './catalog-functions.ts';
import { findRelation, lookupRelation, qualifiedName, qualifyColumnRefs, withSearchPath } from './names.ts';
import { runQueryOnSlot, type SlotQuery } from '../slots/run-on-slot.ts';
import { SqlState } from '../../errors/index.ts';

export interface QueryOptions {
  readonly session: SessionContext;
  readonly params?: readonly (string | null)[];
  readonly scalarFunction?: BindContext['scalarFunction'];
  /**
   * Collects the oids of the catalog objects the query names as it is planned (relations,
   * views and those they name, SQL functions): what a view created from it depends on.
   */
  readonly dependencies?: Set<number>;
}

/**
 * The query planner over the engine's catalog: names resolve along the session's
 * search_path, and column references through schema-qualified relations (`s.t.col`) are
 * read as such (see {@link qualifyColumnRefs}).
 */
class CatalogQueryPlanner extends QueryPlanner {
  private readonly database: string;

  constructor(ctx: PlannerContext, database: string) {
    super(ctx);
    this.database = database;
  }

  override planQuery(select: Record<string, unknown>): PlannedQuery {
    return super.planQuery(qualifyColumnRefs(select, this.database));
  }

  override planSubquery(node: PgNode): ReturnType<QueryPlanner['planSubquery']> {
    return super.planSubquery(qualifyColumnRefs(node, this.database));
  }
}

/** Plans queries for the engine: bound and planned (planner/), then optimized (optimizer/). */
export interface QueryPlanning {
  planQuery(select: Record<string, unknown>): PlannedQuery;
}

export function plannerFor(engine: SqlEngine, o: QueryOptions): QueryPlanning {
  const planner = catalogPlanner(engine, o);
  return { planQuery: (select) => optimizedQuery(planner.planQuery(select)) };
}

function catalogPlanner(engine: SqlEngine, o: QueryOptions): QueryPlanner {
  const ctx: PlannerContext = {
    session: o.session,
    resolveRelation(parts: readonly string[]): RelationInfo {
      const entry = findRelation(engine.catalog, o.session, qualifiedName(parts, engine.database), { missingSchema: 'no relation' });
      const name = entry.name;
      o.dependencies?.add(entry.oid);
      const rowError = engine.rowError(entry);
      if (rowError !== undefined) {
        // Some input rows make the view's expressions fail: its result is incomplete until they change.
        const cause = sqlCause(rowError);
        throw new SqlError(cause?.code ?? SqlState.internalError, `materialized view "${name}" has rows in error: ${cause?.message ?? String(rowError)}`, {
          hint: 'The error goes away when the rows that cause it change or are deleted.',
        });
      }
      const failure = engine.failure(entry);
      if (failure !== undefined) {
        // The view's job stopped: its contents are no longer maintained, so do not serve them.
        const cause = sqlCause(failure);
        throw new SqlError(cause?.code ?? SqlState.internalError, `materialized view "${name}" stopped maintaining its result: ${cause?.message ?? String(failure)}`, {
          hint: `Fix the data or the query, then DROP MATERIALIZED VIEW ${name} and create it again.`,
        });
      }
      if (entry.kind === 'sink' || entry.kind === 'index') return { entry, columns: [] };
      const rows = engine.rowEstimate(entry);
      return { entry, columns: entry.columns.map((c, i) => ({ name: c.name, type: columnTypes(entry.columns)[i]! })), ...(rows !== undefined && { rows }) };
    },
    systemRelation(parts: readonly string[]) {
      // pg_catalog's relations by plain name unless a relation of the user's has that name;
      // information_schema's only qualified, as it is not on PostgreSQL's search path.
      const q = qualifiedName(parts, engine.database);
      if (q.schema === 'information_schema') return systemRelation(`information_schema.${q.name}`, engine.catalog, engine.database, o.session);
      if (q.schema === 'pg_catalog' || (q.schema === null && lookupRelation(engine.catalog, o.session, q) === undefined)) return systemRelation(q.name, engine.catalog, engine.database, o.session);
      return undefined;
    },
    planView(entry: CatalogEntry) {
      if (entry.kind !== 'view') throw new SqlError(SqlState.internalError, `${entry.name} is not a view`);
      const stmt = parse(entry.querySql)[0];
      if (stmt === undefined || stmt.kind !== 'pg' || stmt.type !== 'SelectStmt') throw new SqlError(SqlState.internalError, `view ${entry.name} has no query`);
      // Its names resolve as they did when it was created (its own search_path), not the caller's.
      const v = catalogPlanner(engine, { ...o, session: withSearchPath(o.session, entry.searchPath) }).planSubquery(stmt.tree as PgNode);
      // The view's columns are named as its catalog entry says (CREATE VIEW v (a, b) renames them).
      let visible = 0;
      const columns = v.columns.map((c) => (c.hidden === true ? c : { ...c, name: entry.columns[visible++]?.name ?? c.name }));
      return { ...v, columns };
    },
    bindBase: bindHooks(engine, o),
  };
  return new CatalogQueryPlanner(ctx, engine.database);
}

/**
 * What binding an expression needs of the catalog, as the planner binds them: SQL functions
 * and the catalog's functions, the object identifier casts, the parameters. For expressions
 * bound outside a query (a simple UPDATE's SET and WHERE) so that they mean what they would
 * in a SELECT.
 */
export function bindHooks(engine: SqlEngine, o: Omit<QueryOptions, 'session'>): PlannerContext['bindBase'] {
  return {
    userFunction: withCatalogFunctions(engine, o.dependencies),
    objectIdCast: objectIdCast(engine),
    ...(o.params !== undefined && { params: o.params }),
    ...(o.scalarFunction !== undefined && { scalarFunction: o.scalarFunction }),
  };
}

/** Functions created with CREATE FUNCTION, then the system functions that read the catalog. */
function withCatalogFunctions(engine: SqlEngine, dependencies?: Set<number>): NonNullable<BindContext['userFunction']> {
  const user = userFunctions(engine, dependencies);
  const system = catalogFunction(engine);
  return (name, args, ctx, schema) => user(name, args, ctx, schema) ?? system(name, args, ctx);
}

/** A query's result columns as clients are told them: names, types and where each comes from. */
export function resultColumns(q: PlannedQuery): ResultColumn[] {
  return q.columns.map((c, i) => ({ name: c.name, type: c.type, origin: columnOrigin(q.plan, i) }));
}

/**
 * Runs a planned query to completion and returns its rows (visible columns), ordered and
 * limited. Given the statement's tree (`slot`), on an engine with slots, it runs on a slot
 * thread instead (planned again there from the tree), so that it cannot stall this thread or
 * exhaust its memory.
 */
export async function runQuery(engine: SqlEngine, q: PlannedQuery, session: SessionContext, slot?: SlotQuery): Promise<unknown[][]> {
  if (slot !== undefined && engine.slots !== null) {
    return runQueryOnSlot(engine, slot, q.columns.map((c) => c.type), session);
  }
  const env = new StreamExecutionEnvironment(1);
  const width = q.plan.schema.length;
  const result = TableStore.open({ name: 'result', columns: q.plan.schema.map((c) => c.name), primaryKey: null, dir: null });
  const unbounded = readsUnboundedSource(q.plan, (e) => engine.source(e).boundedness === 'unbounded');
  if (unbounded !== null) {
    if (q.limit === null) {
      throw new SqlError(SqlState.featureNotSupported, `SELECT from the unbounded source "${unbounded}" needs a LIMIT`, {
        hint: 'Add LIMIT n to see the first rows, or CREATE MATERIALIZED VIEW to keep the result up to date.',
      });
    }
    if (!isAppendOnly(q.plan, 'snapshot') || q.orderBy.length > 0) {
      throw new SqlError(SqlState.featureNotSupported, `SELECT with aggregates, joins or ORDER BY over the unbounded source "${unbounded}" never ends`, {
        hint: 'CREATE MATERIALIZED VIEW to keep the result up to date, then SELECT from it.',
      });
    }
  }
  dataflow(engine, physicalPlan(engine, q.plan, 'snapshot'), env, session).sinkTo(
    new TableSink(result, 'strict'),
    'Result',
  );
  const job = engine.cluster.execute(env.buildJob('SELECT'));
  const wanted = unbounded === null ? Infinity : q.offset + (q.limit ?? 0);
  // Over an unbounded source, stop once enough rows have arrived.
  const stop = wanted === Infinity ? () => {} : result.subscribe(() => void (result.rowCount >= wanted && job.cancel()));
  try {
    await job.getJobExecutionResult();
  } catch (e) {
    if (!(wanted !== Infinity && result.rowCount >= wanted && job.getJobStatus() === 'CANCELED')) throw sqlCause(e) ?? e;
  } finally {
    stop();
  }
  let rows = [...result.scan()].map((r) => [...r]);
  if (rows.some((r) => r.length !== width)) throw new SqlError(SqlState.internalError, 'internal error: result rows of the wrong width');
  const order = rowOrder(q.orderBy);
  if (q.orderBy.length > 0) rows.sort(order);
  const start = q.offset;
  let end = q.limit === null ? undefined : start + q.limit;
  // WITH TIES: also the rows equal, in ORDER BY, to the last one kept.
  if (q.withTies === true && end !== undefined && end > start) while (end < rows.length && order(rows[end - 1]!, rows[end]!) === 0) end++;
  rows = rows.slice(start, end);
  return q.columns.length === width ? rows : rows.map((r) => r.slice(0, q.columns.length));
}

/** The name of an unbounded source the plan reads, if any. */
function readsUnboundedSource(p: LogicalPlan, unbounded: (e: CatalogEntry) => boolean): string | null {
  for (const e of relationsRead(p).values()) if (e.kind === 'source' && unbounded(e)) return e.name;
  return null;
}

/** The SQL error (division by zero, overflow, ...) behind a failed job, if that is why it failed. */
export function sqlCause(e: unknown): SqlError | null {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 10; cur = cur.cause, depth++) {
    if (cur instanceof SqlError) return cur;
  }
  return null;
}

function rowOrder(keys: readonly OrderKey[]): (a: readonly unknown[], b: readonly unknown[]) => number {
  return (a, b) => {
    for (const k of keys) {
      const x = a[k.column];
      const y = b[k.column];
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === k.nullsFirst ? -1 : 1;
      }
      const c = k.cmp(x as never, y as never);
      if (c !== 0) return k.descending ? -c : c;
    }
    return 0;
  };
}
