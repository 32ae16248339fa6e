export type { StreamGraph, StreamNode, StreamEdge, ChainingStrategy, FunctionRegistry } from './stream-graph.ts';
export type { JobGraph, JobVertex, JobEdge, JobOperator, ChainTarget } from './job-graph.ts';
export { createJobGraph } from './job-graph.ts';
export { jobGraphToText, jobGraphToDot, jobGraphToMermaid } from './print.ts';
export {
  keyGroupFor,
  keyGroupRangeFor,
  subtaskForKeyGroup,
  defaultMaxParallelism,
  normalizeKey,
} from '../runtime/key-groups.ts';
export type { PartitionerKind } from '../runtime/exchange/partitioning.ts';
