/**
 * The function a window operator hands each fired window to, in Flink's shape
 * (ProcessWindowFunction). Give a class extending `ProcessWindowFunction` (for
 * `getRuntimeContext()` and open/close) or a plain object with `process`.
 *
 * @example
 * class CountPerWindow extends ProcessWindowFunction<Event, string, string, TimeWindow> {
 *   process(key: string, ctx: ProcessWindowContext<TimeWindow>, elements: Iterable<Event>, out: Collector<string>): void {
 *     let n = 0;
 *     for (const _ of elements) n++;
 *     out.collect(`${key} ${ctx.window.start}..${ctx.window.end}: ${n}`);
 *   }
 * }
 */
import { AbstractRichFunction, type Collector, type OutputTag, type RichFunction } from '../../functions.ts';
import type { KeyedStateStore } from './window-state.ts';

/** What `process` and `clear` learn about the window being evaluated. */
export interface ProcessWindowContext<W> {
  /** The window that fired (or is being cleared). */
  readonly window: W;
  currentProcessingTime(): number;
  currentWatermark(): number;
  /** State of this key *and this window*; clear it in `clear()`. Not available with merging windows. */
  windowState(): KeyedStateStore;
  /** State of this key across all its windows. */
  globalState(): KeyedStateStore;
  /** Emits to a side output; the record's timestamp is the window's max timestamp. */
  output<X>(tag: OutputTag<X>, value: X): void;
}

export interface ProcessWindowFunctionLike<IN, OUT, KEY, W> extends RichFunction {
  process(key: KEY, context: ProcessWindowContext<W>, elements: Iterable<IN>, out: Collector<OUT>): void;
  /** Called when the window's state is purged for good (after allowed lateness). */
  clear?(context: ProcessWindowContext<W>): void;
}

export abstract class ProcessWindowFunction<IN, OUT, KEY, W> extends AbstractRichFunction implements ProcessWindowFunctionLike<IN, OUT, KEY, W> {
  abstract process(key: KEY, context: ProcessWindowContext<W>, elements: Iterable<IN>, out: Collector<OUT>): void;
  clear(_context: ProcessWindowContext<W>): void {}
}
