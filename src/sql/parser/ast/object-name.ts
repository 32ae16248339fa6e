import type { Span } from './span.ts';

/**
 * A possibly qualified name (`mv`, `public.mv`, `"Mixed Case"`). Unquoted parts are folded
 * to lower case as PostgreSQL does; quoted parts are kept exactly.
 */
export interface ObjectName {
  readonly parts: readonly string[];
  readonly span: Span;
}

/** A single identifier with its span. */
export interface Identifier {
  readonly name: string;
  readonly span: Span;
}
