/**
 * Connectors behind CREATE SOURCE: turns a source's WITH options and declared columns into
 * a connector Source producing rows. Values are converted to Weir's SQL representation
 * (timestamps in microseconds, bigints as exact Int64).
 *
 *   nexmark  `nexmark.table.type` = Bid | Auction | Person (flat rows of that event kind,
 *            columns matched by name, snake_case or camelCase), `nexmark.event.num`
 *            (events to generate; unbounded when absent), `nexmark.event.rate`,
 *            `nexmark.seed`
 *   datagen  Flink's datagen options (`fields.<col>.kind|min|max|start|end|length`,
 *            `rows-per-second`, `number-of-rows`, `seed`)
 *   filesystem (also `file`, `posix_fs`)  a file or a directory of files: `path` (or
 *            `posix_fs.root`), `format` = csv | json (or FORMAT PLAIN ENCODE CSV | JSON),
 *            CSV options `csv.field-delimiter` / `delimiter`, `csv.header` (or
 *            `without_header` = false): whether each file starts with column names;
 *            `source.monitor-interval` (ms, or an interval like '1s') keeps reading new
 *            files, unbounded; `ignore-parse-errors` skips rows that do not parse
 *   socket   `hostname` (default localhost), `port`; one record per line, `format` csv
 *            (default) or json
 *
 * Text fields go through PostgreSQL's input function of the column's type (the text forms
 * psql accepts); JSON values by column name: strings through the input function, numbers
 * and booleans as they are, objects and arrays as jsonb.
 */
import type { SourceEntry } from '../../catalog/index.ts';
import { RandomRowSource, type DatagenType } from '../../connectors/datagen/random-row-source.ts';
import { NexmarkSource } from '../../connectors/nexmark/nexmark-source.ts';
import type { NexmarkEvent } from '../../connectors/nexmark/model.ts';
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext, SourceSplit } from '../../connectors/source.ts';
import { FileSource } from '../../connectors/file/file-source.ts';
import { SocketTextSource } from '../../connectors/socket/socket-text-source.ts';
import { SqlError, TEXT, castFunction, parserFor, type DataType, type SessionContext } from '../types/index.ts';
import { columnTypes } from './column-types.ts';
import { parseCsvRecord } from '../../connectors/file/csv.ts';
import { SqlState, syntaxError } from '../../errors/index.ts';

type Row = readonly unknown[];

export interface SqlSource {
  readonly source: Source<Row, SourceSplit>;
  readonly bounded: boolean;
}

/** Converts a connector's JS value to the SQL value of a column type. */
function converter(type: DataType): (v: unknown) => unknown {
  switch (type.kind) {
    case 'timestamp':
    case 'timestamptz':
      // Connectors give epoch milliseconds.
      return (v) => (v === null || v === undefined ? null : Math.round(v as number) * 1000);
    case 'varchar':
    case 'text':
      return (v) => (v === null || v === undefined ? null : String(v));
    case 'bpchar': {
      const fit = parserFor(type);
      return (v) => (v === null || v === undefined ? null : fit(String(v)));
    }
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'real':
    case 'double':
    case 'boolean':
      return (v) => (v === undefined ? null : v);
    default:
      throw new SqlError(SqlState.featureNotSupported, `source columns of type ${type.kind} are not supported yet`);
  }
}

/** Wraps a Source of objects into a Source of rows (by column name). */
class MappedSource<T> implements Source<Row, SourceSplit> {
  readonly boundedness;
  readonly name: string;
  private readonly inner: Source<T, SourceSplit>;
  private readonly toRow: (v: T) => Row | null;

  constructor(inner: Source<T, SourceSplit>, toRow: (v: T) => Row | null) {
    this.inner = inner;
    this.toRow = toRow;
    this.boundedness = inner.boundedness;
    this.name = inner.name ?? 'source';
  }

  createEnumerator() {
    return this.inner.createEnumerator();
  }

  createReader(context: SourceReaderContext): SourceReader<Row, SourceSplit> {
    const reader = this.inner.createReader(context);
    const toRow = this.toRow;
    return {
      start: () => reader.start(),
      addSplits: (s) => reader.addSplits(s),
      noMoreSplits: () => reader.noMoreSplits(),
      pollNext(output: ReaderOutput<Row>): InputStatus {
        return reader.pollNext({
          collect(v: T, ts?: number) {
            const row = toRow(v);
            if (row !== null) output.collect(row, ts);
          },
        });
      },
      isAvailable: () => reader.isAvailable(),
      snapshotState: () => reader.snapshotState(),
      close: () => reader.close(),
    };
  }

  serializeSplit(split: SourceSplit): unknown {
    return this.inner.serializeSplit?.(split) ?? split;
  }

