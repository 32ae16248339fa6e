import type { Span } from './span.ts';

/** `RESET name`, `RESET 'key'`, `RESET ALL` or Flink's bare `RESET` (both: `name` null). */
export interface ResetStatement {
  readonly kind: 'reset';
  readonly name: string | null;
  readonly span: Span;
}
