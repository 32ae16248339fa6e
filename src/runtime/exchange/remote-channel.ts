/**
 * Channels between subtasks on different threads of one TaskManager (slots on worker
 * threads). Each side is a LocalChannel to its task, so RecordWriter and InputGate work
 * unchanged: the producer's {@link RemoteOutputChannel} sends elements over a MessagePort,
 * the consumer's {@link RemoteInputChannel} queues them for its gate.
 *
 * Flow control is credit-based (Flink's credit-based network stack): the producer starts
 * with `capacity` credits, spends one per element and is full when it has none; the
 * consumer grants a credit back for each element its task polls. So at most capacity
 * elements (plus the overfill of one input element, as with LocalChannel) are in flight or
 * queued per channel, however slow the consumer.
 *
 * One {@link PortMux} per pair of threads carries all channels between them, both
 * directions, tagged by channel id. Batches cross by structured clone of their columns
 * (values, timestamps, kinds); control elements travel in the same frame stream, so
 * watermarks, idleness and end of input stay in order with batches.
 */
import type { MessagePort } from 'node:worker_threads';
import { Batch } from '../batch.ts';
import { ACTIVE, END_OF_INPUT, IDLE, watermark, type StreamElement } from '../elements.ts';
import { LocalChannel } from './channel.ts';
import { fromColumns, toColumns, type ColumnBatch } from './column-codec.ts';

const BATCH = 0;
const WATERMARK = 1;
const STATUS = 2;
const END = 3;
const CREDIT = 4;
const CLOSE = 5;
/** A batch whose rows travel as columns (column-codec.ts). */
const COLUMNS = 6;

/** One message item: [kind, channel id, ...payload]. Arrays clone cheaper than objects. */
type Frame = readonly [number, number, ...unknown[]];

export interface PortMuxOptions {
  /**
   * Puts back, in place, what structured clone does not keep in a batch's values (class
   * prototypes, for instance): the job's own codec, since only it knows its values.
   */
  readonly reviveValues?: (values: unknown[]) => void;
}

export class PortMux {
  private readonly port: MessagePort;
  private readonly reviveValues: ((values: unknown[]) => void) | null;
  /** Data frames (batches, watermarks, status, end) sent and received: quiescence detection. */
  framesSent = 0;
  framesReceived = 0;
  private readonly outputs = new Map<number, RemoteOutputChannel>();
  private readonly inputs = new Map<number, RemoteInputChannel>();
  private pending: Frame[] = [];
  /** Buffers of the pending frames' typed columns, moved rather than copied. */
  private transfer: ArrayBuffer[] = [];
  private readonly credits = new Map<number, number>();
  private flushScheduled = false;

  constructor(port: MessagePort, options: PortMuxOptions = {}) {
    this.port = port;
    this.reviveValues = options.reviveValues ?? null;
  }

  private readonly receive = (frames: Frame[]): void => {
    for (const f of frames) this.dispatch(f);
  };

  /** Starts receiving; call once every channel on this port exists. */
  start(): void {
    this.port.on('message', this.receive);
  }

  /** Lets the thread end although the port is open (after its tasks are done). */
  unref(): void {
    this.port.unref();
  }

  /**
   * After the job on this side has ended: stops receiving, and lets the thread end although
   * the port is open. An open port with a listener is a global handle, so the listener would
   * keep this mux, its channels and through them the ended job's tasks and state alive for
   * as long as the thread lives (a view slot thread runs many views, one after another). The
   * port itself stays open: frames this side sent may still be on their way to the other.
   */
  release(): void {
    this.port.off('message', this.receive);
    this.port.unref();
  }

  register(ch: RemoteOutputChannel | RemoteInputChannel): void {
    if (ch instanceof RemoteOutputChannel) this.outputs.set(ch.id, ch);
    else this.inputs.set(ch.id, ch);
  }

  /** Every output channel of this port: cancel releases their waiting writers. */
  closeOutputs(): void {
    for (const o of this.outputs.values()) o.close();
  }

  /** Stops receiving and closes the port (the job on this side has ended). */
  close(): void {
    this.port.close();
  }

  /** A batch, as columns where its values are rows. */
  sendBatch(id: number, b: Batch): void {
    const columns = toColumns(b.values, this.transfer);
    this.send(columns === null ? [BATCH, id, b.values, b.timestamps, b.kinds] : [COLUMNS, id, columns, b.timestamps, b.kinds]);
  }

  send(frame: Frame): void {
    if (frame[0] !== CLOSE) this.framesSent++;
    this.pending.push(frame);
    this.schedule();
  }

