/**
 * Type names in and out: `formatType` prints what PostgreSQL's format_type() prints (psql's
 * \d, error messages, pg_typeof), `parseTypeName` accepts PostgreSQL's spellings plus the
 * aliases RisingWave and Flink users type (`double`, `string`).
 */
import {
  ARRAY_TYPE_OIDS, TypeOid, BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, IntervalField, JSONB, JSON_TYPE, REAL, SMALLINT, TEXT, UNKNOWN,
  arrayOf, intervalType, numericType, timeType, timestampType, timestamptzType, varcharType,
  BYTEA, baseType, bpcharType,
  type DataType,
} from './data-type.ts';
import { SqlError, SqlState } from './sql-error.ts';
import { syntaxError } from '../../errors/index.ts';

const NAMES: Record<DataType['kind'], string> = {
  boolean: 'boolean', smallint: 'smallint', integer: 'integer', bigint: 'bigint', real: 'real',
  double: 'double precision', numeric: 'numeric', varchar: 'character varying', bpchar: 'bpchar', text: 'text', bytea: 'bytea',
  timestamp: 'timestamp', timestamptz: 'timestamp', date: 'date', time: 'time', interval: 'interval',
  jsonb: 'jsonb', json: 'json', array: 'anyarray', record: 'record', unknown: 'unknown',
};

/** The name PostgreSQL's format_type(oid, typmod) prints, e.g. `numeric(10,2)`, `timestamp(3) without time zone`. */
export function formatType(t: DataType): string {
  switch (t.kind) {
    case 'numeric':
      return t.precision === null ? 'numeric' : `numeric(${t.precision},${t.scale ?? 0})`;
    case 'varchar':
      return t.length === null ? 'character varying' : `character varying(${t.length})`;
    case 'bpchar':
      // format_type(1042, -1) is bpchar: plain `character` would read back as character(1).
      return t.length === null ? 'bpchar' : `character(${t.length})`;
    case 'timestamp':
      return `timestamp${precisionSuffix(t.precision)} without time zone`;
    case 'timestamptz':
      return `timestamp${precisionSuffix(t.precision)} with time zone`;
    case 'time':
      return `time${precisionSuffix(t.precision)} without time zone`;
    case 'interval': {
      const fields = t.fields === null ? '' : ' ' + intervalFieldsName(t.fields);
      return `interval${fields}${precisionSuffix(t.precision)}`;
    }
    case 'array':
      return t.vector ?? `${formatType(t.element)}[]`;
    default:
      return NAMES[t.kind];
  }
}

const precisionSuffix = (p: number | null): string => (p === null ? '' : `(${p})`);

/**
 * A type's name without its modifier, as format_type_be prints it (pg_typeof, regtype): like
 * formatType of the base type, except that bpchar is `character` there.
 */
export function formatTypeName(t: DataType): string {
  if (t.kind === 'bpchar') return 'character';
  if (t.kind === 'array' && t.vector === undefined) return `${formatTypeName(t.element)}[]`;
  return formatType(baseType(t));
}

const { YEAR, MONTH, DAY, HOUR, MINUTE, SECOND } = IntervalField;
/** The interval field restrictions PostgreSQL's grammar allows, with their printed names. */
export const INTERVAL_FIELD_NAMES: ReadonlyArray<readonly [number, string]> = [
  [YEAR, 'year'], [MONTH, 'month'], [DAY, 'day'], [HOUR, 'hour'], [MINUTE, 'minute'], [SECOND, 'second'],
  [YEAR | MONTH, 'year to month'], [DAY | HOUR, 'day to hour'], [DAY | HOUR | MINUTE, 'day to minute'],
  [DAY | HOUR | MINUTE | SECOND, 'day to second'], [HOUR | MINUTE, 'hour to minute'],
  [HOUR | MINUTE | SECOND, 'hour to second'], [MINUTE | SECOND, 'minute to second'],
];

function intervalFieldsName(fields: number): string {
  for (const [bits, name] of INTERVAL_FIELD_NAMES) if (bits === fields) return name;
  return '';
}

/** Parses `day to second` / `SECOND` into INTERVAL_MASK bits; undefined if not a valid qualifier. */
export function parseIntervalFields(text: string): number | undefined {
  const norm = text.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const [bits, name] of INTERVAL_FIELD_NAMES) if (name === norm) return bits;
  return undefined;
}

/**
 * Resolves a type name as written in SQL (case-insensitive, any whitespace) with its modifiers.
 * Throws 42704 for unknown names and 22023 for out-of-range modifiers.
 *
 * @example parseTypeName('decimal', [10, 2]) // numeric(10,2)
 * @example parseTypeName('timestamp with time zone') // timestamptz
 */
