/**
 * Nexmark q5, "hot items", in the DataStream API: which auctions got the most bids in
 * each sliding window (10 s windows every 2 s of event time)? Ties all win.
 *
 *   weir run examples/nexmark-hot-items.ts [--events 100000] [-p 2]
 *
 * Bids from the Nexmark generator are counted per auction and window; a second keyed step
 * per window end keeps the maximum count and, when the watermark passes the window end,
 * emits every auction that reached it.
 */
import {
  KeyedProcessFunction,
  MapStateDescriptor,
  NexmarkSource,
  ParameterTool,
  SlidingEventTimeWindows,
  StreamExecutionEnvironment,
  WatermarkStrategy,
  type AggregateFunction,
  type Collector,
  type KeyedProcessContext,
  type NexmarkEvent,
  type OnTimerContext,
} from 'weir';

export interface AuctionCount {
  auction: number;
  count: number;
  windowStart: number;
  windowEnd: number;
}

const countBids: AggregateFunction<unknown, number, number> = {
  createAccumulator: () => 0,
  add: (_v, acc) => acc + 1,
  getResult: (acc) => acc,
  merge: (a, b) => a + b,
};

/** Per window end: collects the counts, and at the window's end emits those at the maximum. */
export class HottestPerWindow extends KeyedProcessFunction<number, AuctionCount, AuctionCount> {
  private readonly counts = new MapStateDescriptor<number, AuctionCount>('counts');

  override processElement(c: AuctionCount, ctx: KeyedProcessContext<number>, _out: Collector<AuctionCount>): void {
    this.getRuntimeContext().getMapState(this.counts).put(c.auction, c);
    ctx.timerService().registerEventTimeTimer(c.windowEnd);
  }

  override onTimer(_ts: number, _ctx: OnTimerContext<number>, out: Collector<AuctionCount>): void {
    const state = this.getRuntimeContext().getMapState(this.counts);
    let max = 0;
    for (const c of state.values()) max = Math.max(max, c.count);
    for (const c of state.values()) if (c.count === max) out.collect(c);
    state.clear();
  }
}

const params = ParameterTool.fromArgs(process.argv.slice(2));
const env = StreamExecutionEnvironment.getExecutionEnvironment();

env
  .fromSource(
    new NexmarkSource({ eventsNum: params.getInt('events', 100_000) }),
    WatermarkStrategy.forBoundedOutOfOrderness<NexmarkEvent>(4000).withTimestampAssigner((e) => e.dateTime),
    'nexmark',
  )
  .filter((e) => e.bid !== null)
  .map((e) => e.bid!)
  .keyBy((bid) => bid.auction)
  .window(SlidingEventTimeWindows.of(10_000, 2_000))
  .aggregate(countBids, {
    process(auction: number, ctx: { window: { start: number; end: number } }, counts: Iterable<number>, out: Collector<AuctionCount>) {
      for (const count of counts) out.collect({ auction, count, windowStart: ctx.window.start, windowEnd: ctx.window.end });
    },
  })
  .keyBy((c) => c.windowEnd)
  .process(new HottestPerWindow())
  .map((c) => `${new Date(c.windowStart).toISOString()} .. ${new Date(c.windowEnd).toISOString()}  auction ${c.auction}: ${c.count} bids`)
  .print();

await env.execute('Nexmark q5: hot items');
