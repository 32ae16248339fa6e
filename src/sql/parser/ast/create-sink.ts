import type { ObjectName } from './object-name.ts';
import type { EmbeddedQuery } from './query.ts';
import type { Span } from './span.ts';
import type { FormatClause, WithOption } from './with-option.ts';

/**
 * `CREATE SINK [IF NOT EXISTS] name {FROM relation | AS query} WITH (connector = ...)
 * [FORMAT ... ENCODE ...]`: writes the changes of a relation or query to a connector.
 * Exactly one of `from` and `query` is set.
 */
export interface CreateSinkStatement {
  readonly kind: 'create_sink';
  readonly name: ObjectName;
  readonly ifNotExists: boolean;
  readonly from: ObjectName | null;
  readonly query: EmbeddedQuery | null;
  readonly with: readonly WithOption[];
  readonly format: FormatClause | null;
  readonly span: Span;
}
