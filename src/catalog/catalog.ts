/**
 * The catalog: every relation Weir knows (tables, sources, views, materialized views,
 * sinks, indexes) in one namespace per schema, as PostgreSQL's pg_class is. Durable: each
 * change rewrites `catalog.json` in the data directory atomically (write, fsync, rename),
 * so a restart finds the same objects with the same oids.
 *
 * @example
 * const catalog = Catalog.open('/var/lib/weir');
 * catalog.create({ kind: 'table', schema: 'public', name: 't', columns: [...], ... });
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogError } from './catalog-error.ts';
import type { CatalogEntry, FunctionEntry, NewEntry, RelationEntry, RelationKind } from './entries.ts';

/** PostgreSQL's FirstNormalObjectId: user objects get oids from here. */
const FIRST_USER_OID = 16384;
const FILE = 'catalog.json';
const FORMAT_VERSION = 1;

interface CatalogFile {
  readonly version: number;
  readonly nextOid: number;
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

const qualified = (schema: string, name: string): string => `${schema}.${name}`;
/** Functions live in their own namespace. */
const functionKey = (schema: string, name: string): string => `${schema}.${name}()`;
const keyOf = (e: { kind: string; schema: string; name: string }): string => (e.kind === 'function' ? functionKey(e.schema, e.name) : qualified(e.schema, e.name));

/** PostgreSQL's HINT for dropping an object with the wrong statement. */
function dropHint(kind: RelationKind): string {
  return `Use DROP ${kind.toUpperCase()} to remove a ${kind}.`;
}

export class Catalog {
  private readonly dir: string | null;
  private readonly byName = new Map<string, CatalogEntry>();
  private readonly byOid = new Map<number, CatalogEntry>();
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
        if (file.version !== FORMAT_VERSION) {
          throw new Error(`${path}: catalog format ${file.version} is not supported by this Weir (expects ${FORMAT_VERSION})`);
        }
        c.nextOid = file.nextOid;
        for (const e of file.entries) c.index(e);
      }
    }
    return c;
  }

  /**
   * An in-memory copy of another catalog, from its entries and next oid (a statement running
   * on a slot plans against it). Never written to disk.
   */
  static replica(entries: readonly CatalogEntry[], nextOid: number): Catalog {
    const c = new Catalog(null);
    c.nextOid = nextOid;
    for (const e of entries) c.index(e);
    return c;
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
      throw new CatalogError('42P07', message);
    }
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
  drop(kind: RelationKind, schema: string, name: string, options: { ifExists?: boolean; cascade?: boolean } = {}): DropOutcome {
    const e = kind === 'function' ? this.getFunction(schema, name) : this.get(schema, name);
    if (e === undefined) {
      const message = `${kind} "${name}" does not exist`;
      if (options.ifExists === true) return { dropped: [], notice: `${message}, skipping` };
      throw new CatalogError(kind === 'function' ? '42883' : '42P01', message);
    }
    if (e.kind !== kind) throw new CatalogError('42809', `"${name}" is not a ${kind}`, { hint: dropHint(e.kind) });
    const { order, edges } = this.dependencyClosure(e);
    // As in PostgreSQL, a relation's indexes go with it without CASCADE.
    const blocking = edges.filter(([d]) => d.kind !== 'index');
    if (blocking.length > 0 && options.cascade !== true) {
      throw new CatalogError('2BP01', `cannot drop ${kind} ${name} because other objects depend on it`, {
        detail: blocking.map(([d, on]) => `${d.kind} ${d.name} depends on ${on.kind} ${on.name}`).join('\n'),
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
  private dependencyClosure(e: CatalogEntry): { order: CatalogEntry[]; edges: Array<[CatalogEntry, CatalogEntry]> } {
    const seen = new Set<number>();
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
    const file: CatalogFile = { version: FORMAT_VERSION, nextOid: this.nextOid, entries: this.list() };
    const tmp = join(this.dir, `${FILE}.tmp`);
    const fd = openSync(tmp, 'w');
    writeSync(fd, JSON.stringify(file, null, 1));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, join(this.dir, FILE));
  }
}
