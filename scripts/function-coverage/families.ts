/**
 * Families for the report, in the order of how much real SQL uses them, and the functions
 * that make no sense for Weir (server administration of a PostgreSQL instance), with why.
 */
import type { PgSignature } from './pg-catalog.ts';

export const FAMILIES = [
  'string', 'math', 'date/time', 'aggregates', 'json', 'arrays', 'pattern matching', 'formatting', 'system information', 'operators',
] as const;
export type Family = (typeof FAMILIES)[number] | 'not applicable';

/** Names (or name prefixes ending in `*`) of PostgreSQL's administration functions, with the reason they do not apply. */
const NOT_APPLICABLE: ReadonlyArray<readonly [pattern: string, reason: string]> = [
  ['pg_stat_*', "PostgreSQL's statistics collector"],
  ['pg_ls_*', "the server's data directory"], ['pg_read_file*', "the server's files"], ['pg_stat_file', "the server's files"],
  ['pg_*wal*', "PostgreSQL's write-ahead log"], ['pg_last_*', 'streaming replication'], ['pg_is_in_recovery', 'streaming replication'],
  ['pg_promote', 'streaming replication'], ['pg_replication_*', 'logical replication'],
  ['pg_advisory_*', 'advisory locks'], ['pg_try_advisory_*', 'advisory locks'], ['pg_blocking_pids', 'lock manager'],
  ['pg_safe_snapshot_blocking_pids', 'lock manager'], ['pg_isolation_test_session_is_blocked', "PostgreSQL's isolation tester"],
  ['pg_cancel_backend', 'backend processes (Weir cancels by the protocol)'], ['pg_terminate_backend', 'backend processes'],
  ['pg_reload_conf', "PostgreSQL's configuration files"], ['pg_rotate_logfile*', "PostgreSQL's log files"], ['pg_current_logfile', "PostgreSQL's log files"],
  ['pg_show_all_file_settings', "PostgreSQL's configuration files"], ['pg_hba_file_rules', 'pg_hba.conf'], ['pg_ident_file_mappings', 'pg_ident.conf'],
  ['pg_settings_get_flags', "PostgreSQL's GUC flags"], ['pg_config', "PostgreSQL's build configuration"], ['pg_control_*', "PostgreSQL's control file"],
  ['pg_*memory_contexts', "PostgreSQL's memory contexts"], ['pg_get_shmem_allocations', "PostgreSQL's shared memory"],
  ['pg_export_snapshot', 'MVCC snapshots'], ['pg_notification_queue_usage', 'LISTEN/NOTIFY'], ['pg_listening_channels', 'LISTEN/NOTIFY'],
  ['pg_event_trigger_*', 'event triggers'], ['pg_trigger_depth', 'triggers'], ['pg_jit_available', 'JIT compilation'],
  ['pg_encoding_max_length', 'server encodings other than UTF8'], ['pg_column_compression', 'TOAST compression'],
  ['pg_prepared_xact', 'two-phase commit'], ['pg_cursor', "PostgreSQL's cursor list"], ['pg_options_to_table', 'foreign-data wrapper options'],
  ['pg_get_serial_sequence', 'sequences'], ['lastval', 'sequences'], ['txid_*', 'transaction ids'], ['lo_*', 'large objects'],
  ['loread', 'large objects'], ['lowrite', 'large objects'], ['pg_read_binary_file', "the server's files"],
  ['has_*_privilege', 'privileges (Weir has one user)'], ['row_security_active', 'row-level security'],
  ['ts_*', 'text search'], ['xml_*', 'the xml type'], ['inet_*', 'the inet type'],
  ['pg_timezone_abbrevs', "PostgreSQL's time zone abbreviation files"], ['pg_conf_load_time', "PostgreSQL's configuration files"],
  ['to_ascii', 'server encodings other than UTF8'],
  ['pg_collation_for', 'collations (Weir compares in C order)'], ['json_populate_record*', 'composite types (CREATE TYPE)'],
  ['jsonb_populate_record*', 'composite types (CREATE TYPE)'],
];

const matches = (pattern: string, name: string): boolean => {
  if (!pattern.includes('*')) return pattern === name;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(name);
};

/** Why a function does not apply to Weir, or undefined when it does. */
export function notApplicable(sig: PgSignature): string | undefined {
  // text @@ text is to_tsvector(text) @@ plainto_tsquery(text), as the ts_* functions are.
  if (sig.kind === 'operator') return sig.name === '@@' ? 'text search' : undefined;
  return NOT_APPLICABLE.find(([p]) => matches(p, sig.name))?.[1];
}

const FORMATTING = new Set(['to_char', 'to_date', 'to_number', 'to_timestamp', 'format', 'to_hex']);
const PATTERN = /^(regexp_|similar_|like$|notlike$|like_escape$)|^substring$/;
const DATETIME_TYPES = /^_?(date|time|timestamp|timestamptz|interval)$/;
const NUMBER_TYPES = /^_?(int2|int4|int8|float4|float8|numeric)$/;
const TEXT_TYPES = /^_?(text|varchar)$/;

export function familyOf(sig: PgSignature): Family {
  if (notApplicable(sig) !== undefined) return 'not applicable';
  if (sig.kind === 'operator') return 'operators';
  if (sig.kind === 'aggregate') return 'aggregates';
  const types = [...sig.args, sig.result];
  if (sig.name.startsWith('json') || types.some((t) => /^_?jsonb?$/.test(t))) return 'json';
  if (FORMATTING.has(sig.name)) return 'formatting';
  if (PATTERN.test(sig.name) && !(sig.name === 'substring' && sig.args[1] === 'int4')) return 'pattern matching';
  if (sig.name.startsWith('array_') || types.some((t) => t.startsWith('_') || t === 'anyarray' || t === 'anycompatiblearray')) return 'arrays';
  if (types.some((t) => DATETIME_TYPES.test(t)) || /time|date|now|^age$|^isfinite$|^justify/.test(sig.name)) return 'date/time';
  if (sig.name.startsWith('pg_') || ['version', 'current_setting', 'set_config', 'current_query', 'num_nulls', 'num_nonnulls'].includes(sig.name)) return 'system information';
  if (types.some((t) => TEXT_TYPES.test(t))) return 'string';
  if (types.some((t) => NUMBER_TYPES.test(t))) return 'math';
  return 'system information';
}
