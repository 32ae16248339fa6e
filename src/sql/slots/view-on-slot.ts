/**
 * The engine's side of a materialized view whose job runs on a slot thread (view-program.ts):
 * starts the run, feeds it the changes of what it reads, applies the commits it sends to the
 * view's result here (what SELECT serves), keeps its row errors, and answers as a JobClient
 * (status, cancel for DROP, the outcome) that can also settle for FLUSH.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { MaterializedViewEntry } from '../../catalog/index.ts';
import type { JobExecutionResult, JobStatus } from '../../graph/job-submission.ts';
import { SlotRunError } from '../../graph/slot-program.ts';
import { columnTypes } from '../engine/column-types.ts';
import type { SettlingJob, SqlEngine } from '../engine/engine.ts';
import { outOfMemory, sqlErrorFrom } from './plain-error.ts';
import { storageService } from './storage-service.ts';
import { replicaArgs } from './replica.ts';
import type { ViewArgs, ViewControl, ViewMessage, ViewOutcome } from './view-program.ts';
import { rowReviver } from './value-transfer.ts';
import { SqlError } from '../types/index.ts';
import { INSERT, UPDATE_AFTER } from '../../connectors/table/table-store.ts';

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

/** How views use their slot threads: many jobs per thread, a thread per core. */
export const VIEW_SLOTS = { runsPerSlot: 1024, maxSlots: availableParallelism(), spare: 1 } as const;

export function startViewOnSlot(engine: SqlEngine, view: MaterializedViewEntry): SettlingJob {
  const slots = engine.viewSlots;
  if (slots === null) throw new Error('startViewOnSlot needs an engine with view slots');
  const store = engine.store(view);
  const ledger = engine.errorLedger(view);
  const revive = rowReviver(columnTypes(view.columns));
  const settles = new Map<number, () => void>();
  let nextSettle = 1;
  let status: JobStatus = 'RUNNING';
  const started = performance.now();
  const args: ViewArgs = {
    ...replicaArgs(engine),
    view: view.oid,
  };
  // Changes of what the job reads go out in commit order, from the moment each scan opened.
  const storage = storageService(engine, (scan, changes, watermark) => run.post({ type: 'changes', scan, changes, watermark } satisfies ViewControl));
  let failure: unknown = null;
  /** Estimated bytes of the view's result held here. */
  let resultBytes = 0;
  const run = slots.run(
    { module: PROGRAM, args, name: `materialized view ${view.name}` },
    {
      serve: (r) => storage.serve(r),
      onMessage: (raw) => {
        const m = raw as ViewMessage;
        if (m.type === 'commit') {
          if (failure !== null) return;
          for (const [kind, row] of m.changes) {
            revive(row as unknown[]);
            resultBytes += (kind === INSERT || kind === UPDATE_AFTER ? 1 : -1) * rowBytes(row);
          }
          // The result lives on this thread: a view whose result outgrows its budget stops
          // here, before it can exhaust the thread that serves every connection.
          if (resultBytes > slots.memoryLimitBytes) {
            failure = sqlErrorFrom(outOfMemory(resultBytes, slots.memoryLimitBytes, 'view.memory.limit'));
            run.cancel();
            return;
          }
          try {
            store.commit(m.changes, m.mode);
            engine.noteViewCommit();
          } catch (e) {
            // The result here disagrees with the job's: stop the job rather than serve it.
            failure = e;
            run.cancel();
          }
        } else if (m.type === 'row-error') ledger(sqlErrorFrom(m.error), m.delta);
        else settles.get(m.id)?.();
      },
    },
  );
  const jobId = randomUUID().replaceAll('-', '');
  const result: Promise<JobExecutionResult> = run.result.then(
    (raw) => {
      const o = raw as ViewOutcome;
      if (!o.ok) {
        status = 'FAILED';
        throw sqlErrorFrom(o.error);
      }
      status = 'FINISHED';
      return { jobId, jobName: `materialized view ${view.name}`, netRuntimeMs: performance.now() - started, metrics: { sourceRecords: 0, sinkRecords: 0 } };
    },
    (e: unknown) => {
      if (failure !== null) {
        status = 'FAILED';
        throw failure;
      }
      if (e instanceof SlotRunError && e.end.reason === 'canceled') {
        status = 'CANCELED';
        throw new SqlError('57014', `materialized view ${view.name} was stopped`);
      }
      status = 'FAILED';
      if (e instanceof SlotRunError && e.end.reason === 'memory') throw sqlErrorFrom(outOfMemory(e.end.heapBytes, e.end.limitBytes, 'view.memory.limit'));
      throw e;
    },
  );
  result.catch(() => {}).finally(() => {
    storage.close();
    for (const done of settles.values()) done();
    settles.clear();
  });
  return {
    jobId,
    getJobStatus: () => status,
    cancel: async () => {
      run.cancel();
      await result.catch(() => {});
    },
    getJobExecutionResult: () => result,
    settle: () => {
      if (status !== 'RUNNING') return Promise.resolve();
      const id = nextSettle++;
      return new Promise<void>((resolve) => {
        settles.set(id, () => {
          settles.delete(id);
          resolve();
        });
        run.post({ type: 'settle', id } satisfies ViewControl);
      });
    },
  };
}
