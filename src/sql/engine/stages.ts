/**
 * The stages a statement's query goes through after parsing, in order, in one place:
 *
 *   bind → plan              plannerFor(...).planQuery (query.ts): names and types resolved
 *                            (binder/), a LogicalPlan per query level (planner/), subqueries
 *                            unnested into joins as they are planned (planner/unnest.ts)
 *   → optimize               optimizedQuery: the rules and join ordering (src/sql/optimizer),
 *                            once over the whole plan
 *   → physical               toPhysical (src/sql/physical): a StreamPlan, every operator chosen
 *   → translate              translate (src/sql/translate): the DataStream DAG
 *
 * Queries, EXPLAIN, views and sinks all take the last two stages here.
 */
import type { DataStream } from '../../api/datastream.ts';
import type { StreamExecutionEnvironment } from '../../api/environment.ts';
import type { ErrorLedger } from '../../runtime/relational/evaluate.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import type { StreamPlan } from '../physical/stream-plan.ts';
import { toPhysical } from '../physical/to-physical.ts';
import { translate } from '../translate/to-datastream.ts';
import type { SessionContext } from '../types/index.ts';
import type { SqlEngine } from './engine.ts';
import type { PlannedQuery } from '../planner/planned-query.ts';
import { optimize } from '../optimizer/optimize.ts';
import { pruneColumns } from '../optimizer/prune-columns.ts';

type Row = readonly unknown[];

/** 'snapshot' for a query that ends, 'changelog' for a view or sink that follows its inputs. */
export type ReadMode = 'snapshot' | 'changelog';

/** A planned query's plan optimized: rewritten by the rules, joins ordered, unread columns pruned. */
export function optimizedQuery(q: PlannedQuery): PlannedQuery {
  return { ...q, plan: pruneColumns(optimize(q.plan)) };
}

/** The physical plan of an optimized logical plan: index lookups where the engine's tables have the index. */
export function physicalPlan(engine: SqlEngine, plan: LogicalPlan, mode: ReadMode): StreamPlan {
  return toPhysical(plan, { mode, canLookUp: (relation, columns, values) => engine.readStore(relation).lookupWhere(columns, values) !== undefined });
}

/** Builds a physical plan's operators in `env`; `errors` is a view's error ledger. */
export function dataflow(engine: SqlEngine, plan: StreamPlan, env: StreamExecutionEnvironment, session: SessionContext, errors?: ErrorLedger): DataStream<Row> {
  return translate(plan, { env, session, storeOf: (e) => engine.readStore(e), sourceOf: (e) => engine.source(e), ...(errors !== undefined && { errors }) });
}
