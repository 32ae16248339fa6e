/**
 * The input side of a task: all channels feeding it, grouped by logical input (0, or 0/1
 * for two-input operators). The gate turns per-channel control elements into per-input
 * events: the watermark of an input is the minimum over its channels that are not idle
 * (a finished channel counts with its final watermark), the input is idle when all its
 * channels are, and it ends when all its channels have ended.
 */
import { Batch } from '../batch.ts';
import type { StreamElement } from '../elements.ts';
import type { LocalChannel } from './channel.ts';

export type GateEvent =
  | { readonly kind: 'batch'; readonly input: number; readonly batch: Batch }
  | { readonly kind: 'watermark'; readonly input: number; readonly timestamp: number }
  | { readonly kind: 'status'; readonly input: number; readonly idle: boolean }
  | { readonly kind: 'end'; readonly input: number };

interface ChannelState {
  readonly channel: LocalChannel;
  readonly input: number;
  watermark: number;
  idle: boolean;
  ended: boolean;
}

interface InputState {
  readonly channels: ChannelState[];
  watermark: number;
  idle: boolean;
  ended: boolean;
}

export class InputGate {
  private readonly channels: ChannelState[];
  private readonly inputs: InputState[];
  private next = 0;
  private openInputs: number;
  /** Set by the task: called when any channel receives data. */
  onData: () => void = () => {};

  constructor(channels: ReadonlyArray<{ channel: LocalChannel; input: number }>, numInputs: number) {
    this.inputs = [];
    for (let i = 0; i < numInputs; i++) {
      this.inputs.push({ channels: [], watermark: Number.NEGATIVE_INFINITY, idle: false, ended: false });
    }
    this.channels = channels.map(({ channel, input }) => {
      const st: ChannelState = { channel, input, watermark: Number.NEGATIVE_INFINITY, idle: false, ended: false };
      channel.onData = () => this.onData();
      (this.inputs[input] as InputState).channels.push(st);
      return st;
    });
    this.openInputs = numInputs;
    // An input with no channels (nothing upstream) has ended before it began.
    for (const inp of this.inputs) if (inp.channels.length === 0) this.endInputState(inp);
  }

  get finished(): boolean {
    return this.openInputs === 0;
  }

  /** Control events derived from channel elements, waiting to be handed out in order. */
  private readonly pending: GateEvent[] = [];

  /**
   * The next event, or null when no channel has anything right now. With `only`, the
   * operator wants that input first: the other inputs' channels are left to fill, which
   * holds back their producers (backpressure), until `only` has ended. Control events
   * already derived are handed out whatever their input.
   */
  poll(only: number | null = null): GateEvent | null {
    const queued = this.pending.shift();
    if (queued !== undefined) return queued;
    const n = this.channels.length;
    const select = only !== null && !(this.inputs[only] as InputState).ended;
    for (let tries = 0; tries < n; tries++) {
      const st = this.channels[this.next] as ChannelState;
      this.next = this.next + 1 === n ? 0 : this.next + 1;
      if (select && st.input !== only) continue;
      const el = st.channel.poll();
      if (el === undefined) continue;
      if (el instanceof Batch) return { kind: 'batch', input: st.input, batch: el };
      this.handleControl(st, el);
      const ev = this.pending.shift();
      if (ev !== undefined) return ev;
      tries = -1; // the control element was absorbed; scan all channels again
    }
    return null;
  }

  private handleControl(st: ChannelState, el: Exclude<StreamElement, Batch>): void {
    const inp = this.inputs[st.input] as InputState;
    switch (el.kind) {
      case 'watermark':
        st.watermark = el.timestamp;
        st.idle = false;
        this.recomputeStatus(inp, st.input);
        this.recompute(inp, st.input);
        return;
      case 'status':
        st.idle = el.idle;
        this.recomputeStatus(inp, st.input);
        this.recompute(inp, st.input);
        return;
      case 'end':
        st.ended = true;
        if (inp.channels.every((c) => c.ended)) {
          this.endInputState(inp);
          this.pending.push({ kind: 'end', input: st.input });
        } else {
          this.recompute(inp, st.input);
        }
        return;
    }
  }

  private endInputState(inp: InputState): void {
    if (inp.ended) return;
    inp.ended = true;
    this.openInputs--;
  }

  private recompute(inp: InputState, input: number): void {
    let min = Number.POSITIVE_INFINITY;
    let active = 0;
    // A finished channel keeps its last watermark (+∞ from a bounded source) and counts as
    // active, as in Flink's StatusWatermarkValve: it never holds event time back.
    for (const c of inp.channels) {
      if (c.idle) continue;
      active++;
      if (c.watermark < min) min = c.watermark;
    }
    if (active === 0 || min <= inp.watermark) return;
    inp.watermark = min;
    this.pending.push({ kind: 'watermark', input, timestamp: min });
  }

  private recomputeStatus(inp: InputState, input: number): void {
    const idle = inp.channels.every((c) => c.idle && !c.ended);
    if (idle === inp.idle) return;
    inp.idle = idle;
    this.pending.push({ kind: 'status', input, idle });
  }

  /** True when no channel holds an element and no derived event waits to be handed out. */
  isEmpty(): boolean {
    if (this.pending.length > 0) return false;
    for (const st of this.channels) if (st.channel.size > 0) return false;
    return true;
  }

  /** Releases upstream writers: this task is gone. */
  close(): void {
    for (const st of this.channels) st.channel.close();
  }
}
