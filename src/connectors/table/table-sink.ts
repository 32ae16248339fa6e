/**
 * Writes a changelog into a Weir table: how a materialized view keeps its result, and how
 * `INSERT INTO t SELECT ...` lands. Each batch is one atomic commit; with 'upsert' the
 * store keys rows by its primary key (a view whose plan has a unique key), with 'strict'
 * it applies the changes exactly (a multiset result, retractions matched row by row).
 */
import type { Sink, SinkWriter } from '../sink.ts';
import { INSERT, type Change, type CommitMode, type TableWritable } from './table-store.ts';

export class TableSink implements Sink<readonly unknown[]> {
  readonly name: string;
  private readonly store: TableWritable;
  private readonly mode: CommitMode;

  constructor(store: TableWritable, mode: CommitMode) {
    this.store = store;
    this.mode = mode;
    this.name = `Table ${store.name}`;
  }

  createWriter(): SinkWriter<readonly unknown[]> {
    const { store, mode } = this;
    return {
      write(values, _timestamps, kinds) {
        const changes: Change[] = new Array(values.length);
        for (let i = 0; i < values.length; i++) changes[i] = [kinds?.[i] ?? INSERT, values[i] as readonly unknown[]];
        const r = store.commit(changes, mode);
        if (r instanceof Promise) return r as Promise<void>;
      },
      flush() {},
      close() {},
    };
  }
}
