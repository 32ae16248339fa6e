import type { Span } from './span.ts';

/** `FLUSH`: returns once every change committed before it is reflected in every materialized view. */
export interface FlushStatement {
  readonly kind: 'flush';
  readonly span: Span;
}
