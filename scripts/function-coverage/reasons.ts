/**
 * Why a function is still missing, where the reason is more than "not written yet" (which the
 * report shows as Weir's error for the call).
 */
const SET_RETURNING = 'set-returning: in FROM over constant arguments (functions/set-returning/, plan-from.ts); not yet in the select list (plan-select-list.ts) nor per row over columns (the series node of translate/ knows generate_series over integers, unnest and generate_subscripts only)';
const COLUMN_LIST = 'returns a record shaped by a column definition list (AS x(a int, ...)): planner work';
const HYPOTHETICAL = 'hypothetical-set aggregate (rank(v) WITHIN GROUP (ORDER BY x)): plan-grouping.ts binds percentile_cont, percentile_disc and mode only (planner work)';
const ORDERED_SET = 'this WITHIN GROUP form (interval values, an array of fractions) is not bound by plan-grouping.ts yet (planner work)';
const IMAGE = "binary-image comparison: it orders PostgreSQL's on-disk representations, which Weir does not have";

export const MISSING_REASONS: Readonly<Record<string, string>> = {
  generate_series: SET_RETURNING, generate_subscripts: SET_RETURNING, regexp_matches: SET_RETURNING, regexp_split_to_table: SET_RETURNING,
  string_to_table: SET_RETURNING, json_array_elements: SET_RETURNING, json_array_elements_text: SET_RETURNING, json_each: SET_RETURNING,
  json_each_text: SET_RETURNING, json_object_keys: SET_RETURNING, jsonb_array_elements: SET_RETURNING, jsonb_array_elements_text: SET_RETURNING,
  jsonb_each: SET_RETURNING, jsonb_each_text: SET_RETURNING, jsonb_object_keys: SET_RETURNING, pg_show_all_settings: SET_RETURNING,
  pg_timezone_names: SET_RETURNING,
  json_to_record: COLUMN_LIST, json_to_recordset: COLUMN_LIST, jsonb_to_record: COLUMN_LIST, jsonb_to_recordset: COLUMN_LIST,
  rank: HYPOTHETICAL, dense_rank: HYPOTHETICAL, percent_rank: HYPOTHETICAL, cume_dist: HYPOTHETICAL,
  percentile_cont: ORDERED_SET, percentile_disc: ORDERED_SET,
  array_agg: 'array_agg over arrays makes a multidimensional array; Weir\'s arrays have one dimension',
  array_fill: 'a dimensions array of several dimensions (and lower bounds other than 1): Weir\'s arrays have one dimension from 1',
  current_query: "the statement's text does not reach the function layer (a session field through pgwire's session and the slots' transfer)",
  pg_column_size: "the size of a value in PostgreSQL's on-disk formats",
  '*=': IMAGE, '*<>': IMAGE, '*<': IMAGE, '*<=': IMAGE, '*>': IMAGE, '*>=': IMAGE,
};
