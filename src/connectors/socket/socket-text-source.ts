/**
 * Lines of text read from a TCP server, after Flink's socketTextStream: unbounded, a single
 * split read by subtask 0 only, records split on `delimiter` (a trailing '\r' is stripped
 * when the delimiter is '\n'), a partial line kept across chunks and emitted when the peer
 * closes. When the connection ends, the reader reconnects after 500 ms while it has retries
 * left (`maxRetries` = -1: forever), else the source ends. Sockets cannot replay: the
 * checkpointed split carries no position.
 *
 * @example
 * // nc -lk 9999
 * env.fromSource(new SocketTextSource('localhost', 9999), WatermarkStrategy.noWatermarks(), 'words');
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext, SourceSplit, SplitEnumerator } from '../source.ts';
import { Availability } from '../internal/availability.ts';

/** Flink's delay between reconnection attempts. */
const RETRY_DELAY_MS = 500;
/** Lines buffered before the socket is paused (backpressure towards the peer). */
const HIGH_WATER = 16_384;

export class SocketTextSource implements Source<string, SourceSplit> {
  readonly boundedness = 'unbounded';
  readonly name: string;
  /** One reader only: the API runs it at parallelism 1. */
  nonParallel = true;
  readonly host: string;
  readonly port: number;
  readonly delimiter: string;
  readonly maxRetries: number;

  constructor(host: string, port: number, delimiter = '\n', maxRetries = 0) {
    if (delimiter === '') throw new Error('SocketTextSource: the delimiter must not be empty');
    this.host = host;
    this.port = port;
    this.delimiter = delimiter;
    this.maxRetries = maxRetries;
    this.name = `Socket Stream(${host}:${port})`;
  }

  createEnumerator(): SplitEnumerator<SourceSplit> {
    return {
      assignSplits(subtaskIndex: number): SourceSplit[] {
        return subtaskIndex === 0 ? [{ splitId: 'socket' }] : [];
      },
    };
  }

  createReader(context: SourceReaderContext): SourceReader<string, SourceSplit> {
    return new SocketTextReader(this, context);
  }
}

class SocketTextReader implements SourceReader<string, SourceSplit> {
  private readonly source: SocketTextSource;
  private readonly batchSize: number;
  private readonly lines: string[] = [];
  private head = 0;
  private partial = '';
  private decoder = new StringDecoder('utf8');
  private socket: Socket | null = null;
  private assigned = false;
  private noMore = false;
  private connectionOver = false;
  private attempts = 0;
  private closed = false;
  private failure: Error | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly available = new Availability();

  constructor(source: SocketTextSource, context: SourceReaderContext) {
    this.source = source;
    this.batchSize = Math.max(1, context.batchSize);
  }

  start(): void {}

  addSplits(splits: readonly SourceSplit[]): void {
    if (splits.length === 0 || this.assigned) return;
    this.assigned = true;
    this.open();
  }

  noMoreSplits(): void {
    this.noMore = true;
    this.available.notify();
  }

  pollNext(output: ReaderOutput<string>): InputStatus {
    if (this.failure !== null) throw this.failure;
    const lines = this.lines;
    let emitted = 0;
    while (this.head < lines.length && emitted < this.batchSize) {
      output.collect(lines[this.head] as string);
      this.head++;
      emitted++;
    }
    if (this.head === lines.length) {
      lines.length = 0;
      this.head = 0;
      if (this.socket?.isPaused() === true) this.socket.resume();
    }
    if (emitted > 0) return 'more';
    if (!this.assigned) return this.noMore ? 'end' : 'nothing';
    return this.connectionOver ? 'end' : 'nothing';
  }

  isAvailable(): Promise<void> {
    if (this.failure !== null || this.head < this.lines.length) return Promise.resolve();
    if (this.assigned ? this.connectionOver : this.noMore) return Promise.resolve();
    return this.available.wait();
  }

  snapshotState(): SourceSplit[] {
    return this.assigned && !this.connectionOver ? [{ splitId: 'socket' }] : [];
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.socket?.destroy();
    this.socket = null;
  }

  private open(): void {
    const socket = connect({ host: this.source.host, port: this.source.port });
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.onText(this.decoder.write(chunk)));
    socket.on('error', (error: Error) => {
      // As Flink, a failed connection fails the source; a reset after data ends it like a close.
      this.failure ??= new Error(`socket ${this.source.host}:${this.source.port}: ${error.message}`, { cause: error });
      this.available.notify();
    });
    socket.on('close', () => this.onClose());
  }

  private onText(text: string): void {
    const delimiter = this.source.delimiter;
    let buffer = this.partial + text;
    let at = buffer.indexOf(delimiter);
    if (at >= 0) {
      let from = 0;
      while (at >= 0) {
        this.pushLine(buffer.slice(from, at));
        from = at + delimiter.length;
        at = buffer.indexOf(delimiter, from);
      }
      buffer = buffer.slice(from);
      this.available.notify();
    }
    this.partial = buffer;
    if (this.lines.length - this.head >= HIGH_WATER) this.socket?.pause();
  }

  private pushLine(line: string): void {
    const strip = this.source.delimiter === '\n' && line.endsWith('\r');
    this.lines.push(strip ? line.slice(0, -1) : line);
  }

  private onClose(): void {
    this.socket = null;
    this.onText(this.decoder.end());
    if (this.partial !== '') {
      this.pushLine(this.partial);
      this.partial = '';
    }
    this.decoder = new StringDecoder('utf8');
    if (this.closed || this.failure !== null) {
      this.available.notify();
      return;
    }
    this.attempts++;
    const retries = this.source.maxRetries;
    if (retries === -1 || this.attempts <= retries) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (!this.closed) this.open();
      }, RETRY_DELAY_MS);
    } else {
      this.connectionOver = true;
    }
    this.available.notify();
  }
}
