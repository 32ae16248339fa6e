import type { ColumnDefinition, PrimaryKey, WatermarkDefinition } from './column-definition.ts';
import type { ObjectName } from './object-name.ts';
import type { PgNode } from './pg-node.ts';
import type { Span } from './span.ts';
import type { FormatClause, WithOption } from './with-option.ts';

/**
 * `CREATE SOURCE [IF NOT EXISTS] name [(columns, WATERMARK FOR ...)] WITH (connector = ...)
 * [FORMAT ... ENCODE ...]`: an append-only stream read from a connector and not stored.
 *
 * @example
 * CREATE SOURCE bids (id int, ts timestamp, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
 *   WITH (connector = 'datagen', 'rows.per.second' = '100');
 */
export interface CreateSourceStatement {
  readonly kind: 'create_source';
  readonly name: ObjectName;
  readonly ifNotExists: boolean;
  readonly columns: readonly ColumnDefinition[];
  readonly primaryKey: PrimaryKey | null;
  readonly constraints: readonly PgNode[];
  readonly watermarks: readonly WatermarkDefinition[];
  readonly with: readonly WithOption[];
  readonly format: FormatClause | null;
  readonly span: Span;
}
