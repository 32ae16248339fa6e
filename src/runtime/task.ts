/**
 * A task runs one parallel instance (subtask) of a JobGraph vertex: the operators of its
 * chain, fed from an input gate or, for a source, from a reader. It processes one element
 * at a time, awaits backpressure after each, fires processing-time timers between
 * elements, and yields to the event loop regularly so tasks sharing a thread progress.
 */
import type { Batch } from './batch.ts';
import { END_OF_INPUT, watermark, ACTIVE, IDLE } from './elements.ts';
import type { InputGate } from './exchange/input-gate.ts';
import type { RecordWriter } from './exchange/record-writer.ts';
import type { Output, StreamOperator } from './operators/operator.ts';
import { SourceOperator } from './operators/source.ts';
import { checkMemory, setMemoryOwner } from './memory-guard.ts';

/** Where one output of an operator goes. */
export type OutputTarget =
  | { readonly kind: 'chained'; readonly operator: number; readonly input: number }
  | { readonly kind: 'writer'; readonly writer: number };

export interface ChainedOperator {
  readonly name: string;
  readonly operator: StreamOperator;
  readonly main: readonly OutputTarget[];
  /** Side outputs by tag id. */
  readonly side: ReadonlyMap<string, readonly OutputTarget[]>;
}

export type TaskState = 'created' | 'running' | 'finished' | 'failed' | 'canceled';

/** How long a task may run before yielding to the event loop, in ms. */
const YIELD_INTERVAL_MS = 8;

export class TaskCanceledError extends Error {
  constructor() {
    super('task canceled');
    this.name = 'TaskCanceledError';
  }
}

export class StreamTask {
  readonly name: string;
  readonly subtaskIndex: number;
  private readonly chain: readonly ChainedOperator[];
  private readonly gate: InputGate | null;
  private readonly writers: readonly RecordWriter[];
  state: TaskState = 'created';
  private canceled = false;
  private wake: (() => void) | null = null;
  private timerHandle: ReturnType<typeof setTimeout> | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private timerDue = false;
  private lastYield = 0;
  private waiting = false;
  /** Whose work this task does, for the thread's memory guard (its job). */
  memoryOwner: unknown = null;

  constructor(
    name: string,
    subtaskIndex: number,
    chain: readonly ChainedOperator[],
    gate: InputGate | null,
    writers: readonly RecordWriter[],
  ) {
    this.name = name;
    this.subtaskIndex = subtaskIndex;
    this.chain = chain;
    this.gate = gate;
    this.writers = writers;
    if (gate !== null) gate.onData = () => this.signal();
  }

  /** The Output each chained operator writes to. */
  outputFor(index: number): Output {
    const op = this.chain[index] as ChainedOperator;
    const route = (targets: readonly OutputTarget[], batch: Batch): void => {
      for (const t of targets) {
        if (t.kind === 'chained') (this.chain[t.operator] as ChainedOperator).operator.processBatch(batch, t.input);
        else (this.writers[t.writer] as RecordWriter).emit(batch);
      }
    };
    const all: OutputTarget[] = [...op.main, ...[...op.side.values()].flat()];
    return {
      emit: (batch) => route(op.main, batch),
      emitSide: (tag, batch) => {
        const targets = op.side.get(tag);
        if (targets !== undefined) route(targets, batch);
      },
      emitWatermark: (ts) => {
        for (const t of all) {
          if (t.kind === 'chained') (this.chain[t.operator] as ChainedOperator).operator.processWatermark(ts, t.input);
          else (this.writers[t.writer] as RecordWriter).broadcast(watermark(ts));
        }
      },
      emitWatermarkStatus: (idle) => {
        for (const t of all) {
          if (t.kind === 'chained') (this.chain[t.operator] as ChainedOperator).operator.processWatermarkStatus(idle, t.input);
          else (this.writers[t.writer] as RecordWriter).broadcast(idle ? IDLE : ACTIVE);
        }
      },
    };
  }

  /** Asks for a wakeup at processing time `time` (the earliest request wins). */
  requestWakeup(time: number): void {
    if (time >= this.timerAt) return;
    if (this.timerHandle !== null) clearTimeout(this.timerHandle);
    this.timerAt = time;
    const delay = Math.max(0, Math.min(time - Date.now(), 2 ** 31 - 1));
    this.timerHandle = setTimeout(() => {
      this.timerHandle = null;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.timerDue = true;
      this.signal();
    }, delay);
  }

  private signal(): void {
    const w = this.wake;
    if (w !== null) {
      this.wake = null;
      w();
    }
  }

