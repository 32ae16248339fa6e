/** Shared helpers for window operator tests: records are [key, value] pairs. */
import { OperatorHarness } from '../../../src/runtime/testing/operator-harness.ts';
import { WindowOperator, type WindowOperatorOptions } from '../../../src/runtime/operators/window/index.ts';
import type { OperatorSnapshot } from '../../../src/runtime/operators/operator.ts';

export type Rec = [string, number];

export const NAME = 'Window(test)';
export const byKey = (r: unknown): unknown => (r as Rec)[0];
export const sumRec = (a: Rec, b: Rec): Rec => [a[0], a[1] + b[1]];

export async function windowHarness<IN, OUT, ACC, R>(
  options: WindowOperatorOptions<IN, OUT, ACC, R>,
  snapshot?: OperatorSnapshot,
): Promise<{ h: OperatorHarness; op: WindowOperator<IN, OUT, ACC, R> }> {
  const op = new WindowOperator(options);
  const h = new OperatorHarness(op, { keySelector: byKey, name: NAME });
  await h.open(snapshot ? [snapshot] : undefined);
  return { h, op };
}

/** Main-output records as [value, timestamp]. */
export function records(h: OperatorHarness): Array<[unknown, number]> {
  return h.output.flatMap((o) => (o.kind === 'record' ? [[o.value, o.timestamp] as [unknown, number]] : []));
}

/**
 * Records sorted by timestamp, then by their JSON text: timers due at the same time fire in
 * no particular key order, so tests compare same-time results as sets.
 */
export function sortedRecords(h: OperatorHarness): Array<[unknown, number]> {
  return records(h).sort((a, b) => a[1] - b[1] || JSON.stringify(a[0]).localeCompare(JSON.stringify(b[0])));
}

/** Drains the output: returns sorted records emitted since the last call. */
export function take(h: OperatorHarness): Array<[unknown, number]> {
  const r = sortedRecords(h);
  h.clearOutput();
  return r;
}

export type Step = { el: Rec; ts?: number } | { wm: number } | { pt: number };

export function drive(h: OperatorHarness, steps: readonly Step[]): void {
  for (const s of steps) {
    if ('el' in s) h.processElement(s.el, s.ts ?? NaN);
    else if ('wm' in s) h.processWatermark(s.wm);
    else h.setProcessingTime(s.pt);
  }
}
