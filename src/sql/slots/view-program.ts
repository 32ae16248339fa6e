/**
 * The program a materialized view's job runs as on a view slot thread: it plans the
 * view against a copy of the catalog, follows the tables and views it reads through the
 * engine's thread (their rows, then every change, as remote-store.ts delivers them), and
 * sends each commit of its result, and each change in its row errors, back to the engine's
 * thread, which keeps the result that SELECT serves. Views share view threads (one per core).
 * It runs until its job ends, is canceled (DROP, shutdown), fails (among them the job that
 * allocates when its thread's heap passes view.memory.limit), or its thread ends.
 *
 * Messages from the engine's thread: table changes for the scans this job follows, and
 * `settle` (FLUSH): answered with `settled` once the job has processed everything received
 * before it, after the commits that produced.
 */
import type { MaterializedViewEntry } from '../../catalog/index.ts';
import type { Change, CommitMode } from '../../connectors/table/table-store.ts';
import type { SlotHost } from '../../graph/slot-program.ts';
import { buildViewJob } from '../engine/handlers/create-materialized-view.ts';
import type { ChangeFeed } from './remote-store.ts';
import { replicaEngine, type ReplicaArgs } from './replica.ts';
import { plainError, type PlainError } from './plain-error.ts';

export type ViewArgs = ReplicaArgs & { readonly view: number };

/** From the view's slot to the engine's thread. */
export type ViewMessage =
  | { readonly type: 'commit'; readonly changes: readonly Change[]; readonly mode: CommitMode }
  | { readonly type: 'row-error'; readonly error: PlainError; readonly delta: 1 | -1 }
  | { readonly type: 'settled'; readonly id: number };

/** From the engine's thread to the view's slot. */
export type ViewControl = { readonly type: 'changes'; readonly scan: number; readonly changes: readonly Change[]; readonly watermark: number } | { readonly type: 'settle'; readonly id: number };

export type ViewOutcome = { readonly ok: true } | { readonly ok: false; readonly error: PlainError };

export async function runOnSlot(raw: unknown, host: SlotHost): Promise<ViewOutcome> {
  const args = raw as ViewArgs;
  const feed: ChangeFeed = new Map();
  let jobId: string | null = null;
  host.onMessage((m) => {
    const c = m as ViewControl;
    if (c.type === 'changes') feed.get(c.scan)?.(c.changes, c.watermark);
    else {
      void (async () => {
        if (jobId !== null) await host.executor.settle([jobId]).catch(() => {});
        host.post({ type: 'settled', id: c.id } satisfies ViewMessage);
      })();
    }
  });
  try {
    const engine = replicaEngine(args, host, feed);
    const view = engine.catalog.getByOid(args.view) as MaterializedViewEntry;
    const sink = {
      name: view.name,
      commit: (changes: readonly Change[], mode: CommitMode = 'strict') => host.post({ type: 'commit', changes, mode } satisfies ViewMessage),
    };
    const errors = (error: unknown, delta: 1 | -1): void => host.post({ type: 'row-error', error: plainError(error, 'view.memory.limit'), delta } satisfies ViewMessage);
    const job = host.executor.execute(buildViewJob(engine, view, sink, errors));
    jobId = job.jobId;
    host.onCancel(() => void job.cancel());
    await job.getJobExecutionResult();
    return { ok: true };
  } catch (e) {
    return { ok: false, error: plainError(e, 'view.memory.limit') };
  }
}
