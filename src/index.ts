/**
 * The `weir` package: the DataStream API with the embedded mini-cluster installed as the
 * executor, plus the connectors. Programs import from here:
 *
 * @example
 * import { StreamExecutionEnvironment } from 'weir';
 */
import { setDefaultExecutor } from './api/executor.ts';
import { MiniCluster } from './cluster/mini-cluster.ts';

export * from './api/index.ts';
export * from './connectors/index.ts';
export { MiniCluster, JobFailedError, JobCanceledError } from './cluster/mini-cluster.ts';

setDefaultExecutor(new MiniCluster());
