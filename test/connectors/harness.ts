/**
 * Drives source readers directly through the connector interfaces, as the runtime would:
 * assign splits, poll into an array, wait on isAvailable after 'nothing'.
 */
import type { Source, SourceReader, SourceSplit } from '../../src/connectors/source.ts';

export interface Collected<T> {
  values: T[];
  timestamps: (number | undefined)[];
}

export interface ReaderHandle<T, S extends SourceSplit> {
  reader: SourceReader<T, S>;
  out: Collected<T>;
  /** Polls until `count` more records arrived (or the end); returns the last status. */
  pollUntil(count: number, timeoutMs?: number): Promise<'more' | 'nothing' | 'end'>;
  /** Polls to the end of input. */
  drain(timeoutMs?: number): Promise<T[]>;
}

export async function openReader<T, S extends SourceSplit>(
  source: Source<T, S>,
  options: { subtaskIndex?: number; parallelism?: number; batchSize?: number; splits?: S[] } = {},
): Promise<ReaderHandle<T, S>> {
  const subtaskIndex = options.subtaskIndex ?? 0;
  const parallelism = options.parallelism ?? 1;
  const reader = source.createReader({ subtaskIndex, parallelism, batchSize: options.batchSize ?? 1000 });
  await reader.start();
  reader.addSplits(options.splits ?? source.createEnumerator().assignSplits(subtaskIndex, parallelism));
  reader.noMoreSplits();
  const out: Collected<T> = { values: [], timestamps: [] };
  const output = {
    collect(value: T, timestamp?: number): void {
      out.values.push(value);
      out.timestamps.push(timestamp);
    },
  };
  const pollUntil = async (count: number, timeoutMs = 10_000): Promise<'more' | 'nothing' | 'end'> => {
    const target = out.values.length + count;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = reader.pollNext(output);
      if (status === 'end' || out.values.length >= target) return status;
      if (Date.now() > deadline) throw new Error(`timed out with ${out.values.length} records`);
      if (status === 'nothing') {
        await Promise.race([reader.isAvailable(), new Promise((r) => setTimeout(r, 200))]);
      }
    }
  };
  return {
    reader,
    out,
    pollUntil,
    async drain(timeoutMs = 10_000): Promise<T[]> {
      await pollUntil(Infinity, timeoutMs);
      return out.values;
    },
  };
}

/** Reads a whole source at a parallelism, every reader to its end. */
export async function readAll<T, S extends SourceSplit>(source: Source<T, S>, parallelism = 1, batchSize = 1000): Promise<T[][]> {
  const results: T[][] = [];
  for (let i = 0; i < parallelism; i++) {
    const handle = await openReader(source, { subtaskIndex: i, parallelism, batchSize });
    results.push(await handle.drain());
    await handle.reader.close();
  }
  return results;
}

/** Round-trips splits through the source's serializer and JSON, as a checkpoint would. */
export function checkpoint<T, S extends SourceSplit>(source: Source<T, S>, splits: S[]): S[] {
  const ser = (s: S): unknown => (source.serializeSplit ? source.serializeSplit(s) : s);
  const de = (d: unknown): S => (source.deserializeSplit ? source.deserializeSplit(d) : (d as S));
  return (JSON.parse(JSON.stringify(splits.map(ser))) as unknown[]).map(de);
}
