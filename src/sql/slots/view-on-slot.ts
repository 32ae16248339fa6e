/**
 * The engine's side of a materialized view whose job runs on a slot thread (view-program.ts):
 * starts the run, feeds it the changes of what it reads, applies the commits it sends to the
 * view's result here (what SELECT serves), keeps its row errors, and answers as a JobClient
 * (status, cancel for DROP, the outcome) that can also settle for FLUSH.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { MaterializedViewEntry, SinkEntry } from '../../catalog/index.ts';
import type { JobExecutionResult, JobStatus } from '../../graph/job-submission.ts';
import { SlotRunError, type SlotRun } from '../../graph/slot-program.ts';
import { columnTypes } from '../engine/column-types.ts';
import type { SettlingJob, SqlEngine } from '../engine/engine.ts';
import { outOfMemory, sqlErrorFrom } from './plain-error.ts';
import { storageService } from './storage-service.ts';
import { replicaArgs } from './replica.ts';
import type { ViewArgs, ViewControl, ViewMessage, ViewOutcome } from './view-program.ts';
import { rowReviver } from './value-transfer.ts';
import { SqlError } from '../types/index.ts';
import { INSERT, UPDATE_AFTER, type TableWritable } from '../../connectors/table/table-store.ts';
import type { DataType } from '../types/index.ts';
import { SqlState } from '../../errors/index.ts';

/** A row's approximate heap footprint: array, slots, and the characters of its strings. */
function rowBytes(row: readonly unknown[]): number {
  let n = 32 + 8 * row.length;
  for (const v of row) {
    if (typeof v === 'string') n += 16 + 2 * v.length;
    else if (v !== null && typeof v === 'object') n += 48;
  }
  return n;
}

const PROGRAM = new URL('./view-program.ts', import.meta.url).href;

/** The module view slots preload. */
export const VIEW_PROGRAM = PROGRAM;

/** How views use their slot threads: many jobs per thread, a thread per core, all started at once (a view at parallelism n takes n of them). */
export const VIEW_SLOTS = { runsPerSlot: 1024, maxSlots: availableParallelism(), spare: availableParallelism() } as const;

/**
 * Starts the view's job on view slots: one run, or at parallelism n a group of
 * min(n, view threads) runs that each hold a part of the job (view-program.ts).
 */
export function startViewOnSlot(engine: SqlEngine, view: MaterializedViewEntry | SinkEntry): SettlingJob {
  return startOnSlot(engine, view.kind === 'materialized view' ? { kind: 'view', entry: view } : { kind: 'sink', entry: view });
}

/** A query's job (SUBSCRIBE's) on a view slot, its changes committed to `store` here. */
export function startQueryOnSlot(engine: SqlEngine, q: { querySql: string; searchPath?: string; label: string; store: TableWritable; columns: readonly DataType[] }): SettlingJob {
  return startOnSlot(engine, { kind: 'query', ...q });
}

type SlotJobTarget =
  | { readonly kind: 'view'; readonly entry: MaterializedViewEntry }
  | { readonly kind: 'sink'; readonly entry: SinkEntry }
  | { readonly kind: 'query'; readonly querySql: string; readonly searchPath?: string; readonly label: string; readonly store: TableWritable; readonly columns: readonly DataType[] };

