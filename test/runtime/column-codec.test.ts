import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { fromColumns, toColumns } from '../../src/runtime/exchange/column-codec.ts';
import { Batch } from '../../src/runtime/batch.ts';
import { PortMux, RemoteInputChannel, RemoteOutputChannel } from '../../src/runtime/exchange/remote-channel.ts';

const rows = (n: number, f: (i: number) => unknown[]): unknown[][] => Array.from({ length: n }, (_, i) => f(i));

describe('batches as columns between threads', () => {
  it('round-trips rows of numbers, bigints, NULLs, strings and nested values, typed where it can', () => {
    const values = rows(20, (i) => [i, i % 3 === 0 ? null : BigInt(i) * 10n ** 15n, `s${i}`, i === 4 ? -0 : i / 3, i === 5 ? NaN : i, [i, 'x'], i % 2 === 0])
    const transfer: ArrayBuffer[] = [];
    const cols = toColumns(values, transfer)!;
    expect(cols.columns[0]).toBeInstanceOf(Float64Array);
    expect(cols.columns[1]).toBeInstanceOf(BigInt64Array);
    expect(cols.nulls[1]).toBeInstanceOf(Uint8Array);
    expect(Array.isArray(cols.columns[2])).toBe(true);
    expect(transfer.length).toBe(5);
    const back = fromColumns(cols);
    expect(back).toEqual(values);
    expect(Object.is(back[4]![3], -0)).toBe(true);
    expect(Number.isNaN(back[5]![4])).toBe(true);
  });

  it('keeps bigints beyond int64 and mixed columns as they are, and leaves batches that are not rows alone', () => {
    const big = rows(10, (i) => [i === 3 ? 2n ** 70n : BigInt(i), i === 2 ? 'two' : i]);
    const cols = toColumns(big, [])!;
    expect(Array.isArray(cols.columns[0])).toBe(true);
    expect(Array.isArray(cols.columns[1])).toBe(true);
    expect(fromColumns(cols)).toEqual(big);
    expect(toColumns(rows(10, (i) => (i === 5 ? [1] : [1, 2])), [])).toBeNull();
    expect(toColumns(Array.from({ length: 10 }, (_, i) => ({ i })), [])).toBeNull();
  });

  it('carries a batch over a port as columns and revives it on arrival', async () => {
    const { port1, port2 } = new MessageChannel();
    const out = new PortMux(port1);
    const seen: unknown[][] = [];
    const inbound = new PortMux(port2, { reviveValues: (vs) => void seen.push(vs) });
    const tx = new RemoteOutputChannel(out, 7, 4);
    const rx = new RemoteInputChannel(inbound, 7, 4);
    out.start();
    inbound.start();
    const values = rows(16, (i) => [i, `v${i}`]);
    tx.push(new Batch(values, null, values.map((_, i) => i % 4)));
    const got = await new Promise<Batch>((resolve) => {
      rx.onData = () => resolve(rx.poll() as Batch);
    });
    expect(got.values).toEqual(values);
    expect(got.kinds).toEqual(values.map((_, i) => i % 4));
    expect(seen.length).toBe(1);
    port1.close();
  });
});
