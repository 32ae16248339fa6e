/** The catalog: durable definitions of schemas, tables, sources, views, materialized views, sinks, indexes and functions. */
export { Catalog, PUBLIC_SCHEMA } from './catalog.ts';
export type { CreateOutcome, DropOptions, DropOutcome } from './catalog.ts';
export { CatalogError } from './catalog-error.ts';
export type * from './entries.ts';