export function parseTypeName(name: string, modifiers: readonly number[] = []): DataType {
  const n = name.trim().toLowerCase().replace(/\s+/g, ' ').replace(/^pg_catalog\./, '');
  // `int[]`, `text[][]` (Weir's arrays have one dimension, whatever the declaration says).
  if (n.endsWith('[]')) return arrayOf(parseTypeName(n.replace(/(\s*\[\])+$/, ''), modifiers));
  if (n.startsWith('_')) return arrayOf(parseTypeName(n.slice(1), modifiers));
  const noMods = (t: DataType): DataType => {
    if (modifiers.length > 0) throw syntaxError(`type modifier is not allowed for type "${n}"`);
    return t;
  };
  switch (n) {
    case 'bool': case 'boolean': return noMods(BOOLEAN);
    case 'int2': case 'smallint': return noMods(SMALLINT);
    case 'int': case 'int4': case 'integer': return noMods(INTEGER);
    case 'int8': case 'bigint': return noMods(BIGINT);
    case 'float4': case 'real': return noMods(REAL);
    case 'float8': case 'double': case 'double precision': return noMods(DOUBLE);
    case 'float': {
      // float(p): p <= 24 is real, up to 53 is double precision (PostgreSQL's gram.y).
      const p = modifiers[0];
      if (p === undefined) return DOUBLE;
      if (p < 1) throw new SqlError(SqlState.invalidParameterValue, 'precision for type float must be at least 1 bit');
      if (p > 53) throw new SqlError(SqlState.invalidParameterValue, 'precision for type float must be less than 54 bits');
      return p <= 24 ? REAL : DOUBLE;
    }
    case 'numeric': case 'decimal': return numericWithModifiers(modifiers);
    case 'varchar': case 'character varying': case 'char varying': {
      const len = modifiers[0];
      if (len === undefined) return varcharType(null);
      if (len < 1) throw new SqlError(SqlState.invalidParameterValue, 'length for type varchar must be at least 1');
      if (len > 10485760) throw new SqlError(SqlState.invalidParameterValue, 'length for type varchar cannot exceed 10485760');
      return varcharType(len);
    }
    case 'bpchar': case 'character': case 'nchar': case 'national character': {
      // The parser writes char and character as bpchar(1); a bare bpchar has no limit.
      const len = modifiers[0] ?? (n === 'bpchar' ? undefined : 1);
      if (modifiers.length > 1) throw syntaxError('syntax error at or near ","');
      if (len === undefined) return bpcharType(null);
      if (len < 1) throw new SqlError(SqlState.invalidParameterValue, 'length for type char must be at least 1');
      if (len > 10485760) throw new SqlError(SqlState.invalidParameterValue, 'length for type char cannot exceed 10485760');
      return bpcharType(len);
    }
    case 'text': case 'string': return noMods(TEXT);
    case 'bytea': return noMods(BYTEA);
    case 'timestamp': case 'timestamp without time zone': return timestampType(secondsPrecision(n, modifiers));
    case 'timestamptz': case 'timestamp with time zone': return timestamptzType(secondsPrecision(n, modifiers));
    case 'time': case 'time without time zone': return timeType(secondsPrecision(n, modifiers));
    case 'date': return noMods(DATE);
    case 'interval': return intervalType(null, modifiers.length ? secondsPrecision(n, modifiers) : null);
    case 'jsonb': return noMods(JSONB);
    case 'json': return noMods(JSON_TYPE);
    // System types of catalog queries (psql's \d): object ids as integers, names and
    // reg* lookups as text.
    case 'oid': case 'regoper': return noMods(INTEGER);
    case 'name': case 'regtype': case 'regclass': case 'regproc': case 'regprocedure': case 'regnamespace': case 'regrole': case 'char': case '"char"':
      return noMods(TEXT);
    case 'unknown': return noMods(UNKNOWN);
  }
  const fields = n.startsWith('interval ') ? parseIntervalFields(n.slice(9)) : undefined;
  if (fields !== undefined) return intervalType(fields, modifiers.length ? secondsPrecision(n, modifiers) : null);
  throw new SqlError(SqlState.undefinedObject, `type "${name.trim()}" does not exist`);
}

function numericWithModifiers(modifiers: readonly number[]): DataType {
  const [p, s = 0] = modifiers;
  if (p === undefined) return numericType(null, null);
  if (p < 1 || p > 1000) {
    throw new SqlError(SqlState.invalidParameterValue, `NUMERIC precision ${p} must be between 1 and 1000`);
  }
  if (s < -1000 || s > 1000) {
    throw new SqlError(SqlState.invalidParameterValue, `NUMERIC scale ${s} must be between -1000 and 1000`);
  }
  return numericType(p, s);
}

/** Fractional-second precision: PostgreSQL clamps values above 6 with a warning; we clamp silently. */
function secondsPrecision(name: string, modifiers: readonly number[]): number | null {
  const p = modifiers[0];
  if (p === undefined) return null;
  if (p < 0) {
    throw new SqlError(SqlState.invalidParameterValue, `${name.toUpperCase()}(${p}) precision must not be negative`);
  }
  return Math.min(p, 6);
}

/**
 * format_type(oid, typmod): the name of a type given by PostgreSQL's type OID and modifier
 * (what psql's \d prints); null for an OID Weir does not know. A null typmod is none given
 * (format_type(oid, NULL), regtype's output), where bpchar is `character`.
 */
export function formatTypeOfOid(oid: number, typmod: number | null): string | null {
  const kind = (Object.keys(TypeOid) as Array<keyof typeof TypeOid>).find((k) => TypeOid[k] === oid);
  if (kind === undefined) {
    const element = (Object.keys(ARRAY_TYPE_OIDS) as Array<keyof typeof TypeOid>).find((k) => ARRAY_TYPE_OIDS[k] === oid);
    if (element === undefined) return null;
    const inner = formatTypeOfOid(TypeOid[element], typmod);
    return inner === null ? null : `${inner}[]`;
  }
  const mod = typmod !== null && typmod >= 0;
  switch (kind) {
    case 'numeric': return formatType(mod ? numericType((typmod - 4) >> 16, (typmod - 4) & 0x7ff) : numericType(null));
    case 'varchar': return formatType(varcharType(mod ? typmod - 4 : null));
    case 'bpchar': return typmod === null ? 'character' : formatType(bpcharType(mod ? typmod - 4 : null));
    case 'timestamp': return formatType(timestampType(mod ? typmod : null));
    case 'timestamptz': return formatType(timestamptzType(mod ? typmod : null));
    case 'time': return formatType(timeType(mod ? typmod : null));
    default: return NAMES[kind];
  }
}