  grant(id: number): void {
    this.credits.set(id, (this.credits.get(id) ?? 0) + 1);
    this.schedule();
  }

  /**
   * Frames produced while a task handles one element leave together in one postMessage, at
   * the end of the current microtask run (the task awaits after every element).
   */
  private schedule(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    let frames = this.pending;
    if (this.credits.size > 0) {
      const grants: Frame[] = [];
      for (const [id, n] of this.credits) grants.push([CREDIT, id, n]);
      this.credits.clear();
      frames = grants.concat(frames);
    }
    if (frames.length === 0) return;
    this.pending = [];
    const transfer = this.transfer;
    this.transfer = [];
    this.port.postMessage(frames, transfer);
  }

  private dispatch(f: Frame): void {
    const [kind, id] = f;
    if (kind === CREDIT) return this.outputs.get(id)?.addCredit(f[2] as number);
    if (kind === CLOSE) return this.outputs.get(id)?.close();
    const ch = this.inputs.get(id);
    if (ch === undefined) throw new Error(`frame for unknown channel ${id}`);
    this.framesReceived++;
    if (kind === COLUMNS) {
      const columns = f[2] as ColumnBatch;
      const values = fromColumns(columns);
      // Typed columns hold numbers and bigints only: nothing to put back in them.
      if (this.reviveValues !== null && columns.columns.some((c) => Array.isArray(c))) this.reviveValues(values);
      return ch.receive(new Batch(values, f[3] as number[] | null, f[4] as number[] | null));
    }
    if (kind === BATCH && this.reviveValues !== null) this.reviveValues(f[2] as unknown[]);
    ch.receive(decode(f));
  }
}

function encode(id: number, el: StreamElement): Frame {
  if (el instanceof Batch) return [BATCH, id, el.values, el.timestamps, el.kinds];
  switch (el.kind) {
    case 'watermark':
      return [WATERMARK, id, el.timestamp];
    case 'status':
      return [STATUS, id, el.idle];
    case 'end':
      return [END, id];
  }
}

function decode(f: Frame): StreamElement {
  switch (f[0]) {
    case BATCH:
      return new Batch(f[2] as unknown[], f[3] as number[] | null, f[4] as number[] | null);
    case WATERMARK:
      return watermark(f[2] as number);
    case STATUS:
      return f[2] === true ? IDLE : ACTIVE;
    default:
      return END_OF_INPUT;
  }
}

/** The producer's end: sends while it has credit. */
export class RemoteOutputChannel extends LocalChannel {
  readonly id: number;
  private readonly mux: PortMux;
  private credit: number;
  private readonly window: number;
  private waiting: (() => void) | null = null;

  constructor(mux: PortMux, id: number, capacity: number) {
    super(capacity);
    this.mux = mux;
    this.id = id;
    this.credit = capacity;
    this.window = capacity;
    mux.register(this);
  }

  /** Elements sent and not yet taken by the consumer. */
  override get size(): number {
    return this.window - this.credit;
  }

  override push(element: StreamElement): void {
    if (this.closed) return;
    this.credit--;
    if (element instanceof Batch) this.mux.sendBatch(this.id, element);
    else this.mux.send(encode(this.id, element));
  }

  override poll(): StreamElement | undefined {
    return undefined;
  }

  override isFull(): boolean {
    return this.credit <= 0 && !this.closed;
  }

  override writable(): Promise<void> {
    if (!this.isFull()) return Promise.resolve();
    return new Promise((resolve) => {
      const prev = this.waiting;
      this.waiting = () => {
        prev?.();
        resolve();
      };
    });
  }

  addCredit(n: number): void {
    this.credit += n;
    if (this.credit > 0) this.release();
  }

  override close(): void {
    this.closed = true;
    this.release();
  }

  private release(): void {
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }
}

/** The consumer's end: queues what arrives and grants a credit per element polled. */
export class RemoteInputChannel extends LocalChannel {
  readonly id: number;
  private readonly mux: PortMux;
  /** The most elements ever queued here: evidence that credits bound memory. */
  maxQueued = 0;

  constructor(mux: PortMux, id: number, capacity: number) {
    super(capacity);
    this.mux = mux;
    this.id = id;
    mux.register(this);
  }

  receive(element: StreamElement): void {
    this.enqueue(element);
    if (this.size > this.maxQueued) this.maxQueued = this.size;
  }

  override poll(): StreamElement | undefined {
    const el = super.poll();
    if (el !== undefined && !this.closed) this.mux.grant(this.id);
    return el;
  }

  /** The consuming task is gone: the producer stops waiting and sending. */
  override close(): void {
    if (!this.closed) this.mux.send([CLOSE, this.id]);
    super.close();
  }
}
