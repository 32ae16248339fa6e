/**
 * Trees from PostgreSQL's own parser (libpg-query 17, PostgreSQL 17's raw grammar), typed by
 * `@pgsql/types`: each `Node` is an object with exactly one key naming the node type
 * (`{ SelectStmt: {...} }`, `{ ColumnRef: {...} }`, `{ A_Const: {...} }`), as in
 * PostgreSQL's `nodes/parsenodes.h`. They are raw parse trees: names are unresolved and
 * `int` already reads `pg_catalog.int4`, exactly as PostgreSQL's parser leaves them.
 *
 * Weir changes one thing: every `location` is a 0-based UTF-16 offset into the whole text
 * given to `parse` (PostgreSQL's are byte offsets into the string it parsed); -1 stays -1.
 * Treat them as immutable; the parser never shares one object between two statements.
 * @see https://github.com/pganalyze/libpg_query
 */
export type { Node as PgNode, TypeName as PgTypeName, RawStmt as PgRawStmt } from 'libpg-query';
