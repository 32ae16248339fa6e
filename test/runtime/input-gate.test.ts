import { describe, expect, it } from 'vitest';
import { Batch } from '../../src/runtime/batch.ts';
import { END_OF_INPUT, IDLE, watermark } from '../../src/runtime/elements.ts';
import { LocalChannel } from '../../src/runtime/exchange/channel.ts';
import { InputGate, type GateEvent } from '../../src/runtime/exchange/input-gate.ts';

function drain(gate: InputGate): GateEvent[] {
  const out: GateEvent[] = [];
  for (let e = gate.poll(); e !== null; e = gate.poll()) out.push(e);
  return out;
}

describe('InputGate', () => {
  it('advances an input watermark to the minimum over its channels', () => {
    const [a, b] = [new LocalChannel(10), new LocalChannel(10)];
    const gate = new InputGate([{ channel: a!, input: 0 }, { channel: b!, input: 0 }], 1);
    a!.push(watermark(100));
    expect(drain(gate)).toEqual([]);
    b!.push(watermark(50));
    expect(drain(gate)).toEqual([{ kind: 'watermark', input: 0, timestamp: 50 }]);
    b!.push(watermark(200));
    expect(drain(gate)).toEqual([{ kind: 'watermark', input: 0, timestamp: 100 }]);
  });

  it('excludes idle channels, and reports the input idle when all are', () => {
    const [a, b] = [new LocalChannel(10), new LocalChannel(10)];
    const gate = new InputGate([{ channel: a!, input: 0 }, { channel: b!, input: 0 }], 1);
    a!.push(watermark(100));
    b!.push(IDLE);
    expect(drain(gate)).toEqual([{ kind: 'watermark', input: 0, timestamp: 100 }]);
    a!.push(IDLE);
    expect(drain(gate)).toEqual([{ kind: 'status', input: 0, idle: true }]);
    b!.push(watermark(300));
    expect(drain(gate)).toEqual([
      { kind: 'status', input: 0, idle: false },
      { kind: 'watermark', input: 0, timestamp: 300 },
    ]);
  });

  it('keeps inputs apart and ends each when all its channels end', () => {
    const [a, b, c] = [new LocalChannel(10), new LocalChannel(10), new LocalChannel(10)];
    const gate = new InputGate(
      [
        { channel: a!, input: 0 },
        { channel: b!, input: 0 },
        { channel: c!, input: 1 },
      ],
      2,
    );
    const batch = new Batch([1, 2]);
    c!.push(batch);
    c!.push(END_OF_INPUT);
    a!.push(END_OF_INPUT);
    const evs = drain(gate);
    expect(evs).toContainEqual({ kind: 'batch', input: 1, batch });
    expect(evs).toContainEqual({ kind: 'end', input: 1 });
    expect(evs.some((e) => e.kind === 'end' && e.input === 0)).toBe(false);
    expect(gate.finished).toBe(false);
    b!.push(END_OF_INPUT);
    expect(drain(gate)).toEqual([{ kind: 'end', input: 0 }]);
    expect(gate.finished).toBe(true);
  });

  it('reads only the selected input until it ends, leaving the other to fill', () => {
    const [a, b] = [new LocalChannel(10), new LocalChannel(10)];
    const gate = new InputGate([{ channel: a!, input: 0 }, { channel: b!, input: 1 }], 2);
    const x = Batch.of([1]);
    const y = Batch.of([2]);
    b!.push(y);
    expect(gate.poll(0)).toBeNull();
    expect(b!.size).toBe(1);
    a!.push(x);
    expect(gate.poll(0)).toEqual({ kind: 'batch', input: 0, batch: x });
    a!.push(END_OF_INPUT);
    expect(gate.poll(0)).toEqual({ kind: 'end', input: 0 });
    // The selected input has ended: the selection no longer holds the other back.
    expect(gate.poll(0)).toEqual({ kind: 'batch', input: 1, batch: y });
  });
});
