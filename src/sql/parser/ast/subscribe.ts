import type { ObjectName } from './object-name.ts';
import type { EmbeddedQuery } from './query.ts';
import type { Span } from './span.ts';
import type { WithOption } from './with-option.ts';

/**
 * `SUBSCRIBE [TO] name | (query) [WITH (snapshot = false)]`: the rows of a relation or query,
 * then every change to them, as they happen (Materialize's SUBSCRIBE). It reaches the client
 * as rows of a query that does not end, inside `COPY (SUBSCRIBE ...) TO STDOUT`, or through
 * `DECLARE name CURSOR FOR SUBSCRIBE ...` and FETCH.
 */
export interface SubscribeStatement {
  readonly kind: 'subscribe';
  readonly target: { readonly name: ObjectName; readonly query: null } | { readonly name: null; readonly query: EmbeddedQuery };
  readonly with: readonly WithOption[];
  /** How the changes are sent: as rows, as COPY data, or held by a cursor of this name. */
  readonly transport: { readonly kind: 'rows' } | { readonly kind: 'copy' } | { readonly kind: 'cursor'; readonly name: string };
  readonly span: Span;
}
