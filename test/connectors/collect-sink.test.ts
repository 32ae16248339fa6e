import { describe, expect, it } from 'vitest';
import { CollectBuffer, CollectSink } from '../../src/connectors/index.ts';

const ctx = (subtaskIndex: number, parallelism: number) => ({ subtaskIndex, parallelism, operatorName: 'collect' });

describe('CollectSink', () => {
  it('delivers records from all writers and ends when every writer has finished', async () => {
    const buffer = CollectBuffer.open<number>('t1');
    const sink = new CollectSink<number>('t1');
    const w0 = sink.createWriter(ctx(0, 2));
    const w1 = sink.createWriter(ctx(1, 2));
    await w0.write([1, 2], null);
    await w1.write([3], null);
    await w0.flush(true);
    const reading = buffer.toArray();
    await w1.write([4], null);
    await w1.flush(true);
    expect((await reading).sort()).toEqual([1, 2, 3, 4]);
  });

  it('makes writers wait while the buffer is full', async () => {
    const buffer = CollectBuffer.open<number>('t2', 4);
    const writer = new CollectSink<number>('t2').createWriter(ctx(0, 1));
    expect(writer.write([1, 2], null)).toBeUndefined();
    const blocked = writer.write([3, 4, 5], null);
    expect(blocked).toBeInstanceOf(Promise);
    let released = false;
    void (blocked as Promise<void>).then(() => {
      released = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(released).toBe(false);
    const it = buffer[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ value: 1, done: false });
    await new Promise((r) => setTimeout(r, 10));
    expect(released).toBe(false); // 4 buffered: still full
    expect(await it.next()).toEqual({ value: 2, done: false });
    await blocked;
    expect(released).toBe(true);
    await writer.flush(true);
    const rest: number[] = [];
    for await (const v of { [Symbol.asyncIterator]: () => it }) rest.push(v);
    expect(rest).toEqual([3, 4, 5]);
  });

  it('releases writers and discards when the client closes, and propagates failures', async () => {
    const buffer = CollectBuffer.open<number>('t3', 1);
    const writer = new CollectSink<number>('t3').createWriter(ctx(0, 1));
    const blocked = writer.write([1, 2], null);
    buffer.close();
    await blocked;
    expect(writer.write([3], null)).toBeUndefined();
    const failing = CollectBuffer.open<number>('t4');
    const next = failing.next();
    failing.fail(new Error('job failed'));
    await expect(next).rejects.toThrow('job failed');
  });
});
