import type { ObjectName } from './object-name.ts';
import type { Span } from './span.ts';

/** `DESCRIBE name` / `DESC name`: the columns, keys and watermarks of a relation. */
export interface DescribeStatement {
  readonly kind: 'describe';
  readonly name: ObjectName;
  readonly span: Span;
}
