import type { Span } from './span.ts';

export type SetValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: string }
  /** A bare word (`on`, `true`, `utc`, `serial`), folded to lower case unless quoted with `"`. */
  | { readonly type: 'identifier'; readonly value: string };

/**
 * `SET [SESSION] name {= | TO} value [, ...]`, `SET name {= | TO} DEFAULT`,
 * `SET TIME ZONE value`, and Flink's `SET 'key' = 'value'`. Names are lower-cased
 * (quoted keys kept). Other SET forms (SET LOCAL, SET TRANSACTION, SET ROLE, SET SESSION
 * AUTHORIZATION/CHARACTERISTICS) are PostgreSQL statements.
 */
export interface SetStatement {
  readonly kind: 'set';
  readonly name: string;
  /** The values; null for DEFAULT. */
  readonly values: readonly SetValue[] | null;
  readonly span: Span;
}
