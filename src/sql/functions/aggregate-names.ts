/**
 * Names the binder routes to aggregation instead of scalar resolution. The aggregates
 * themselves are in aggregates/; this list only classifies calls.
 */
const AGGREGATES: ReadonlySet<string> = new Set([
  'count', 'sum', 'avg', 'min', 'max', 'bool_and', 'bool_or', 'every', 'string_agg', 'array_agg', 'jsonb_agg',
  'jsonb_object_agg', 'json_agg', 'json_object_agg', 'bit_and', 'bit_or', 'bit_xor', 'stddev', 'stddev_samp',
  'stddev_pop', 'variance', 'var_samp', 'var_pop', 'percentile_cont', 'percentile_disc', 'mode',
  'approx_count_distinct', 'first_value_agg', 'covar_pop', 'covar_samp', 'corr', 'regr_avgx', 'regr_avgy', 'regr_count',
  'regr_intercept', 'regr_r2', 'regr_slope', 'regr_sxx', 'regr_sxy', 'regr_syy',
]);

/**
 * Aggregates of several value arguments, which the binder hands to the planner as one record
 * argument `ROW(a, b)` (see packAggregateArguments in binder/bind-expr.ts).
 */
const MULTI_ARGUMENT: ReadonlySet<string> = new Set([
  'covar_pop', 'covar_samp', 'corr', 'regr_avgx', 'regr_avgy', 'regr_count', 'regr_intercept', 'regr_r2', 'regr_slope', 'regr_sxx', 'regr_sxy',
  'regr_syy', 'json_object_agg', 'jsonb_object_agg',
]);

/** How many value arguments a plain aggregate takes, where PostgreSQL has one arity for it (WITHIN GROUP ones excluded). */
export function aggregateArity(name: string): number | undefined {
  const n = name.startsWith('pg_catalog.') ? name.slice(11) : name;
  if (MULTI_ARGUMENT.has(n) || n === 'string_agg') return 2;
  if (n === 'count' || n === 'percentile_cont' || n === 'percentile_disc' || n === 'mode' || !AGGREGATES.has(n)) return undefined;
  return 1;
}

/** Whether `name` aggregates several arguments as one record (corr(y, x) → corr(ROW(y, x))). */
export function takesArgumentRecord(name: string): boolean {
  return MULTI_ARGUMENT.has(name.startsWith('pg_catalog.') ? name.slice(11) : name);
}

/** Whether `name(...)` is an aggregate call (also with a `pg_catalog.` prefix). */
export function isAggregateName(name: string): boolean {
  return AGGREGATES.has(name.startsWith('pg_catalog.') ? name.slice(11) : name);
}
