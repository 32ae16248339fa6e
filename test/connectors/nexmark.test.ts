import { describe, expect, it } from 'vitest';
import { NexmarkConfig, NexmarkGenerator, NexmarkSource } from '../../src/connectors/index.ts';
import type { NexmarkEvent } from '../../src/connectors/index.ts';
import { checkpoint, openReader, readAll } from './harness.ts';

const key = (e: NexmarkEvent): string => JSON.stringify(e);

describe('Nexmark generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = new NexmarkGenerator(new NexmarkConfig({ seed: 5 }));
    const b = new NexmarkGenerator(new NexmarkConfig({ seed: 5 }));
    const c = new NexmarkGenerator(new NexmarkConfig({ seed: 6 }));
    for (const n of [0, 1, 2, 3, 4, 17, 99_999, 12_345_678]) {
      expect(key(a.event(n))).toBe(key(b.event(n)));
    }
    expect(key(a.event(10))).not.toBe(key(c.event(10)));
    // Event N does not depend on what was generated before it.
    const fresh = new NexmarkGenerator(new NexmarkConfig({ seed: 5 }));
    expect(key(fresh.event(17))).toBe(key(a.event(17)));
  });

  it('has exact proportions 1:3:46 over 50k events and in-order event time', () => {
    const gen = new NexmarkGenerator(new NexmarkConfig({ seed: 1 }));
    const counts = [0, 0, 0];
    let lastTime = -Infinity;
    for (let n = 0; n < 50_000; n++) {
      const e = gen.event(n);
      counts[e.type] = (counts[e.type] ?? 0) + 1;
      expect(e.dateTime).toBeGreaterThanOrEqual(lastTime);
      lastTime = e.dateTime;
      expect(n % 50 === 0 ? 0 : n % 50 < 4 ? 1 : 2).toBe(e.type);
    }
    expect(counts).toEqual([1000, 3000, 46000]);
  });

  it('computes event time as baseTime + N × interEventDelay', () => {
    const gen = new NexmarkGenerator(new NexmarkConfig({ baseTime: 1_000_000, eventTimeRate: 1000 }));
    expect(gen.event(0).dateTime).toBe(1_000_000);
    expect(gen.event(1500).dateTime).toBe(1_001_500);
    const def = new NexmarkGenerator(new NexmarkConfig({ baseTime: 0 })); // 10k events/s
    expect(def.event(25_000).dateTime).toBe(2500);
  });

  it('keeps ids, categories, states and channels in their ranges', () => {
    const gen = new NexmarkGenerator(new NexmarkConfig({ seed: 2 }));
    let nextPerson = 1000;
    let nextAuction = 1000;
    const channels = new Set<string>();
    let hotAuctionBids = 0;
    let bids = 0;
    for (let n = 0; n < 50_000; n++) {
      const e = gen.event(n);
      if (e.person !== null) {
        expect(e.person.id).toBe(nextPerson++);
        expect(['AZ', 'CA', 'ID', 'OR', 'WA', 'WY']).toContain(e.person.state);
        expect(e.person.creditCard).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
        expect(e.person.emailAddress).toMatch(/^[a-z ]*[a-z]@[a-z ]*\.com$/);
      } else if (e.auction !== null) {
        const a = e.auction;
        expect(a.id).toBe(nextAuction++);
        expect(a.category).toBeGreaterThanOrEqual(10);
        expect(a.category).toBeLessThanOrEqual(14);
        expect(a.seller).toBeGreaterThanOrEqual(1000);
        expect(a.seller).toBeLessThan(nextPerson + 10);
        expect(a.reserve).toBeGreaterThanOrEqual(a.initialBid);
        expect(a.expires).toBeGreaterThan(a.dateTime);
      } else if (e.bid !== null) {
        const b = e.bid;
        bids++;
        expect(b.auction).toBeGreaterThanOrEqual(Math.max(1000, nextAuction - 101));
        expect(b.auction).toBeLessThan(nextAuction + 10);
        expect(b.bidder).toBeGreaterThanOrEqual(1000);
        expect(b.bidder).toBeLessThan(nextPerson + 10);
        if (b.auction % 100 === 0) hotAuctionBids++;
        channels.add(b.channel);
        expect(b.url.startsWith('https://www.nexmark.com/')).toBe(true);
        expect(b.channel === 'Google' || b.channel === 'Facebook' || b.channel === 'Baidu' || b.channel === 'Apple' || /^channel-\d{1,4}$/.test(b.channel)).toBe(true);
      }
    }
    // Half the bids go to the hot auction (plus the random ones that land on a multiple of 100).
    expect(hotAuctionBids / bids).toBeGreaterThan(0.48);
    expect(hotAuctionBids / bids).toBeLessThan(0.56);
    expect(channels.has('Google')).toBe(true);
    expect(channels.size).toBeGreaterThan(1000);
  });

  it('draws prices log-uniformly: round(10^(6U) × 100)', () => {
    const gen = new NexmarkGenerator(new NexmarkConfig({ seed: 3 }));
    const prices: number[] = [];
    for (let n = 0; n < 50_000; n++) {
      const b = gen.event(n).bid;
      if (b !== null) prices.push(b.price);
    }
    expect(Math.min(...prices)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...prices)).toBeLessThan(100_000_000);
    for (const p of prices) expect(Number.isInteger(p)).toBe(true);
    // Each decade of dollars holds about a sixth of the bids.
    const below = (x: number): number => prices.filter((p) => p < x).length / prices.length;
    expect(below(1000)).toBeGreaterThan(1 / 6 - 0.02);
    expect(below(1000)).toBeLessThan(1 / 6 + 0.02);
    expect(below(100_000)).toBeGreaterThan(0.48);
    expect(below(100_000)).toBeLessThan(0.52);
  });

  it('pads events to their average sizes ±20 %', () => {
    const gen = new NexmarkGenerator(new NexmarkConfig({ seed: 4 }));
    const extras: number[][] = [[], [], []];
    for (let n = 0; n < 20_000; n++) {
      const e = gen.event(n);
      const extra = (e.person ?? e.auction ?? e.bid)?.extra ?? '';
      expect(extra).toMatch(/^[a-z]*$/);
      extras[e.type]?.push(extra.length);
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const bidExtra = extras[2] ?? [];
    expect(mean(bidExtra)).toBeGreaterThan(62);
    expect(mean(bidExtra)).toBeLessThan(74); // 100 - 32 bytes of fixed fields
    expect(Math.min(...bidExtra)).toBeGreaterThanOrEqual(54);
    expect(Math.max(...bidExtra)).toBeLessThanOrEqual(82);
    expect(mean(extras[0] ?? [])).toBeGreaterThan(100);
    expect(mean(extras[1] ?? [])).toBeGreaterThan(300);
  });
});

