/**
 * Programs that run on a slot: a module and plain-data arguments, never closures. A client
 * (the SQL layer for a statement or a view) submits a {@link SlotProgram} to a
 * {@link SlotExecutor}; the executor runs the module's `runOnSlot(args, host)` on a worker
 * thread of its own (a TaskManager slot in standalone; the cluster issue moves the same
 * programs onto TaskManagers), away from the event loop that serves connections.
 *
 * A run talks to its submitter two ways: `post`/`onMessage` for asynchronous messages in
 * both directions (in order), and `request` for a synchronous call the submitter answers at
 * once (reading table rows, for example), so that code written against synchronous interfaces
 * runs on a slot unchanged.
 */
import type { MessagePort } from 'node:worker_threads';
import type { JobClient, PipelineExecutor, SubmittedJob } from './job-submission.ts';

export interface SlotProgram {
  /** URL (file:) of the module that exports `runOnSlot(args, host)`. */
  readonly module: string;
  /** Structured-cloneable arguments. */
  readonly args: unknown;
  /** A name for logs and errors ("SELECT", "materialized view v"). */
  readonly name: string;
}

/**
 * One part of a job spread over the runs of a group (see {@link SlotExecutor.runGroup}):
 * every member builds the same JobGraph and runs subtask i of each vertex for
 * i ≡ index (mod count), exchanging data with the others over `peers`.
 */
export interface JobPart {
  readonly index: number;
  readonly count: number;
  /** A port to each other member, by member index. */
  readonly peers: ReadonlyMap<number, MessagePort>;
  /** Puts back what structured clone loses in a batch's values (the job's value codec). */
  readonly reviveValues?: (values: unknown[]) => void;
}

/** Data frames a job part sent to and received from the other parts. */
export interface ExchangeCounts {
  readonly sent: number;
  readonly received: number;
}

/** The executor a slot's programs run their jobs on. */
export interface SlotJobExecutor extends PipelineExecutor {
  /** Runs this member's part of a job whose other parts run on the group's other members. */
  executePart(job: SubmittedJob, part: JobPart): JobClient;
  /** Waits until the given jobs (all when omitted) have processed all their input so far. */
  settle(jobIds?: readonly string[]): Promise<void>;
  /** A part's exchange with the other parts so far (zeros for a job that is not a part). */
  exchangeCounts(jobId: string): ExchangeCounts;
}

/** The members of a group of runs (one job at parallelism n over n threads). */
export interface SlotGroup {
  /** This run's index among the members, 0-based. */
  readonly index: number;
  readonly count: number;
  /** A port to each other member, by member index. */
  readonly peers: ReadonlyMap<number, MessagePort>;
}

/** What a program running on a slot can reach. */
export interface SlotHost {
  /** A synchronous call answered by the submitter's `serve`. */
  request(message: unknown): unknown;
  /** An asynchronous message to the submitter's `onMessage`. */
  post(message: unknown): void;
  /** Asynchronous messages from the submitter (`SlotRun.post`). */
  onMessage(listener: (message: unknown) => void): void;
  /**
   * Called when the submitter cancels the run on a thread it shares with other runs (an
   * exclusive thread is simply ended): the program stops its jobs and returns.
   */
  onCancel(listener: () => void): void;
  /** Runs the program's jobs on this slot's thread. */
  readonly executor: SlotJobExecutor;
  /** The group this run is a member of; null for a run on its own. */
  readonly group: SlotGroup | null;
  /** Bytes the slot's heap holds now. */
  heapUsed(): number;
}

/** The module a program names. */
export interface SlotProgramModule {
  runOnSlot(args: unknown, host: SlotHost): Promise<unknown>;
}

export interface SlotRunHandlers {
  /** Answers the program's `host.request` (synchronously, on the submitter's thread). */
  serve?(request: unknown): unknown;
  /** Receives the program's `host.post` messages. */
  onMessage?(message: unknown): void;
}

/** Why a run ended without the program's own answer. */
export type SlotRunEnd =
  /** The slot's heap passed its limit; `heapBytes` is what it held when it was stopped. */
  | { readonly reason: 'memory'; readonly heapBytes: number; readonly limitBytes: number }
  | { readonly reason: 'canceled' }
  /** The thread died (an error outside the program, or the process is shutting down). */
  | { readonly reason: 'crashed'; readonly message: string };

/** Rejection of a run that did not return: carries why. */
export class SlotRunError extends Error {
  readonly end: SlotRunEnd;
  constructor(end: SlotRunEnd, program: string) {
    const why =
      end.reason === 'memory'
        ? `used ${Math.round(end.heapBytes / 2 ** 20)} MB of its ${Math.round(end.limitBytes / 2 ** 20)} MB limit`
        : end.reason === 'canceled'
          ? 'was canceled'
          : `crashed: ${end.message}`;
    super(`${program} ${why}`);
    this.name = 'SlotRunError';
    this.end = end;
  }
}

export interface SlotRun {
  /** The program's return value; rejects with the program's error or a {@link SlotRunError}. */
  readonly result: Promise<unknown>;
  /** An asynchronous message to the program (`host.onMessage`). */
  post(message: unknown): void;
  /** Stops the run at once: its thread is ended, its memory freed. */
  cancel(): void;
}

export interface SlotExecutor {
  run(program: SlotProgram, handlers?: SlotRunHandlers): SlotRun;
  /**
   * Runs the programs as one group, each on a thread of its own where the pool allows,
   * connected pairwise by message ports (`host.group`): the parts of one parallel job.
   * Each member's outcome is its own; the submitter decides what the group's is.
   */
  runGroup(members: ReadonlyArray<{ readonly program: SlotProgram; readonly handlers?: SlotRunHandlers }>): SlotRun[];
  /** The heap limit of one run, bytes. */
  readonly memoryLimitBytes: number;
  /** The most threads the executor runs at once (its slots). */
  readonly maxThreads: number;
}
