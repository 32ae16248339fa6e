/**
 * What the catalog holds: plain, JSON-serializable entries, so the catalog can be stored,
 * shipped to another process and served back as rows of pg_catalog / information_schema.
 * Column types are kept as PostgreSQL's canonical type text (`format_type` output, e.g.
 * `numeric(10,2)`, `timestamp without time zone`): stable across versions of Weir's type
 * model and readable in the file.
 */

export type RelationKind = 'table' | 'source' | 'view' | 'materialized view' | 'sink' | 'index' | 'function';

export interface ColumnEntry {
  readonly name: string;
  /** Canonical PostgreSQL type text. */
  readonly type: string;
  readonly nullable: boolean;
  /** Default expression as SQL text, if any. */
  readonly defaultSql?: string;
  /** The DEFAULT expression as PostgreSQL's parse tree (JSON), evaluated at each INSERT. */
  readonly defaultExpr?: unknown;
  /** Generated column expression as SQL text (e.g. a source's computed event time). */
  readonly generatedSql?: string;
}

export interface WatermarkEntry {
  /** The event-time column. */
  readonly column: string;
  /** The watermark expression as SQL text, e.g. `ts - INTERVAL '5 seconds'`. */
  readonly expressionSql: string;
}

interface EntryBase {
  /** Stable object id, as PostgreSQL's (from 16384 up), kept across restarts. */
  readonly oid: number;
  readonly kind: RelationKind;
  /** The schema it lives in ({@link SchemaEntry}); an index lives in its table's. */
  readonly schema: string;
  readonly name: string;
  /** Objects this one reads from, by oid (a view's relations, an index's table). */
  readonly dependsOn: readonly number[];
  /** The statement that created it, as submitted (for SHOW CREATE and for replanning). */
  readonly createSql: string;
  /** Epoch ms. */
  readonly createdAt: number;
}

export interface TableEntry extends EntryBase {
  readonly kind: 'table';
  readonly columns: readonly ColumnEntry[];
  readonly primaryKey: readonly string[] | null;
  readonly appendOnly: boolean;
  readonly watermark: WatermarkEntry | null;
  /** Connector options of a table fed by a connector (`WITH (connector = ...)`); empty otherwise. */
  readonly options: Readonly<Record<string, string>>;
  /**
   * CHECK constraints, enforced on every INSERT, UPDATE and COPY; absent when there are none.
   * (UNIQUE constraints are indexes: {@link IndexEntry} with `constraint`.)
   */
  readonly checks?: readonly CheckEntry[];
}

/** `CONSTRAINT name CHECK (expr)` of a table. */
export interface CheckEntry {
  readonly name: string;
  /** The expression as PostgreSQL's pg_get_constraintdef(oid, true) prints it (`a > 0 AND b <> ''::text`). */
  readonly exprSql: string;
  /** As pg_get_constraintdef(oid) prints it, every operator in parentheses (`((a > 0) AND (b <> ''::text))`). */
  readonly exprSqlPlain: string;
  /** The expression as PostgreSQL's parse tree (JSON), bound against the table's columns when checked. */
  readonly expr: unknown;
  /** The columns it reads, by name (pg_constraint.conkey). */
  readonly columns: readonly string[];
}

export interface SourceEntry extends EntryBase {
  readonly kind: 'source';
  readonly columns: readonly ColumnEntry[];
  readonly watermark: WatermarkEntry | null;
  readonly options: Readonly<Record<string, string>>;
}

export interface ViewEntry extends EntryBase {
  readonly kind: 'view';
  readonly columns: readonly ColumnEntry[];
  /** The view's query as SQL text. */
  readonly querySql: string;
  /**
   * search_path when it was created, as SET gives it (`s, public`): its query's names resolve
   * along it whenever it is planned again. Absent: made before schemas, the default path.
   */
  readonly searchPath?: string;
}