  private waitForSignal(extra?: Promise<void>): Promise<void> {
    this.waiting = true;
    return new Promise<void>((resolve) => {
      this.wake = () => {
        this.waiting = false;
        resolve();
      };
      extra?.then(() => this.signal(), () => this.signal());
    });
  }

  /**
   * True while the task has nothing to do: it waits for input, and no input is queued for
   * it (a source: its reader had nothing). With every task of a job quiet and no channel
   * holding data, the job has processed everything that reached its sources.
   */
  isQuiet(): boolean {
    if (this.state === 'finished' || this.state === 'failed' || this.state === 'canceled') return true;
    return this.waiting && (this.gate === null || this.gate.isEmpty());
  }

  cancel(): void {
    this.canceled = true;
    this.signal();
    this.gate?.close();
  }

  async run(): Promise<void> {
    this.state = 'running';
    try {
      // Tail first, as Flink does: an operator may emit while it opens (a global aggregate
      // emits its row for the empty input), so what it feeds must be open already.
      for (const op of [...this.chain].reverse()) await op.operator.open();
      const head = this.chain[0]?.operator;
      if (head instanceof SourceOperator) await this.runSource(head);
      else await this.runInputs();
      if (this.canceled) throw new TaskCanceledError();
      await this.finishChain();
      for (const w of this.writers) w.broadcast(END_OF_INPUT);
      this.state = 'finished';
    } catch (e) {
      this.state = this.canceled ? 'canceled' : 'failed';
      throw e;
    } finally {
      if (this.timerHandle !== null) clearTimeout(this.timerHandle);
      for (const op of this.chain) {
        try {
          await op.operator.close();
        } catch {
          // close errors after a failure must not hide the original error
        }
      }
    }
  }

  private async runSource(source: SourceOperator<unknown>): Promise<void> {
    for (;;) {
      if (this.canceled) return;
      setMemoryOwner(this.memoryOwner);
      this.fireTimersIfDue();
      const status = source.pollNext();
      await this.afterElement();
      if (status === 'end') break;
      if (status === 'nothing') {
        const idleness = source.idlenessMs;
        const idleTimer = idleness > 0 ? delay(idleness) : undefined;
        await this.waitForSignal(idleTimer ? Promise.race([source.availability(), idleTimer]) : source.availability());
        source.checkIdleness();
      }
    }
    source.endOfInput();
    await this.afterElement();
  }

  private async runInputs(): Promise<void> {
    const gate = this.gate as InputGate;
    const head = (this.chain[0] as ChainedOperator).operator;
    while (!gate.finished) {
      if (this.canceled) return;
      setMemoryOwner(this.memoryOwner);
      this.fireTimersIfDue();
      const ev = gate.poll(head.selectInput?.() ?? null);
      if (ev === null) {
        await this.waitForSignal();
        continue;
      }
      switch (ev.kind) {
        case 'batch':
          head.processBatch(ev.batch, ev.input);
          break;
        case 'watermark':
          head.processWatermark(ev.timestamp, ev.input);
          break;
        case 'status':
          head.processWatermarkStatus(ev.idle, ev.input);
          break;
        case 'end':
          head.endInput(ev.input);
          break;
      }
      await this.afterElement();
    }
  }

  private fireTimersIfDue(): void {
    if (!this.timerDue) return;
    this.timerDue = false;
    const now = Date.now();
    for (const op of this.chain) op.operator.onProcessingTime(now);
  }

  /** Backpressure, asynchronous sink writes, and a fair share of the thread. */
  private async afterElement(): Promise<void> {
    setMemoryOwner(this.memoryOwner);
    checkMemory();
    for (const op of this.chain) {
      const drain = (op.operator as { drainPending?: () => Promise<void> | null }).drainPending?.();
      if (drain) await drain;
    }
    for (const w of this.writers) if (w.isBackpressured()) await w.awaitCapacity();
    const now = performance.now();
    if (now - this.lastYield > YIELD_INTERVAL_MS) {
      this.lastYield = now;
      await new Promise<void>((r) => setImmediate(r));
    }
  }

  /** End of all input: each operator finishes in chain order, then its successors' input ends. */
  private async finishChain(): Promise<void> {
    for (let i = 0; i < this.chain.length; i++) {
      const op = this.chain[i] as ChainedOperator;
      await op.operator.finish();
      await this.afterElement();
      for (const t of [...op.main, ...[...op.side.values()].flat()]) {
        if (t.kind === 'chained') (this.chain[t.operator] as ChainedOperator).operator.endInput(t.input);
      }
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref?.());
}
