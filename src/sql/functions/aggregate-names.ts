/**
 * Names the binder routes to aggregation instead of scalar resolution. The aggregates
 * themselves live with the planner's operators; this list only classifies calls.
 */
const AGGREGATES: ReadonlySet<string> = new Set([
  'count', 'sum', 'avg', 'min', 'max', 'bool_and', 'bool_or', 'every', 'string_agg', 'array_agg', 'jsonb_agg',
  'jsonb_object_agg', 'json_agg', 'json_object_agg', 'bit_and', 'bit_or', 'bit_xor', 'stddev', 'stddev_samp',
  'stddev_pop', 'variance', 'var_samp', 'var_pop', 'percentile_cont', 'percentile_disc', 'mode',
  'approx_count_distinct', 'first_value_agg', 'covar_pop', 'covar_samp', 'corr', 'regr_count',
]);

/** Whether `name(...)` is an aggregate call (also with a `pg_catalog.` prefix). */
export function isAggregateName(name: string): boolean {
  return AGGREGATES.has(name.startsWith('pg_catalog.') ? name.slice(11) : name);
}
