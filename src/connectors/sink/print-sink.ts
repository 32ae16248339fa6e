/**
 * Prints records to stdout (or stderr) as Flink's print() does: `"<subtask+1>> value"` when
 * the sink runs in parallel, the bare value when it does not, `"prefix:<n>> "` (or
 * `"prefix> "` at parallelism 1) with a prefix. Each batch is one write.
 *
 * @example
 * stream.sinkTo(new PrintSink({ prefix: 'bids' })); // bids:2> {auction: 1000, price: 87}
 */
import type { Sink, SinkWriter, SinkWriterContext } from '../sink.ts';
import { formatValue } from './format-value.ts';

/** Where printed text goes: process.stdout/stderr, or any stream-like object. */
export interface TextTarget {
  write(text: string): unknown;
}

export interface PrintSinkOptions {
  /** Print to stderr instead of stdout. */
  stderr?: boolean;
  /** Identifier printed before each record (Flink's sinkIdentifier). */
  prefix?: string;
  /** Write here instead of stdout/stderr (e.g. to capture output in-process). */
  target?: TextTarget;
}

export class PrintSink<T> implements Sink<T> {
  readonly name = 'Print';
  private readonly options: PrintSinkOptions;

  constructor(options: PrintSinkOptions = {}) {
    this.options = options;
  }

  createWriter(context: SinkWriterContext): SinkWriter<T> {
    const target = this.options.target ?? (this.options.stderr === true ? process.stderr : process.stdout);
    return new PrintWriter<T>(target, printPrefix(this.options.prefix, context));
  }
}

/** Flink's PrintSinkOutputWriter prefix rules. */
export function printPrefix(identifier: string | undefined, context: Pick<SinkWriterContext, 'subtaskIndex' | 'parallelism'>): string {
  let prefix = identifier ?? '';
  if (context.parallelism > 1) {
    if (prefix !== '') prefix += ':';
    prefix += String(context.subtaskIndex + 1);
  }
  return prefix === '' ? '' : `${prefix}> `;
}

class PrintWriter<T> implements SinkWriter<T> {
  private readonly target: TextTarget;
  private readonly prefix: string;

  constructor(target: TextTarget, prefix: string) {
    this.target = target;
    this.prefix = prefix;
  }

  write(values: readonly T[]): void {
    if (values.length === 0) return;
    let text = '';
    for (let i = 0; i < values.length; i++) {
      text += this.prefix + formatValue(values[i]) + '\n';
    }
    this.target.write(text);
  }

  flush(): void {}

  close(): void {}
}
