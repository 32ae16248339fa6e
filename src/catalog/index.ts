/** The catalog: durable definitions of tables, sources, views, materialized views, sinks and indexes. */
export { Catalog } from './catalog.ts';
export type { CreateOutcome, DropOutcome } from './catalog.ts';
export { CatalogError } from './catalog-error.ts';
export type * from './entries.ts';
