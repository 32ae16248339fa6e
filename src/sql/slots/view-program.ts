/**
 * The program a materialized view's job runs as on a view slot thread: it plans the
 * view against a copy of the catalog, follows the tables and views it reads through the
 * engine's thread (their rows, then every change, as remote-store.ts delivers them), and
 * sends each commit of its result, and each change in its row errors, back to the engine's
 * thread, which keeps the result that SELECT serves. Views share view threads (one per core).
 * It runs until its job ends, is canceled (DROP, shutdown), fails (among them the job that
 * allocates when its thread's heap passes view.memory.limit), or its thread ends.
 *
 * A view at parallelism n runs as a group of n runs (on n threads where there are): each
 * plans the same job and runs its part, subtask i of each vertex for i ≡ member (mod n),
 * exchanging batches with the other members. Member 0 holds the subtasks that run once
 * (table sources, the result's sink), so it alone reads from and commits to the engine's
 * thread; every member reports its row errors.
 *
 * Messages from the engine's thread: table changes for the scans this job follows, and
 * `settle` (FLUSH): answered with `settled` once this member's part has processed everything
 * it received before, after the commits that produced, with the count of batches it has
 * exchanged with the other members (the engine's thread repeats the round until those
 * agree: nothing is left in flight between members).
 */
import type { MaterializedViewEntry, SinkEntry } from '../../catalog/index.ts';
import { buildSinkJob } from '../engine/handlers/create-sink.ts';
import type { Change, CommitMode, TableWritable } from '../../connectors/table/table-store.ts';
import type { SlotHost } from '../../graph/slot-program.ts';
import { buildViewJob, planView, viewPipeline } from '../engine/handlers/create-materialized-view.ts';
import { StreamExecutionEnvironment } from '../../api/environment.ts';
import { TableSink } from '../../connectors/table/table-sink.ts';
import type { SubmittedJob } from '../../graph/job-submission.ts';
import type { SqlEngine } from '../engine/engine.ts';
import type { ChangeFeed } from './remote-store.ts';
import { replicaEngine, type ReplicaArgs } from './replica.ts';
import { plainError, type PlainError } from './plain-error.ts';
import { reviveRows } from './value-transfer.ts';

export type ViewArgs = ReplicaArgs & {
  /** The materialized view, or the sink (CREATE SINK), whose job this is. */
  readonly view: number;
  /** Decided on the engine's thread, so that every member builds the same job. */
  readonly parallelism: number;
  /** Instead of a view or sink: a query whose changes go back as a view's do (SUBSCRIBE). */
  readonly query?: string;
  /** The query's search_path (its names resolve along it). */
  readonly searchPath?: string;
};

/** From the view's slot to the engine's thread. */
export type ViewMessage =
  | { readonly type: 'commit'; readonly changes: readonly Change[]; readonly mode: CommitMode }
  | { readonly type: 'row-error'; readonly error: PlainError; readonly delta: 1 | -1 }
  | { readonly type: 'settled'; readonly id: number; readonly sent: number; readonly received: number };

/** From the engine's thread to the view's slot. */
export type ViewControl =
  | { readonly type: 'changes'; readonly scan: number; readonly changes: readonly Change[]; readonly watermark: number }
  | { readonly type: 'settle'; readonly id: number }
  /** A commit has been applied on the engine's thread. */
  | { readonly type: 'ack' };

/**
 * Commits sent and not yet applied on the engine's thread before the job waits: the result's
 * writer goes no faster than the engine's thread applies, so commits cannot pile up there.
 */
const COMMIT_WINDOW = 16;

export type ViewOutcome =
  | { readonly ok: true; readonly metrics: { readonly sourceRecords: number; readonly sinkRecords: number } }
  | { readonly ok: false; readonly error: PlainError };

/** SUBSCRIBE's job: the query's changes into `sink`, at parallelism 1; a row error fails it. */
function buildQueryJob(engine: SqlEngine, querySql: string, searchPath: string | undefined, sink: TableWritable): SubmittedJob {
  const env = new StreamExecutionEnvironment(1);
  viewPipeline(engine, planView(engine, querySql, undefined, searchPath), false, env).sinkTo(new TableSink(sink, 'strict'), 'Subscribe');
  return env.buildJob('subscribe');
}

export async function runOnSlot(raw: unknown, host: SlotHost): Promise<ViewOutcome> {
  const args = raw as ViewArgs;
  const feed: ChangeFeed = new Map();
  let jobId: string | null = null;
  let unacked = 0;
  let waiting: Array<() => void> = [];
  const release = (): void => {
    const w = waiting;
    waiting = [];
    for (const r of w) r();
  };
  // A canceled job must not stay parked on a commit nobody will acknowledge.
  host.onCancel(release);
  host.onMessage((m) => {
    const c = m as ViewControl;
    if (c.type === 'changes') feed.get(c.scan)?.(c.changes, c.watermark);
    else if (c.type === 'ack') {
      unacked--;
      if (unacked < COMMIT_WINDOW) release();
    } else {
      void (async () => {
        if (jobId !== null) await host.executor.settle([jobId]).catch(() => {});
        const counts = jobId === null ? { sent: 0, received: 0 } : host.executor.exchangeCounts(jobId);
        host.post({ type: 'settled', id: c.id, ...counts } satisfies ViewMessage);
      })();
    }
  });
  try {
    const engine = replicaEngine(args, host, feed);
    const entry = args.query === undefined ? (engine.catalog.getByOid(args.view) as MaterializedViewEntry | SinkEntry) : null;
    const sink = {
      name: entry?.name ?? 'subscribe',
      commit: (changes: readonly Change[], mode: CommitMode = 'strict'): void | Promise<void> => {
        host.post({ type: 'commit', changes, mode } satisfies ViewMessage);
        if (++unacked < COMMIT_WINDOW) return;
        return new Promise<void>((resolve) => waiting.push(resolve));
      },
    };
    const errors = (error: unknown, delta: 1 | -1): void => host.post({ type: 'row-error', error: plainError(error, 'view.memory.limit'), delta } satisfies ViewMessage);
    // A sink's job writes to its connector from this thread; a view's sends its result back.
    const built =
      entry === null ? buildQueryJob(engine, args.query!, args.searchPath, sink) : entry.kind === 'sink' ? buildSinkJob(engine, entry) : buildViewJob(engine, entry, sink, errors, args.parallelism);
    const group = host.group;
    const job =
      group === null || group.count === 1
        ? host.executor.execute(built)
        : host.executor.executePart(built, { index: group.index, count: group.count, peers: group.peers, reviveValues: reviveRows });
    jobId = job.jobId;
    host.onCancel(() => void job.cancel());
    const result = await job.getJobExecutionResult();
    return { ok: true, metrics: result.metrics };
  } catch (e) {
    return { ok: false, error: plainError(e, 'view.memory.limit') };
  }
}
