/**
 * The catalog: the schemas (pg_namespace), and every relation Weir knows (tables, sources,
 * views, materialized views, sinks, indexes) in one namespace per schema, as PostgreSQL's
 * pg_class is; functions in a namespace of their own per schema. Durable: each change
 * rewrites `catalog.json` in the data directory atomically (write, fsync, rename), so a
 * restart finds the same objects with the same oids.
 *
 * @example
 * const catalog = Catalog.open('/var/lib/weir');
 * catalog.createSchema('sales', 'weir', 'CREATE SCHEMA sales');
 * catalog.create({ kind: 'table', schema: 'sales', name: 't', columns: [...], ... });
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogError } from './catalog-error.ts';
import type { CatalogEntry, FunctionEntry, NewEntry, RelationEntry, RelationKind, SchemaEntry } from './entries.ts';
import { SqlState } from '../errors/index.ts';

/** PostgreSQL's FirstNormalObjectId: user objects get oids from here. */
const FIRST_USER_OID = 16384;
const FILE = 'catalog.json';
/** 2: the file lists the schemas (a version 1 file had only `public`, implied). */
const FORMAT_VERSION = 2;

/** `public` as a new database has it: PostgreSQL's oid 2200, owned by pg_database_owner (PostgreSQL 15). */
export const PUBLIC_SCHEMA: SchemaEntry = { oid: 2200, name: 'public', owner: 'pg_database_owner', createSql: '', createdAt: 0 };

interface CatalogFile {
  readonly version: number;
  readonly nextOid: number;
  /** Since version 2. */
  readonly schemas?: readonly SchemaEntry[];
  readonly entries: readonly CatalogEntry[];
}

export interface CreateOutcome {
  readonly entry: CatalogEntry;
  /** Set when IF NOT EXISTS found the name taken: PostgreSQL's notice text. */
  readonly notice?: string;
}

export interface DropOutcome {
  /** Dropped entries, dependents first (so their jobs stop before what they read). */
  readonly dropped: readonly CatalogEntry[];
  readonly notice?: string;
}

export interface DropOptions {
  readonly ifExists?: boolean;
  readonly cascade?: boolean;
  /** How an entry is named in PostgreSQL's DETAIL (`s.t` where the name alone would not find it); default: its name. */
  readonly label?: (e: CatalogEntry) => string;
}

const qualified = (schema: string, name: string): string => `${schema}.${name}`;
/** Functions live in their own namespace. */
const functionKey = (schema: string, name: string): string => `${schema}.${name}()`;
const keyOf = (e: { kind: string; schema: string; name: string }): string => (e.kind === 'function' ? functionKey(e.schema, e.name) : qualified(e.schema, e.name));

/** An entry's kind as PostgreSQL's getObjectDescription names it (a source is a foreign table). */
function describeKind(e: CatalogEntry): string {
  return e.kind === 'source' ? 'foreign table' : e.kind;
}

/** PostgreSQL's HINT for dropping an object with the wrong statement. */
function dropHint(kind: RelationKind): string {
  return `Use DROP ${kind.toUpperCase()} to remove a ${kind}.`;
}

export class Catalog {
  private readonly dir: string | null;
  private readonly byName = new Map<string, CatalogEntry>();
  private readonly byOid = new Map<number, CatalogEntry>();
  private readonly schemaByName = new Map<string, SchemaEntry>([[PUBLIC_SCHEMA.name, PUBLIC_SCHEMA]]);
  private nextOid = FIRST_USER_OID;

  private constructor(dir: string | null) {
    this.dir = dir;
  }

  /** Opens the catalog stored in `dataDir` (created when missing), or an in-memory one for null. */
  static open(dataDir: string | null): Catalog {
    const c = new Catalog(dataDir);
    if (dataDir !== null) {
      mkdirSync(dataDir, { recursive: true });
      const path = join(dataDir, FILE);
      if (existsSync(path)) {
        const file = JSON.parse(readFileSync(path, 'utf8')) as CatalogFile;
        if (file.version !== FORMAT_VERSION && file.version !== 1) {
          throw new Error(`${path}: catalog format ${file.version} is not supported by this Weir (expects ${FORMAT_VERSION})`);
        }
        c.nextOid = file.nextOid;
        if (file.version >= 2) c.setSchemas(file.schemas ?? []);
        for (const e of file.entries) c.index(e);
      }
    }
    return c;
  }

  /**
   * An in-memory copy of another catalog, from its entries and next oid (a statement running
   * on a slot plans against it). Never written to disk.
   */
  static replica(entries: readonly CatalogEntry[], nextOid: number, schemas: readonly SchemaEntry[] = [PUBLIC_SCHEMA]): Catalog {
    const c = new Catalog(null);
    c.nextOid = nextOid;
    c.setSchemas(schemas);
    for (const e of entries) c.index(e);
    return c;
  }

