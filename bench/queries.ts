/**
 * The benchmark's Nexmark queries in the DataStream API. Each builds its pipeline on an
 * environment from a Nexmark source and ends in a blackhole sink.
 */
import {
  BlackholeSink,
  KeyedProcessFunction,
  MapStateDescriptor,
  NexmarkSource,
  SlidingEventTimeWindows,
  StreamExecutionEnvironment,
  WatermarkStrategy,
  type AggregateFunction,
  type Bid,
  type Collector,
  type KeyedProcessContext,
  type NexmarkEvent,
  type OnTimerContext,
} from '../src/index.ts';

export type QueryName = 'source' | 'q0' | 'q1' | 'q2' | 'q5';

function bids(env: StreamExecutionEnvironment, events: number) {
  return env
    .fromSource(
      new NexmarkSource({ eventsNum: events }),
      WatermarkStrategy.forBoundedOutOfOrderness<NexmarkEvent>(4000).withTimestampAssigner((e) => e.dateTime),
      'nexmark',
    )
    .filter((e) => e.type === 2)
    .map((e) => e.bid as Bid);
}

interface AuctionCount {
  auction: number;
  count: number;
  windowEnd: number;
}

const count: AggregateFunction<Bid, number, number> = {
  createAccumulator: () => 0,
  add: (_b, acc) => acc + 1,
  getResult: (acc) => acc,
  merge: (a, b) => a + b,
};

class MaxPerWindow extends KeyedProcessFunction<number, AuctionCount, AuctionCount> {
  private readonly counts = new MapStateDescriptor<number, number>('counts');
  override processElement(c: AuctionCount, ctx: KeyedProcessContext<number>): void {
    this.getRuntimeContext().getMapState(this.counts).put(c.auction, c.count);
    ctx.timerService().registerEventTimeTimer(c.windowEnd);
  }
  override onTimer(ts: number, _ctx: OnTimerContext<number>, out: Collector<AuctionCount>): void {
    const state = this.getRuntimeContext().getMapState(this.counts);
    let max = 0;
    for (const n of state.values()) if (n > max) max = n;
    for (const [auction, n] of state.entries()) if (n === max) out.collect({ auction, count: n, windowEnd: ts });
    state.clear();
  }
}

export function buildQuery(env: StreamExecutionEnvironment, query: QueryName, events: number): BlackholeSink<unknown> {
  const sink = new BlackholeSink<unknown>();
  switch (query) {
    case 'source': // the source and the engine alone: every event straight to the sink
      env.fromSource(new NexmarkSource({ eventsNum: events }), WatermarkStrategy.noWatermarks<NexmarkEvent>(), 'nexmark').sinkTo(sink);
      break;
    case 'q0': // pass-through of bids
      bids(env, events).sinkTo(sink);
      break;
    case 'q1': // currency conversion
      bids(env, events)
        .map((b) => ({ auction: b.auction, bidder: b.bidder, price: 0.908 * b.price, dateTime: b.dateTime, extra: b.extra }))
        .sinkTo(sink);
      break;
    case 'q2': // selection
      bids(env, events)
        .filter((b) => b.auction % 123 === 0)
        .map((b) => ({ auction: b.auction, price: b.price }))
        .sinkTo(sink);
      break;
    case 'q5': // hot items: sliding windows, then the maximum per window
      bids(env, events)
        .keyBy((b) => b.auction)
        .window(SlidingEventTimeWindows.of(10_000, 2_000))
        .aggregate(count, {
          process(auction: number, ctx: { window: { end: number } }, counts: Iterable<number>, out: Collector<AuctionCount>) {
            for (const n of counts) out.collect({ auction, count: n, windowEnd: ctx.window.end });
          },
        })
        .keyBy((c) => c.windowEnd)
        .process(new MaxPerWindow())
        .sinkTo(sink);
      break;
  }
  return sink;
}
