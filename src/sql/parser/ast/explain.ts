import type { Span } from './span.ts';
import type { Statement } from './statement.ts';

/**
 * One EXPLAIN option: `(VERBOSE)`, `(FORMAT JSON)`, `(ANALYZE false)`; also the legacy
 * `EXPLAIN ANALYZE VERBOSE` words. Names are lower-cased; `value` is null when omitted.
 */
export interface ExplainOption {
  readonly name: string;
  readonly value: string | null;
}

/**
 * `EXPLAIN [(option [value], ...)] statement`, where the statement is any statement Weir
 * parses (a query, CREATE MATERIALIZED VIEW, CREATE SINK, INSERT, ...).
 */
export interface ExplainStatement {
  readonly kind: 'explain';
  readonly options: readonly ExplainOption[];
  readonly statement: Statement;
  readonly span: Span;
}