  private setSchemas(schemas: readonly SchemaEntry[]): void {
    this.schemaByName.clear();
    for (const s of schemas) this.schemaByName.set(s.name, s);
  }

  /** What {@link Catalog.replica} needs to copy this catalog. */
  get oidCounter(): number {
    return this.nextOid;
  }

  get(schema: string, name: string): RelationEntry | undefined {
    return this.byName.get(qualified(schema, name)) as RelationEntry | undefined;
  }

  /** The function `name` (CREATE FUNCTION), if any. */
  getFunction(schema: string, name: string): FunctionEntry | undefined {
    return this.byName.get(functionKey(schema, name)) as FunctionEntry | undefined;
  }

  getByOid(oid: number): CatalogEntry | undefined {
    return this.byOid.get(oid);
  }

  /** Entries in creation (oid) order, optionally of one kind. */
  list(kind?: RelationKind): CatalogEntry[] {
    const all = [...this.byOid.values()].sort((a, b) => a.oid - b.oid);
    return kind === undefined ? all : all.filter((e) => e.kind === kind);
  }

  /** The schema `name`, if it exists. */
  schema(name: string): SchemaEntry | undefined {
    return this.schemaByName.get(name);
  }

  schemaByOid(oid: number): SchemaEntry | undefined {
    for (const s of this.schemaByName.values()) if (s.oid === oid) return s;
    return undefined;
  }

  /** The schemas, in oid order (`public` first while it is the built-in one). */
  schemas(): SchemaEntry[] {
    return [...this.schemaByName.values()].sort((a, b) => a.oid - b.oid);
  }

  /** The entries of a schema, in oid order. */
  inSchema(schema: string): CatalogEntry[] {
    return this.list().filter((e) => e.schema === schema);
  }

  /** CREATE SCHEMA: 42P06 when the name is taken (a notice under IF NOT EXISTS). */
  createSchema(name: string, owner: string, createSql: string, ifNotExists = false): { readonly entry: SchemaEntry; readonly notice?: string } {
    const existing = this.schemaByName.get(name);
    if (existing !== undefined) {
      const message = `schema "${name}" already exists`;
      if (ifNotExists) return { entry: existing, notice: `${message}, skipping` };
      throw new CatalogError(SqlState.duplicateSchema, message);
    }
    const entry: SchemaEntry = { oid: this.nextOid++, name, owner, createSql, createdAt: Date.now() };
    this.schemaByName.set(name, entry);
    this.persist();
    return { entry };
  }

  /**
   * DROP SCHEMA: 3F000 when it does not exist (a notice under IF EXISTS). A schema that holds
   * objects is dropped only with `cascade` (else 2BP01), with everything in it and everything
   * elsewhere that depends on those; the dropped entries come dependents first.
   */
  dropSchema(name: string, options: DropOptions = {}): DropOutcome {
    const schema = this.schemaByName.get(name);
    if (schema === undefined) {
      const message = `schema "${name}" does not exist`;
      if (options.ifExists === true) return { dropped: [], notice: `${message}, skipping` };
      throw new CatalogError(SqlState.invalidSchemaName, message);
    }
    const label = options.label ?? ((e: CatalogEntry) => e.name);
    const members = this.inSchema(name);
    const seen = new Set<number>();
    const order: CatalogEntry[] = [];
    const detail: string[] = [];
    // As PostgreSQL reports them: each object of the schema, then what elsewhere depends on it.
    for (const m of members) {
      if (m.kind !== 'index') detail.push(`${describeKind(m)} ${label(m)} depends on schema ${name}`);
      const closure = this.dependencyClosure(m, seen);
      order.push(...closure.order);
      for (const [d, on] of closure.edges) if (d.schema !== name && d.kind !== 'index') detail.push(`${describeKind(d)} ${label(d)} depends on ${describeKind(on)} ${label(on)}`);
    }
    if (detail.length > 0 && options.cascade !== true) {
      throw new CatalogError(SqlState.dependentObjectsStillExist, `cannot drop schema ${name} because other objects depend on it`, {
        detail: detail.join('\n'),
        hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
      });
    }
    for (const d of order) {
      this.byName.delete(keyOf(d));
      this.byOid.delete(d.oid);
    }
    this.schemaByName.delete(name);
    this.persist();
    return { dropped: order };
  }

  /** ALTER SCHEMA ... RENAME TO: its objects move with it (3F000, 42P06 as in PostgreSQL). */
  renameSchema(from: string, to: string): SchemaEntry {
    const schema = this.schemaByName.get(from);
    if (schema === undefined) throw new CatalogError(SqlState.invalidSchemaName, `schema "${from}" does not exist`);
    if (this.schemaByName.has(to)) throw new CatalogError(SqlState.duplicateSchema, `schema "${to}" already exists`);
    const renamed: SchemaEntry = { ...schema, name: to };
    this.schemaByName.delete(from);
    this.schemaByName.set(to, renamed);
    for (const e of this.inSchema(from)) {
      this.byName.delete(keyOf(e));
      this.index({ ...e, schema: to });
    }
    this.persist();
    return renamed;
  }