  deserializeSplit(data: unknown): SourceSplit {
    return this.inner.deserializeSplit?.(data) ?? (data as SourceSplit);
  }
}

const camel = (s: string): string => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

function option(o: Readonly<Record<string, string>>, key: string): string | undefined {
  return o[key] ?? o[key.toLowerCase()];
}

function nexmark(entry: SourceEntry, types: DataType[]): SqlSource {
  const o = entry.options;
  const kind = (option(o, 'nexmark.table.type') ?? 'Bid').toLowerCase();
  const field = { bid: 'bid', auction: 'auction', person: 'person' }[kind] as 'bid' | 'auction' | 'person' | undefined;
  if (field === undefined) throw new SqlError(SqlState.invalidParameterValue, `nexmark.table.type must be Bid, Auction or Person, not '${kind}'`);
  const num = option(o, 'nexmark.event.num');
  const rate = option(o, 'nexmark.event.rate') ?? option(o, 'nexmark.min.event.gap.in.ns');
  const seed = option(o, 'nexmark.seed');
  const inner = new NexmarkSource({
    ...(num !== undefined && { eventsNum: Number(num) }),
    ...(rate !== undefined && option(o, 'nexmark.event.rate') !== undefined && { rate: Number(rate) }),
    ...(seed !== undefined && { seed: Number(seed) }),
  });
  const names = entry.columns.map((c) => camel(c.name));
  const convert = types.map(converter);
  const toRow = (e: NexmarkEvent): Row | null => {
    const rec = e[field] as unknown as Record<string, unknown> | null;
    if (rec === null) return null;
    return names.map((n, i) => convert[i]!(rec[n]));
  };
  return { source: new MappedSource<NexmarkEvent>(inner, toRow), bounded: num !== undefined && Number(num) > 0 };
}

function datagenType(t: DataType): DatagenType {
  switch (t.kind) {
    case 'smallint':
    case 'integer':
      return 'int';
    case 'bigint':
      return 'bigint';
    case 'real':
    case 'double':
      return 'double';
    case 'varchar':
    case 'text':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'timestamp':
    case 'timestamptz':
      return 'timestamp';
    default:
      throw new SqlError(SqlState.featureNotSupported, `datagen cannot generate ${t.kind} columns yet`);
  }
}

function datagen(entry: SourceEntry, types: DataType[]): SqlSource {
  const options: Record<string, string> = {};
  for (const [k, v] of Object.entries(entry.options)) if (k !== 'connector') options[k] = v;
  let inner: RandomRowSource;
  try {
    inner = new RandomRowSource(entry.columns.map((c, i) => ({ name: c.name, type: datagenType(types[i] as DataType) })), options);
  } catch (e) {
    throw new SqlError(SqlState.invalidParameterValue, (e as Error).message);
  }
  const convert = types.map(converter);
  const names = entry.columns.map((c) => c.name);
  const toRow = (r: Record<string, unknown>): Row => names.map((n, i) => convert[i]!(r[n]));
  const rows = option(entry.options, 'number-of-rows');
  return { source: new MappedSource(inner as Source<Record<string, unknown>, SourceSplit>, toRow), bounded: rows !== undefined };
}

function truthy(v: string | undefined): boolean | undefined {
  return v === undefined ? undefined : ['true', 't', 'on', '1', 'yes'].includes(v.toLowerCase());
}

/** Milliseconds of `1000`, `1s`, `500 ms`, `2 min`. */
function durationMs(v: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|second|seconds|min|minute|minutes)?\s*$/i.exec(v);
  if (m === null) throw new SqlError(SqlState.invalidParameterValue, `invalid duration '${v}'`, { hint: "Write milliseconds, or a number with ms, s or min: '1s'." });
  const unit = (m[2] ?? 'ms').toLowerCase();
  return Number(m[1]) * (unit === 'ms' ? 1 : unit.startsWith('s') ? 1000 : 60_000);
}

