/** Windows: assigners, triggers, window functions and the operator that runs them. */
export { Time, Duration } from './time.ts';
export { TimeWindow, GlobalWindow, type Window } from './windows.ts';
export {
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
  SlidingEventTimeWindows,
  SlidingProcessingTimeWindows,
  EventTimeSessionWindows,
  DynamicEventTimeSessionWindows,
  ProcessingTimeSessionWindows,
  DynamicProcessingTimeSessionWindows,
  GlobalWindows,
  type WindowAssigner,
  type SessionWindowTimeGapExtractor,
} from './assigners.ts';
export {
  TriggerResult,
  Trigger,
  EventTimeTrigger,
  ProcessingTimeTrigger,
  CountTrigger,
  PurgingTrigger,
  ContinuousEventTimeTrigger,
  NeverTrigger,
  type TriggerContext,
  type OnMergeContext,
} from './triggers.ts';
export { ProcessWindowFunction, type ProcessWindowFunctionLike, type ProcessWindowContext } from './window-function.ts';
export type { KeyedStateStore } from './window-state.ts';
export { WindowOperator, WindowOperatorError, type WindowOperatorOptions, type WindowFunctionSpec } from './window-operator.ts';
export {
  CountEvictor,
  TimeEvictor,
  DeltaEvictor,
  removeWhere,
  type Evictor,
  type EvictorContext,
  type TimestampedValue,
  type DeltaFunction,
} from './evictors.ts';
export { EvictingWindowOperator, type EvictingWindowOperatorOptions } from './evicting-window-operator.ts';
