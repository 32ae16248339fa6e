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
 */
import type { SourceEntry } from '../../catalog/index.ts';
import { RandomRowSource, type DatagenType } from '../../connectors/datagen/random-row-source.ts';
import { NexmarkSource } from '../../connectors/nexmark/nexmark-source.ts';
import type { NexmarkEvent } from '../../connectors/nexmark/model.ts';
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext, SourceSplit } from '../../connectors/source.ts';
import { SqlError, type DataType } from '../types/index.ts';
import { columnTypes } from './column-types.ts';

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
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'real':
    case 'double':
    case 'boolean':
      return (v) => (v === undefined ? null : v);
    default:
      throw new SqlError('0A000', `source columns of type ${type.kind} are not supported yet`);
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
  if (field === undefined) throw new SqlError('22023', `nexmark.table.type must be Bid, Auction or Person, not '${kind}'`);
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
      throw new SqlError('0A000', `datagen cannot generate ${t.kind} columns yet`);
  }
}

function datagen(entry: SourceEntry, types: DataType[]): SqlSource {
  const options: Record<string, string> = {};
  for (const [k, v] of Object.entries(entry.options)) if (k !== 'connector') options[k] = v;
  let inner: RandomRowSource;
  try {
    inner = new RandomRowSource(entry.columns.map((c, i) => ({ name: c.name, type: datagenType(types[i] as DataType) })), options);
  } catch (e) {
    throw new SqlError('22023', (e as Error).message);
  }
  const convert = types.map(converter);
  const names = entry.columns.map((c) => c.name);
  const toRow = (r: Record<string, unknown>): Row => names.map((n, i) => convert[i]!(r[n]));
  const rows = option(entry.options, 'number-of-rows');
  return { source: new MappedSource(inner as Source<Record<string, unknown>, SourceSplit>, toRow), bounded: rows !== undefined };
}

export function sqlSource(entry: SourceEntry): SqlSource {
  const types = columnTypes(entry.columns);
  const connector = (entry.options.connector ?? '').toLowerCase();
  switch (connector) {
    case 'nexmark':
      return nexmark(entry, types);
    case 'datagen':
      return datagen(entry, types);
    default:
      throw new SqlError('0A000', `the connector '${connector}' is not supported yet`, { hint: 'Supported: nexmark, datagen.' });
  }
}
