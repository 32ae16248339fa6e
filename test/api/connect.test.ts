import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  KeyedCoProcessFunction,
  SocketTextSource,
  StreamExecutionEnvironment,
  TumblingEventTimeWindows,
  ValueStateDescriptor,
  WatermarkStrategy,
  type Collector,
  type KeyedProcessContext,
} from '../../src/index.ts';

describe('connected streams', () => {
  it('co-map and co-flatMap see both inputs', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const nums = env.fromElements(1, 2);
    const words = env.fromElements('a b', 'c');
    const mapped = await nums
      .connect(words)
      .map({ map1: (n: number) => `n${n}`, map2: (w: string) => `w${w}` })
      .executeAndCollect();
    expect(mapped.sort()).toEqual(['n1', 'n2', 'wa b', 'wc']);
    const env2 = StreamExecutionEnvironment.getExecutionEnvironment();
    const flat = await env2
      .fromElements(3)
      .connect(env2.fromElements('x y'))
      .flatMap({
        flatMap1: (n: number, out: Collector<string>) => {
          for (let i = 0; i < n; i++) out.collect(`#${i}`);
        },
        flatMap2: (s: string, out: Collector<string>) => s.split(' ').forEach((w) => out.collect(w)),
      })
      .executeAndCollect();
    expect(flat.sort()).toEqual(['#0', '#1', '#2', 'x', 'y']);
  });

  it('keyed co-process joins two streams on a key with shared state, at parallelism 3', async () => {
    // Orders wait for their customer's name; customers may come before or after their orders.
    class Enrich extends KeyedCoProcessFunction<number, [number, string], [number, number], string> {
      private readonly name = new ValueStateDescriptor<string>('name');
      private readonly pending = new ValueStateDescriptor<number[]>('pending');
      override processElement1(c: [number, string], _ctx: KeyedProcessContext<number>, out: Collector<string>): void {
        const rc = this.getRuntimeContext();
        rc.getState(this.name).update(c[1]);
        for (const amount of rc.getState(this.pending).value() ?? []) out.collect(`${c[1]}:${amount}`);
        rc.getState(this.pending).clear();
      }
      override processElement2(o: [number, number], _ctx: KeyedProcessContext<number>, out: Collector<string>): void {
        const rc = this.getRuntimeContext();
        const name = rc.getState(this.name).value();
        if (name !== undefined) out.collect(`${name}:${o[1]}`);
        else rc.getState(this.pending).update([...(rc.getState(this.pending).value() ?? []), o[1]]);
      }
    }
    const env = new StreamExecutionEnvironment(3);
    const customers = env.fromCollection<[number, string]>([[1, 'ann'], [2, 'bob'], [3, 'cid']]);
    const orders = env.fromCollection<[number, number]>([[1, 10], [2, 20], [1, 11], [3, 30], [4, 40]]);
    const out = await customers
      .connect(orders)
      .keyBy((c) => c[0], (o) => o[0])
      .process(new Enrich())
      .executeAndCollect();
    expect(out.sort()).toEqual(['ann:10', 'ann:11', 'bob:20', 'cid:30']);
  });

  it('refuses to connect a keyed stream with a non-keyed one', () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const keyed = env.fromElements(1).keyBy((x) => x);
    expect(() => keyed.connect(env.fromElements(2)).process({ processElement1() {}, processElement2() {} })).toThrow(
      /either both streams are keyed or neither/,
    );
  });
});

describe('idle inputs', () => {
  /** A TCP server that accepts a connection and sends nothing until told to close it. */
  async function silentServer(): Promise<{ port: number; close: () => void }> {
    const sockets: Socket[] = [];
    const server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return {
      port: (server.address() as { port: number }).port,
      close: () => {
        for (const s of sockets) s.end();
        server.close();
      },
    };
  }

  type Ev = [string, number];

  async function firstResultBeforeClose(idleness: number | null): Promise<string> {
    const server = await silentServer();
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const events = env
      .fromCollection<Ev>([['a', 1000], ['a', 2000], ['a', 12_000]])
      .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e[1]));
    let quiet = WatermarkStrategy.forMonotonousTimestamps<string>().withTimestampAssigner(() => 0);
    if (idleness !== null) quiet = quiet.withIdleness(idleness);
    const silent = env.fromSource(new SocketTextSource('127.0.0.1', server.port), quiet, 'silent').map((l): Ev => [l, 0]);
    const results = events
      .union(silent)
      .keyBy((e) => e[0])
      .window(TumblingEventTimeWindows.of(10_000))
      .process<string>({
        process(key, ctx, elements, out) {
          out.collect(`${key} ${ctx.window.start} n=${[...elements].length}`);
        },
      })
      .collectAsync();
    // Close the silent source after 1.5 s; a result before then means it did not hold event time back.
    const started = Date.now();
    const timer = setTimeout(() => server.close(), 1500);
    for await (const r of results) {
      clearTimeout(timer);
      const when = Date.now() - started < 1400 ? 'while the silent input was open' : 'after it closed';
      server.close();
      return `${r} ${when}`;
    }
    throw new Error('no result');
  }

  it('an idle input does not hold back the watermark; without idleness it does', async () => {
    expect(await firstResultBeforeClose(200)).toBe('a 0 n=2 while the silent input was open');
    expect(await firstResultBeforeClose(null)).toBe('a 0 n=2 after it closed');
  });
});
