/**
 * The sinks behind DataStream.print() and executeAndCollect(). Collecting goes through the
 * connectors' CollectBuffer: bounded, so a caller that reads slowly backpressures the job.
 */
import { randomUUID } from 'node:crypto';
import { CollectBuffer } from '../connectors/sink/collect-buffer.ts';
import { CollectSink } from '../connectors/sink/collect-sink.ts';
import { PrintSink } from '../connectors/sink/print-sink.ts';
import type { Sink } from '../connectors/sink.ts';
import type { JobClient } from './executor.ts';

export function printSink<T>(prefix: string | undefined, stderr: boolean): Sink<T> {
  return new PrintSink<T>({ ...(prefix !== undefined && { prefix }), stderr });
}

export interface CollectHandle<T> {
  readonly sink: Sink<T>;
  iterate(client: JobClient): AsyncIterable<T>;
}

export function collectSink<T>(): CollectHandle<T> {
  const id = `collect-${randomUUID()}`;
  const buffer = CollectBuffer.open<T>(id);
  async function* iterate(client: JobClient): AsyncGenerator<T> {
    let done = false;
    const result = client.getJobExecutionResult().then(
      () => {
        done = true;
      },
      (e: unknown) => {
        done = true;
        buffer.fail(e instanceof Error ? e : new Error(String(e)));
        throw e;
      },
    );
    result.catch(() => {});
    try {
      for await (const v of buffer) yield v;
      // All writers finished; the job's own outcome decides.
      await result;
    } finally {
      buffer.close();
      if (!done) await client.cancel();
    }
  }
  return { sink: new CollectSink<T>(id), iterate };
}