function startOnSlot(engine: SqlEngine, target: SlotJobTarget): SettlingJob {
  const slots = engine.viewSlots;
  if (slots === null) throw new Error('startViewOnSlot needs an engine with view slots');
  // A sink's job commits nothing here (its connector writes on the slot) and counts no row
  // errors; a query's commits to the store it was given, and fails on a row error.
  const store = target.kind === 'view' ? engine.store(target.entry) : target.kind === 'query' ? target.store : null;
  const ledger = target.kind === 'view' ? engine.errorLedger(target.entry) : () => {};
  const types = target.kind === 'view' ? columnTypes(target.entry.columns) : target.kind === 'query' ? target.columns : [];
  const revive = rowReviver(types);
  const parallelism = target.kind === 'view' ? engine.viewParallelism(target.entry) : 1;
  const members = Math.max(1, Math.min(parallelism, slots.maxThreads));
  const name = target.kind === 'query' ? `subscribe ${target.label}` : `${target.kind === 'view' ? 'materialized view' : 'sink'} ${target.entry.name}`;
  /** Open settle rounds: the answers of each member so far. */
  const settles = new Map<number, { answer(member: number, counts: { sent: number; received: number }): void; done: () => void }>();
  let nextSettle = 1;
  let status: JobStatus = 'RUNNING';
  const started = performance.now();
  const startTime = Date.now();
  let endTime: number | null = null;
  const args: ViewArgs = { ...replicaArgs(engine), view: target.kind === 'query' ? 0 : target.entry.oid, parallelism, ...(target.kind === 'query' && { query: target.querySql, ...(target.searchPath !== undefined && { searchPath: target.searchPath }) }) };
  let failure: unknown = null;
  /** Estimated bytes of the view's result held here. */
  let resultBytes = 0;
  const cancelAll = (): void => {
    for (const r of runs) r.cancel();
  };
  const onCommit = (m: Extract<ViewMessage, { type: 'commit' }>): void => {
    if (failure !== null || store === null) return;
    for (const [kind, row] of m.changes) {
      revive(row as unknown[]);
      resultBytes += (kind === INSERT || kind === UPDATE_AFTER ? 1 : -1) * rowBytes(row);
    }
    // The result lives on this thread: a view whose result outgrows its budget stops
    // here, before it can exhaust the thread that serves every connection.
    if (resultBytes > slots.memoryLimitBytes) {
      failure = sqlErrorFrom(outOfMemory(resultBytes, slots.memoryLimitBytes, 'view.memory.limit'));
      cancelAll();
      return;
    }
    try {
      store.commit(m.changes, m.mode);
      engine.noteViewCommit();
    } catch (e) {
      // The result here disagrees with the job's: stop the job rather than serve it.
      failure = e;
      cancelAll();
    }
  };
  // Each member reads what it reads through a storage service of its own; the changes of
  // what it follows go to it, in commit order, from the moment each scan opened.
  const storages = Array.from({ length: members }, (_, i) => storageService(engine, (scan, changes, watermark) => runs[i]!.post({ type: 'changes', scan, changes, watermark } satisfies ViewControl)));
  const handlers = (member: number) => ({
    serve: (r: unknown) => storages[member]!.serve(r),
    onMessage: (raw: unknown) => {
      const m = raw as ViewMessage;
      if (m.type === 'commit') {
        onCommit(m);
        runs[member]!.post({ type: 'ack' } satisfies ViewControl);
      }
      else if (m.type === 'row-error') ledger(sqlErrorFrom(m.error), m.delta);
      else {
        lastCounts[member] = { sent: m.sent, received: m.received };
        settles.get(m.id)?.answer(member, lastCounts[member]);
      }
    },
  });
  const program = { module: PROGRAM, args, name };
  const runs: SlotRun[] =
    members === 1 ? [slots.run(program, handlers(0))] : slots.runGroup(Array.from({ length: members }, (_, i) => ({ program: { ...program, name: `${name} (part ${i + 1} of ${members})` }, handlers: handlers(i) })));
  // The first member to fail fails the view, and the others are stopped.
  const metrics = { sourceRecords: 0, sinkRecords: 0 };
  const outcomes = runs.map((r) =>
    r.result.then((raw) => {
      const o = raw as ViewOutcome;
      if (!o.ok) throw sqlErrorFrom(o.error);
      metrics.sourceRecords += o.metrics.sourceRecords;
      metrics.sinkRecords += o.metrics.sinkRecords;
    }),
  );
  for (const o of outcomes) o.catch(() => cancelAll());
  // A member can end before the others: one whose part holds no subtask (a view whose
  // operators all run once) ends at once. Settle rounds count what it last said.
  const ended = runs.map(() => false);
  const lastCounts = runs.map(() => ({ sent: 0, received: 0 }));
  outcomes.forEach((o, i) => {
    const end = (): void => {
      ended[i] = true;
      for (const round of [...settles.values()]) round.answer(i, lastCounts[i]!);
    };
    o.then(end, end);
  });
  const jobId = randomUUID().replaceAll('-', '');
  const result: Promise<JobExecutionResult> = Promise.all(outcomes).then(
    () => {
      status = 'FINISHED';
      return { jobId, jobName: name, netRuntimeMs: performance.now() - started, metrics };
    },
    (e: unknown) => {
      status = 'FAILED';
      if (failure !== null) throw failure;
      if (e instanceof SlotRunError && e.end.reason === 'canceled') {
        status = 'CANCELED';
        throw new SqlError(SqlState.queryCanceled, `${name} was stopped`);
      }
      if (e instanceof SlotRunError && e.end.reason === 'memory') throw sqlErrorFrom(outOfMemory(e.end.heapBytes, e.end.limitBytes, 'view.memory.limit'));
      throw e;
    },
  );
  // Members stopped because another failed must not hide the first failure: Promise.all
  // rejects with the first rejection, which is the failing member's (the others reject later).
  result.catch(() => {}).finally(() => {
    endTime = Date.now();
    for (const s of storages) s.close();
    for (const round of settles.values()) round.done();
    settles.clear();
  });
  /** One round: every member settles its part and says how many batches it exchanged. */
  const round = (): Promise<Array<{ sent: number; received: number }>> => {
    const id = nextSettle++;
    return new Promise((resolve) => {
      const answers: Array<{ sent: number; received: number } | null> = runs.map((_, i) => (ended[i] ? lastCounts[i]! : null));
      const done = (): void => {
        settles.delete(id);
        resolve(answers.map((a) => a ?? { sent: 0, received: 0 }));
      };
      settles.set(id, {
        answer: (member, counts) => {
          answers[member] = counts;
          if (answers.every((a) => a !== null)) done();
        },
        done,
      });
      if (answers.every((a) => a !== null)) return done();
      runs.forEach((r, i) => {
        if (!ended[i]) r.post({ type: 'settle', id } satisfies ViewControl);
      });
    });
  };
  return {
    jobId,
    startTime,
    get endTime() {
      return endTime;
    },
    getJobStatus: () => status,
    cancel: async () => {
      cancelAll();
      await result.catch(() => {});
    },
    getJobExecutionResult: () => result,
    settle: async () => {
      if (runs.length === 1) {
        if (status === 'RUNNING') await round();
        return;
      }
      // Settled when, in two rounds in a row, every member was quiet and all the batches sent
      // between members had been received, with no batch moving in between (a batch in
      // flight in the first round would show as a difference, or as new counts in the second).
      let last = '';
      for (;;) {
        if (status !== 'RUNNING') return;
        const counts = await round();
        const sent = counts.reduce((a, c) => a + c.sent, 0);
        const received = counts.reduce((a, c) => a + c.received, 0);
        const key = counts.map((c) => `${c.sent}/${c.received}`).join(',');
        if (sent === received && key === last) return;
        last = key;
      }
    },
  };
}
