/** StreamSource: the rows of a CREATE SOURCE's connector; a source only ever grows. */
import type { CatalogEntry } from '../../catalog/index.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import { ANY, type StreamProperties } from './stream-plan.ts';

export interface StreamSource extends StreamProperties {
  readonly kind: 'source';
  readonly relation: CatalogEntry;
}

export function streamSource(relation: CatalogEntry, schema: readonly ScopeColumn[]): StreamSource {
  return { kind: 'source', relation, schema, changelog: 'append-only', key: null, distribution: ANY };
}