describe('NexmarkSource', () => {
  it('is bounded by eventsNum and emits event-time timestamps', async () => {
    const source = new NexmarkSource({ eventsNum: 5000, seed: 9 });
    expect(source.boundedness).toBe('bounded');
    expect(new NexmarkSource().boundedness).toBe('unbounded');
    const handle = await openReader(source);
    const events = await handle.drain();
    expect(events).toHaveLength(5000);
    expect(handle.out.timestamps).toEqual(events.map((e) => e.dateTime));
  });

  it('splits together give the unsplit sequence', async () => {
    const whole = (await readAll(new NexmarkSource({ eventsNum: 3000, seed: 11 }), 1))[0] ?? [];
    const parts = await readAll(new NexmarkSource({ eventsNum: 3000, seed: 11 }), 3, 128);
    expect(parts.map((p) => p.length)).toEqual([1000, 1000, 1000]);
    expect(parts.flat().map(key).sort()).toEqual(whole.map(key).sort());
    const more = await readAll(new NexmarkSource({ eventsNum: 3000, seed: 11, splits: 7 }), 2, 100);
    expect(more.flat().map(key).sort()).toEqual(whole.map(key).sort());
  });

  it('resumes exactly from a snapshot', async () => {
    const source = new NexmarkSource({ eventsNum: 10_000, seed: 12, splits: 3 });
    const expected = (await readAll(source, 1))[0] ?? [];
    const first = await openReader(source, { batchSize: 333 });
    await first.pollUntil(4000);
    const state = checkpoint(source, first.reader.snapshotState());
    await first.reader.close();
    const second = await openReader(source, { splits: state, batchSize: 500 });
    const rest = await second.drain();
    const all = [...first.out.values, ...rest];
    expect(all).toHaveLength(10_000);
    expect(all.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it('paces emission to the rate, returning nothing in between', async () => {
    // At 20 events/s the next event is due 50 ms after the first: an immediate second poll
    // has nothing, even on a loaded machine.
    const slow = new NexmarkSource({ eventsNum: 100, rate: 20 });
    const handle = await openReader(slow, { batchSize: 1000 });
    expect(handle.reader.pollNext({ collect: () => undefined })).toBe('more');
    expect(handle.reader.pollNext({ collect: () => undefined })).toBe('nothing');
    const source = new NexmarkSource({ eventsNum: 300, rate: 3000 });
    const start = performance.now();
    const h2 = await openReader(source, { batchSize: 1000 });
    await h2.drain();
    expect(h2.out.values).toHaveLength(300);
    expect(performance.now() - start).toBeGreaterThan(80); // 300 events at 3000/s ≈ 100 ms
  });
});