  /** Entries that read from `oid` directly. */
  dependents(oid: number): CatalogEntry[] {
    return this.list().filter((e) => e.dependsOn.includes(oid));
  }

  create(entry: NewEntry, ifNotExists = false, replace = false): CreateOutcome {
    const existing = entry.kind === 'function' ? this.getFunction(entry.schema, entry.name) : this.get(entry.schema, entry.name);
    if (existing !== undefined && replace && existing.kind === entry.kind) {
      this.byName.delete(keyOf(existing));
      this.byOid.delete(existing.oid);
    } else if (existing !== undefined) {
      const message = entry.kind === 'function' ? `function "${entry.name}" already exists` : `relation "${entry.name}" already exists`;
      if (ifNotExists) return { entry: existing, notice: `${message}, skipping` };
      throw new CatalogError(SqlState.duplicateTable, message);
    }
    if (!this.schemaByName.has(entry.schema)) throw new CatalogError(SqlState.invalidSchemaName, `schema "${entry.schema}" does not exist`);
    for (const oid of entry.dependsOn) {
      if (!this.byOid.has(oid)) throw new Error(`internal error: dependency ${oid} of ${entry.name} is not in the catalog`);
    }
    const created = { ...entry, oid: this.nextOid++, createdAt: Date.now() } as CatalogEntry;
    this.index(created);
    this.persist();
    return { entry: created };
  }

  /**
   * Replaces an entry by a changed copy of it (ALTER TABLE), keeping its oid, creation time
   * and name.
   */
  update<E extends CatalogEntry>(entry: E): E {
    const existing = this.byOid.get(entry.oid);
    if (existing === undefined || keyOf(existing) !== keyOf(entry)) throw new Error(`internal error: ${entry.name} (oid ${entry.oid}) is not in the catalog under that name`);
    this.index(entry);
    this.persist();
    return entry;
  }

  /**
   * Drops a relation of the given kind, with its indexes. Without `cascade`, refuses when
   * other objects depend on it (2BP01); with it, drops them too.
   */
  drop(kind: RelationKind, schema: string, name: string, options: DropOptions = {}): DropOutcome {
    const e = kind === 'function' ? this.getFunction(schema, name) : this.get(schema, name);
    if (e === undefined) {
      const message = `${kind} "${name}" does not exist`;
      if (options.ifExists === true) return { dropped: [], notice: `${message}, skipping` };
      throw new CatalogError(kind === 'function' ? SqlState.undefinedFunction : SqlState.undefinedTable, message);
    }
    if (e.kind !== kind) throw new CatalogError(SqlState.wrongObjectType, `"${name}" is not a ${kind}`, { hint: dropHint(e.kind) });
    const { order, edges } = this.dependencyClosure(e);
    // As in PostgreSQL, a relation's indexes go with it without CASCADE.
    const blocking = edges.filter(([d]) => d.kind !== 'index');
    const label = options.label ?? ((x: CatalogEntry) => x.name);
    if (blocking.length > 0 && options.cascade !== true) {
      throw new CatalogError(SqlState.dependentObjectsStillExist, `cannot drop ${kind} ${label(e)} because other objects depend on it`, {
        detail: blocking.map(([d, on]) => `${d.kind} ${label(d)} depends on ${on.kind} ${label(on)}`).join('\n'),
        hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
      });
    }
    for (const d of order) {
      this.byName.delete(keyOf(d));
      this.byOid.delete(d.oid);
    }
    this.persist();
    return { dropped: order };
  }

  /**
   * `e` and everything that depends on it, transitively, dependents before what they read;
   * and each dependency found, as (dependent, what it depends on), for PostgreSQL's DETAIL.
   */
  private dependencyClosure(e: CatalogEntry, seen = new Set<number>()): { order: CatalogEntry[]; edges: Array<[CatalogEntry, CatalogEntry]> } {
    const order: CatalogEntry[] = [];
    const edges: Array<[CatalogEntry, CatalogEntry]> = [];
    const visit = (x: CatalogEntry): void => {
      if (seen.has(x.oid)) return;
      seen.add(x.oid);
      for (const d of this.dependents(x.oid)) {
        edges.push([d, x]);
        visit(d);
      }
      order.push(x);
    };
    visit(e);
    return { order, edges };
  }

  private index(e: CatalogEntry): void {
    this.byName.set(keyOf(e), e);
    this.byOid.set(e.oid, e);
  }

  private persist(): void {
    if (this.dir === null) return;
    const file: CatalogFile = { version: FORMAT_VERSION, nextOid: this.nextOid, schemas: this.schemas(), entries: this.list() };
    const tmp = join(this.dir, `${FILE}.tmp`);
    const fd = openSync(tmp, 'w');
    writeSync(fd, JSON.stringify(file, null, 1));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, join(this.dir, FILE));
  }
}
