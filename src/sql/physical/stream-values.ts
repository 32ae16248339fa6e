/** StreamValues: constant rows (VALUES, or a FROM-less SELECT). */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import { ANY, type StreamProperties } from './stream-plan.ts';

export interface StreamValues extends StreamProperties {
  readonly kind: 'values';
  readonly rows: ReadonlyArray<readonly BoundExpr[]>;
}

export function streamValues(rows: ReadonlyArray<readonly BoundExpr[]>, schema: readonly ScopeColumn[]): StreamValues {
  return { kind: 'values', rows, schema, changelog: 'append-only', key: null, distribution: ANY };
}
