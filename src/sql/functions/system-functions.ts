/**
 * The system information functions clients call (psql's \d commands, drivers on connect):
 * the user and database Weir serves, visibility of relations in the search path (every
 * relation of `public` is visible), and version().
 */
import { BOOLEAN, INTEGER, TEXT, TIMESTAMPTZ, arrayOf, formatTypeName, formatTypeOfOid } from '../types/index.ts';
import { currentMicros } from './session-clock.ts';
import { ANY, fn, polyFn, type FunctionSignature } from './function-signature.ts';

const stable = { volatility: 'stable' } as const;
const STARTED = Math.round(currentMicros() - process.uptime() * 1e6);

export const SYSTEM_FUNCTIONS: readonly FunctionSignature[] = [
  // The bootstrap superuser (oid 10) is Weir's user; pg_database_owner owns `public`.
  fn('pg_get_userbyid', [INTEGER], TEXT, ([oid]) => (oid === 10 ? 'weir' : oid === 6171 ? 'pg_database_owner' : `unknown (OID=${String(oid)})`), stable),
  fn('pg_encoding_to_char', [INTEGER], TEXT, ([e]) => (e === 6 ? 'UTF8' : e === 0 ? 'SQL_ASCII' : ''), stable),
  fn('current_schemas', [BOOLEAN], arrayOf(TEXT), ([implicit]) => (implicit === true ? ['pg_catalog', 'public'] : ['public']), stable),
  fn('pg_backend_pid', [], INTEGER, () => process.pid, stable),
  // Privileges: Weir's one user may do everything.
  ...['has_table_privilege', 'has_schema_privilege', 'has_database_privilege', 'has_column_privilege', 'has_function_privilege', 'has_any_column_privilege'].flatMap((name) => [
    fn(name, [TEXT, TEXT], BOOLEAN, () => true, stable),
    fn(name, [INTEGER, TEXT], BOOLEAN, () => true, stable),
    fn(name, [TEXT, TEXT, TEXT], BOOLEAN, () => true, stable),
    fn(name, [TEXT, INTEGER, TEXT], BOOLEAN, () => true, stable),
  ]),
  fn('pg_table_is_visible', [INTEGER], BOOLEAN, () => true, stable),
  fn('pg_function_is_visible', [INTEGER], BOOLEAN, () => true, stable),
  fn('pg_type_is_visible', [INTEGER], BOOLEAN, () => true, stable),
  fn('current_database', [], TEXT, () => 'dev', stable),
  fn('current_schema', [], TEXT, () => 'public', stable),
  fn('current_user', [], TEXT, () => 'weir', stable),
  fn('session_user', [], TEXT, () => 'weir', stable),
  // format_type(type oid, typmod): the name \d shows, e.g. `numeric(10,2)`.
  fn('format_type', [INTEGER, INTEGER], TEXT, ([oid, mod]) => formatTypeOfOid(Number(oid), mod === null ? null : Number(mod)), { ...stable, strict: false }),
  // pg_get_expr(expression, relation[, pretty]): Weir keeps a default's text, which is its own rendering.
  fn('pg_get_expr', [TEXT, INTEGER], TEXT, ([e]) => e, stable),
  fn('pg_get_expr', [TEXT, INTEGER, BOOLEAN], TEXT, ([e]) => e, stable),
  // Comments (COMMENT ON): Weir keeps none.
  fn('obj_description', [INTEGER, TEXT], TEXT, () => null, { ...stable, strict: false }),
  fn('obj_description', [INTEGER], TEXT, () => null, { ...stable, strict: false }),
  fn('shobj_description', [INTEGER, TEXT], TEXT, () => null, { ...stable, strict: false }),
  // Extended statistics: Weir has none (pg_statistic_ext is empty).
  fn('pg_get_statisticsobjdef_columns', [INTEGER], TEXT, () => null, { ...stable, strict: false }),
  fn('col_description', [INTEGER, INTEGER], TEXT, () => null, { ...stable, strict: false }),
  // Rules, triggers and partitioning: Weir has none of them (pg_rewrite and pg_trigger are empty).
  fn('pg_get_ruledef', [INTEGER], TEXT, () => null, { ...stable, strict: false }),
  fn('pg_get_ruledef', [INTEGER, BOOLEAN], TEXT, () => null, { ...stable, strict: false }),
  fn('pg_get_triggerdef', [INTEGER], TEXT, () => null, { ...stable, strict: false }),
  fn('pg_get_triggerdef', [INTEGER, BOOLEAN], TEXT, () => null, { ...stable, strict: false }),
  fn('pg_get_partkeydef', [INTEGER], TEXT, () => null, { ...stable, strict: false }),
  // Sequences (serial columns): Weir has none.
  fn('pg_get_serial_sequence', [TEXT, TEXT], TEXT, () => null, { ...stable, strict: false }),
  // Logical replication: Weir publishes nothing.
  fn('pg_relation_is_publishable', [INTEGER], BOOLEAN, () => false, stable),
  // Weir is never a standby; the server started when this process did.
  fn('pg_is_in_recovery', [], BOOLEAN, () => false, stable),
  fn('pg_postmaster_start_time', [], TIMESTAMPTZ, () => STARTED, stable),
  // pg_typeof: the argument's type as regtype prints it (no modifiers); Weir's regtype is its name as text.
  polyFn('pg_typeof', [ANY], TEXT, ([t]) => { const name = formatTypeName(t!); return () => name; }, { ...stable, strict: false, keepsUnknown: true }),
  fn('version', [], TEXT, () => 'PostgreSQL 15.0 (Weir), compatible with PostgreSQL 15', stable),
];
