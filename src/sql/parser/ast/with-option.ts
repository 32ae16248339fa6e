import type { Span } from './span.ts';

/**
 * One entry of `WITH (key = value, ...)` on CREATE TABLE/SOURCE/SINK/INDEX. Keys may be
 * written bare (`connector`, `fields.v1.kind`) or quoted (`'connector'`, Flink's style);
 * bare keys are folded to lower case, quoted ones kept. The value keeps its literal kind so
 * the connector can validate it (`'10'` and `10` differ).
 *
 * @example
 * WITH (connector = 'datagen', 'rows.per.second' = 10, strict = true)
 */
export interface WithOption {
  readonly key: string;
  readonly value: OptionValue;
  readonly span: Span;
}

export type OptionValue =
  | { readonly type: 'string'; readonly value: string }
  /** The number as written (`10`, `-1.5`, `1e3`), so no precision is lost. */
  | { readonly type: 'number'; readonly value: string }
  | { readonly type: 'boolean'; readonly value: boolean }
  /** A bare word such as `earliest`, folded to lower case. */
  | { readonly type: 'identifier'; readonly value: string };

/** `FORMAT PLAIN ENCODE JSON (k = v, ...)`, RisingWave's connector data format clause. */
export interface FormatClause {
  readonly format: string;
  readonly encode: string;
  readonly options: readonly WithOption[];
  readonly span: Span;
}
