/** KeyedStream lives with DataStream, which it extends; see datastream.ts. */
export { KeyedStream } from './datastream.ts';