export interface MaterializedViewEntry extends EntryBase {
  readonly kind: 'materialized view';
  readonly columns: readonly ColumnEntry[];
  readonly querySql: string;
  /**
   * search_path when it was created, as SET gives it (`s, public`): its query's names resolve
   * along it whenever it is planned again. Absent: made before schemas, the default path.
   */
  readonly searchPath?: string;
  /** Columns that identify a row of the result (the stream key), if the plan has one. */
  readonly primaryKey: readonly string[] | null;
  readonly emitOnWindowClose: boolean;
  /**
   * The parallelism its job runs at, when asked for (WITH (parallelism = n), or the session's
   * parallelism.default at CREATE); absent or null: the server's default when the job starts.
   */
  readonly parallelism?: number | null;
}

export interface SinkEntry extends EntryBase {
  readonly kind: 'sink';
  /** `FROM relation` or `AS query`, as SQL text of a query. */
  readonly querySql: string;
  /**
   * search_path when it was created, as SET gives it (`s, public`): its query's names resolve
   * along it whenever it is planned again. Absent: made before schemas, the default path.
   */
  readonly searchPath?: string;
  readonly options: Readonly<Record<string, string>>;
}

export interface IndexEntry extends EntryBase {
  readonly kind: 'index';
  readonly table: string;
  readonly columns: readonly string[];
  /** A unique index: writes that would give two rows the same key fail (23505). */
  readonly unique?: boolean;
  /** With `unique`: NULLs equal each other (PostgreSQL 15's NULLS NOT DISTINCT); else a NULL never conflicts. */
  readonly nullsNotDistinct?: boolean;
  /** The index of a table's UNIQUE constraint of the same name (pg_constraint contype 'u'): DROP INDEX refuses it. */
  readonly constraint?: boolean;
  /** Per column, DESC and NULLS FIRST/LAST as declared (null: the default); only shown (\d, pg_get_indexdef). */
  readonly order?: ReadonlyArray<{ readonly desc: boolean; readonly nullsFirst: boolean | null }>;
}

/**
 * `CREATE FUNCTION name(args) RETURNS type LANGUAGE sql AS 'SELECT expr'`: a scalar SQL
 * function, inlined where it is called (as PostgreSQL inlines simple SQL functions).
 * Functions have their own namespace: a function may share a relation's name.
 */
export interface FunctionEntry extends EntryBase {
  readonly kind: 'function';
  /** Parameter names (null when unnamed) and canonical type text. */
  readonly args: ReadonlyArray<{ readonly name: string | null; readonly type: string }>;
  readonly returns: string;
  readonly language: 'sql';
  /** The body: one query, `SELECT expr`. */
  readonly bodySql: string;
}

/**
 * A schema (CREATE SCHEMA): a namespace of relations and functions, as a row of PostgreSQL's
 * pg_namespace. `public` is one too (oid 2200, owned by `pg_database_owner` as in PostgreSQL
 * 15), so it can be dropped and created again; pg_catalog and information_schema are not
 * entries (they are computed, and cannot hold user objects).
 */
export interface SchemaEntry {
  readonly oid: number;
  readonly name: string;
  /** The role that owns it (AUTHORIZATION): `weir`, or `pg_database_owner` for the first `public`. */
  readonly owner: string;
  /** The statement that created it (empty for the built-in `public`). */
  readonly createSql: string;
  /** Epoch ms. */
  readonly createdAt: number;
}

export type CatalogEntry = TableEntry | SourceEntry | ViewEntry | MaterializedViewEntry | SinkEntry | IndexEntry | FunctionEntry;

/** What a name in FROM, DROP TABLE, ... can be: anything but a function. */
export type RelationEntry = Exclude<CatalogEntry, FunctionEntry>;

/** An entry as a caller describes it; the catalog assigns oid and creation time. */
export type NewEntry<E extends CatalogEntry = CatalogEntry> = E extends CatalogEntry ? Omit<E, 'oid' | 'createdAt'> : never;