/** Turns text records (CSV fields or JSON objects) into rows of the source's columns. */
function textRows(entry: SourceEntry, types: DataType[], session: SessionContext | undefined): {
  fromFields: (fields: readonly string[]) => Row | null;
  fromJson: (value: unknown) => Row | null;
} {
  const input = types.map((t) => castFunction(TEXT, t, 'e', session));
  const names = entry.columns.map((c) => c.name);
  const skipErrors = truthy(option(entry.options, 'ignore-parse-errors')) ?? false;
  const guard = (f: () => Row): Row | null => {
    if (!skipErrors) return f();
    try {
      return f();
    } catch {
      return null;
    }
  };
  const fromText = (v: string, i: number): unknown => (input[i] as (x: never) => unknown)(v as never);
  return {
    // An empty CSV field is NULL (as Flink and PostgreSQL's COPY ... CSV read it).
    fromFields: (fields) => guard(() => names.map((_, i) => (fields[i] === undefined || fields[i] === '' ? null : fromText(fields[i]!, i)))),
    fromJson: (value) =>
      guard(() => {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SqlError(SqlState.invalidTextRepresentation, `a JSON record must be an object, got ${JSON.stringify(value)}`);
        const o = value as Record<string, unknown>;
        return names.map((n, i) => {
          const v = o[n];
          if (v === null || v === undefined) return null;
          const t = types[i]!.kind;
          if (typeof v === 'string') return fromText(v, i);
          if (t === 'jsonb') return fromText(JSON.stringify(v), i);
          if (typeof v === 'object') throw new SqlError(SqlState.invalidTextRepresentation, `column "${n}" of type ${t} cannot take the JSON value ${JSON.stringify(v)}`);
          return fromText(String(v), i);
        });
      }),
  };
}

function formatOf(entry: SourceEntry): 'csv' | 'json' {
  const f = (option(entry.options, 'format') ?? 'csv').toLowerCase();
  if (f !== 'csv' && f !== 'json') throw new SqlError(SqlState.invalidParameterValue, `format '${f}' is not supported for ${entry.options.connector} sources`, { hint: "Use format 'csv' or 'json'." });
  return f;
}

function filesystem(entry: SourceEntry, types: DataType[], session: SessionContext | undefined): SqlSource {
  const o = entry.options;
  const path = option(o, 'path') ?? option(o, 'posix_fs.root');
  if (path === undefined) throw syntaxError(`source "${entry.name}" needs WITH (path = '...')`);
  const rows = textRows(entry, types, session);
  const monitor = option(o, 'source.monitor-interval');
  let source: Source<Row, SourceSplit>;
  if (formatOf(entry) === 'csv') {
    const without = truthy(option(o, 'without_header'));
    const header = truthy(option(o, 'csv.header')) ?? (without === undefined ? false : !without);
    const delimiter = option(o, 'csv.field-delimiter') ?? option(o, 'delimiter') ?? ',';
    let csv: FileSource<string[] | Record<string, string>>;
    try {
      // With a header the reader gives objects in the header's order: fields stay positional.
      csv = FileSource.forCsv(path, { header, delimiter }) as FileSource<string[] | Record<string, string>>;
    } catch (e) {
      throw new SqlError(SqlState.invalidParameterValue, (e as Error).message);
    }
    const toRow = (r: string[] | Record<string, string>): Row | null => rows.fromFields(Array.isArray(r) ? r : Object.values(r));
    source = new MappedSource(monitor === undefined ? csv : csv.monitorContinuously(durationMs(monitor)), toRow) as Source<Row, SourceSplit>;
  } else {
    const json = FileSource.forJsonLines<unknown>(path);
    source = new MappedSource(monitor === undefined ? json : json.monitorContinuously(durationMs(monitor)), rows.fromJson) as Source<Row, SourceSplit>;
  }
  return { source, bounded: monitor === undefined };
}

function socket(entry: SourceEntry, types: DataType[], session: SessionContext | undefined): SqlSource {
  const o = entry.options;
  const host = option(o, 'hostname') ?? option(o, 'host') ?? 'localhost';
  const port = Number(option(o, 'port'));
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) throw new SqlError(SqlState.invalidParameterValue, `a socket source needs a port between 1 and 65535, got '${option(o, 'port') ?? ''}'`);
  const rows = textRows(entry, types, session);
  const delimiter = option(o, 'csv.field-delimiter') ?? option(o, 'delimiter') ?? ',';
  const json = formatOf(entry) === 'json';
  const toRow = (line: string): Row | null => {
    if (line.trim() === '') return null;
    if (json) return rows.fromJson(JSON.parse(line));
    return rows.fromFields(parseCsvRecord(line, delimiter));
  };
  return { source: new MappedSource(new SocketTextSource(host, port) as Source<string, SourceSplit>, toRow), bounded: false };
}

export function sqlSource(entry: SourceEntry, session?: SessionContext): SqlSource {
  const types = columnTypes(entry.columns);
  const connector = (entry.options.connector ?? '').toLowerCase();
  switch (connector) {
    case 'nexmark':
      return nexmark(entry, types);
    case 'datagen':
      return datagen(entry, types);
    case 'filesystem':
    case 'file':
    case 'posix_fs':
      return filesystem(entry, types, session);
    case 'socket':
      return socket(entry, types, session);
    default:
      throw new SqlError(SqlState.featureNotSupported, `the connector '${connector}' is not supported yet`, { hint: 'Supported: nexmark, datagen, filesystem, socket.' });
  }
}
