/** The DataStream API: what programs import (through the `weir` package entry). */
export { StreamExecutionEnvironment } from './environment.ts';
export { DataStream } from './datastream.ts';
export { KeyedStream } from './keyed-stream.ts';
export { ConnectedStreams } from './connected-streams.ts';
export { WindowedStream, AllWindowedStream } from './windowed-stream.ts';
export { WatermarkStrategy } from './watermark-strategy.ts';
export type { FieldRef } from './field-aggregations.ts';
export type { JobClient, JobExecutionResult, JobStatus, ExecutionOptions } from './executor.ts';
export {
  OutputTag,
  AbstractRichFunction,
  RichMapFunction,
  RichFlatMapFunction,
  RichFilterFunction,
  ProcessFunction,
  KeyedProcessFunction,
  CoProcessFunction,
  KeyedCoProcessFunction,
  UserFunctionError,
} from '../runtime/functions.ts';
export type {
  Collector,
  RuntimeContext,
  MapFunction,
  FlatMapFunction,
  FilterFunction,
  ReduceFunction,
  KeySelector,
  AggregateFunction,
  CoMapFunction,
  CoFlatMapFunction,
  ProcessContext,
  KeyedProcessContext,
  OnTimerContext,
  TimerService,
} from '../runtime/functions.ts';
export {
  ValueStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  AggregatingStateDescriptor,
} from '../runtime/state/descriptors.ts';
export type { ValueState, ListState, MapState, ReducingState, AggregatingState } from '../runtime/state/state.ts';
export type { WatermarkGenerator, WatermarkOutput } from '../runtime/watermarks.ts';
export * from '../runtime/operators/window/index.ts';
export { RowKind } from '../runtime/batch.ts';
export { ParameterTool } from './parameter-tool.ts';
