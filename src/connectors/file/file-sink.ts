/**
 * Writes records as lines into part files in a directory, after Flink's FileSink with a row
 * format: each writer writes `.part-<subtask>-<counter>.inprogress` (hidden, so readers of
 * the directory skip it) and renames it to `part-<subtask>-<counter>` when the rolling policy
 * rolls it or at end of input. A checkpoint flush makes the in-progress bytes durable
 * (fsync) without finishing the part.
 *
 * @example
 * stream.sinkTo(FileSink.forRowFormat('/out', (e) => JSON.stringify(e))
 *   .withRollingPolicy({ maxPartSize: 1 << 20, rolloverInterval: 10_000 }));
 */
import { Buffer } from 'node:buffer';
import { mkdir, open, readdir, rename } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Sink, SinkWriter, SinkWriterContext } from '../sink.ts';
import { formatValue } from '../sink/format-value.ts';
import { DEFAULT_ROLLING_POLICY, shouldRollOnEvent, shouldRollOnTime } from './rolling-policy.ts';
import type { RollingPolicy } from './rolling-policy.ts';

export type Encoder<T> = (value: T) => string;

export class FileSink<T> implements Sink<T> {
  readonly name: string;
  readonly directory: string;
  readonly rollingPolicy: RollingPolicy;
  /** How often writers check the time-based rolling conditions, in ms. */
  readonly checkIntervalMs: number;
  private readonly encoder: Encoder<T>;

  private constructor(directory: string, encoder: Encoder<T>, policy: RollingPolicy, checkIntervalMs: number) {
    this.directory = resolve(directory);
    this.encoder = encoder;
    this.rollingPolicy = policy;
    this.checkIntervalMs = checkIntervalMs;
    this.name = `FileSink(${this.directory})`;
  }

  /** One line per record; the encoder defaults to print()'s text. */
  static forRowFormat<T>(directory: string, encoder: Encoder<T> = formatValue): FileSink<T> {
    return new FileSink(directory, encoder, DEFAULT_ROLLING_POLICY, 1000);
  }

  withRollingPolicy(policy: Partial<RollingPolicy>): FileSink<T> {
    const merged = { ...this.rollingPolicy, ...policy };
    return new FileSink(this.directory, this.encoder, merged, Math.min(this.checkIntervalMs, merged.inactivityInterval, merged.rolloverInterval));
  }

  withCheckInterval(ms: number): FileSink<T> {
    return new FileSink(this.directory, this.encoder, this.rollingPolicy, ms);
  }

  async createWriter(context: SinkWriterContext): Promise<SinkWriter<T>> {
    await mkdir(this.directory, { recursive: true });
    const counter = await nextPartCounter(this.directory, context.subtaskIndex);
    return new FileSinkWriter(this.directory, context.subtaskIndex, counter, this.encoder, this.rollingPolicy, this.checkIntervalMs);
  }
}

/** Continues numbering after existing parts of this subtask, so a restart never overwrites. */
async function nextPartCounter(directory: string, subtask: number): Promise<number> {
  const pattern = new RegExp(`^\\.?part-${subtask}-(\\d+)(\\.inprogress)?$`);
  let next = 0;
  for (const name of await readdir(directory)) {
    const m = pattern.exec(name);
    if (m !== null) next = Math.max(next, Number(m[1]) + 1);
  }
  return next;
}

interface OpenPart {
  readonly handle: FileHandle;
  readonly inProgressPath: string;
  readonly finalPath: string;
  size: number;
  readonly createdAt: number;
  lastWriteAt: number;
}

class FileSinkWriter<T> implements SinkWriter<T> {
  private readonly directory: string;
  private readonly subtask: number;
  private counter: number;
  private readonly encoder: Encoder<T>;
  private readonly policy: RollingPolicy;
  private part: OpenPart | null = null;
  /** Serializes writes, rolls and flushes, including the ones the timer starts. */
  private chain: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(directory: string, subtask: number, counter: number, encoder: Encoder<T>, policy: RollingPolicy, checkIntervalMs: number) {
    this.directory = directory;
    this.subtask = subtask;
    this.counter = counter;
    this.encoder = encoder;
    this.policy = policy;
    this.timer = setInterval(() => {
      const part = this.part;
      if (part !== null && shouldRollOnTime(this.policy, part, Date.now())) void this.enqueue(() => this.rollIfStill(part));
    }, checkIntervalMs);
    // Time-based rolling must not keep an otherwise finished process alive.
    this.timer.unref();
  }

  write(values: readonly T[]): Promise<void> {
    if (values.length === 0) return this.chain;
    let text = '';
    for (let i = 0; i < values.length; i++) text += this.encoder(values[i] as T) + '\n';
    return this.enqueue(async () => {
      const part = this.part ?? (await this.openPart());
      const bytes = Buffer.from(text, 'utf8');
      await part.handle.write(bytes, 0, bytes.length);
      part.size += bytes.length;
      part.lastWriteAt = Date.now();
      if (shouldRollOnEvent(this.policy, part) || shouldRollOnTime(this.policy, part, part.lastWriteAt)) {
        await this.roll();
      }
    });
  }

  flush(endOfInput: boolean): Promise<void> {
    return this.enqueue(async () => {
      if (endOfInput) await this.roll();
      else if (this.part !== null) await this.part.handle.sync();
    });
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    // An unfinished part stays in progress, as in Flink: only a roll or end of input finishes it.
    return this.enqueue(async () => {
      const part = this.part;
      this.part = null;
      if (part !== null) await part.handle.close();
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task);
    // Later tasks still run after a failure; the failure goes to the caller of this one.
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async openPart(): Promise<OpenPart> {
    const name = `part-${this.subtask}-${this.counter}`;
    this.counter++;
    const inProgressPath = join(this.directory, `.${name}.inprogress`);
    const handle = await open(inProgressPath, 'w');
    const now = Date.now();
    this.part = { handle, inProgressPath, finalPath: join(this.directory, name), size: 0, createdAt: now, lastWriteAt: now };
    return this.part;
  }

  private async rollIfStill(part: OpenPart): Promise<void> {
    if (this.part === part) await this.roll();
  }

  /** Finishes the current part: durable, closed, renamed to its visible name. */
  private async roll(): Promise<void> {
    const part = this.part;
    if (part === null) return;
    this.part = null;
    await part.handle.sync();
    await part.handle.close();
    await rename(part.inProgressPath, part.finalPath);
  }
}
