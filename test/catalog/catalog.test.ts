import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog, CatalogError, type NewEntry, type TableEntry } from '../../src/catalog/index.ts';

const table = (name: string): NewEntry<TableEntry> => ({
  kind: 'table',
  schema: 'public',
  name,
  columns: [
    { name: 'id', type: 'integer', nullable: false },
    { name: 'v', type: 'numeric(10,2)', nullable: true },
  ],
  primaryKey: ['id'],
  appendOnly: false,
  watermark: null,
  options: {},
  dependsOn: [],
  createSql: `CREATE TABLE ${name} (id int PRIMARY KEY, v numeric(10,2))`,
});

function mv(name: string, on: number[]) {
  return {
    kind: 'materialized view' as const,
    schema: 'public',
    name,
    columns: [{ name: 'n', type: 'bigint', nullable: true }],
    querySql: 'SELECT count(*) AS n FROM t',
    primaryKey: null,
    emitOnWindowClose: false,
    dependsOn: on,
    createSql: `CREATE MATERIALIZED VIEW ${name} AS SELECT count(*) AS n FROM t`,
  };
}

function errorOf(f: () => unknown): CatalogError {
  try {
    f();
  } catch (e) {
    if (e instanceof CatalogError) return e;
    throw e;
  }
  throw new Error('expected a CatalogError');
}

describe('Catalog', () => {
  it('creates relations with stable oids from 16384 and keeps them across a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-catalog-'));
    const c = Catalog.open(dir);
    const t = c.create(table('t')).entry;
    const m = c.create(mv('mv', [t.oid])).entry;
    expect([t.oid, m.oid]).toEqual([16384, 16385]);
    const again = Catalog.open(dir);
    expect(again.get('public', 't')).toEqual(t);
    expect(again.list().map((e) => e.name)).toEqual(['t', 'mv']);
    expect(again.create(table('u')).entry.oid).toBe(16386);
  });

  it('refuses a taken name with 42P07, or skips it with a notice under IF NOT EXISTS', () => {
    const c = Catalog.open(null);
    c.create(table('t'));
    const e = errorOf(() => c.create(table('t')));
    expect([e.sqlState, e.message]).toEqual(['42P07', 'relation "t" already exists']);
    expect(c.create(table('t'), true).notice).toBe('relation "t" already exists, skipping');
  });

  it('drops with PostgreSQL errors: missing (42P01), wrong kind (42809), dependents (2BP01), and CASCADE', () => {
    const c = Catalog.open(null);
    const t = c.create(table('t')).entry;
    const m1 = c.create(mv('mv1', [t.oid])).entry;
    c.create(mv('mv2', [m1.oid]));
    expect(errorOf(() => c.drop('table', 'public', 'nope')).sqlState).toBe('42P01');
    expect(c.drop('table', 'public', 'nope', { ifExists: true }).notice).toBe('table "nope" does not exist, skipping');
    const wrong = errorOf(() => c.drop('materialized view', 'public', 't'));
    expect([wrong.sqlState, wrong.message, wrong.hint]).toEqual(['42809', '"t" is not a materialized view', 'Use DROP TABLE to remove a table.']);
    const dep = errorOf(() => c.drop('table', 'public', 't'));
    expect(dep.sqlState).toBe('2BP01');
    expect(dep.message).toBe('cannot drop table t because other objects depend on it');
    expect(dep.detail).toBe('materialized view mv1 depends on table t\nmaterialized view mv2 depends on materialized view mv1');
    const { dropped } = c.drop('table', 'public', 't', { cascade: true });
    expect(dropped.map((d) => d.name)).toEqual(['mv2', 'mv1', 't']);
    expect(c.list()).toEqual([]);
  });

  it('drops a table with its indexes without CASCADE, as PostgreSQL does, but not past a view', () => {
    const c = Catalog.open(null);
    const t = c.create(table('t')).entry;
    const index = (name: string): NewEntry => ({ kind: 'index', schema: 'public', name, table: 't', columns: ['v'], dependsOn: [t.oid], createSql: `CREATE INDEX ${name} ON t(v)` });
    c.create(index('i1'));
    c.create(index('i2'));
    const m = c.create(mv('mv', [t.oid])).entry;
    const dep = errorOf(() => c.drop('table', 'public', 't'));
    expect([dep.sqlState, dep.detail]).toEqual(['2BP01', 'materialized view mv depends on table t']);
    c.drop('materialized view', 'public', m.name);
    const { dropped } = c.drop('table', 'public', 't');
    expect(dropped.map((d) => d.name).sort()).toEqual(['i1', 'i2', 't']);
    expect(c.list()).toEqual([]);
  });

  it('keeps schemas: public (oid 2200) from the start, others made, renamed and dropped, across a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-catalog-'));
    const c = Catalog.open(dir);
    expect(c.schemas().map((s) => [s.oid, s.name, s.owner])).toEqual([[2200, 'public', 'pg_database_owner']]);
    const s = c.createSchema('s', 'weir', 'CREATE SCHEMA s').entry;
    expect(s.oid).toBe(16384);
    expect(errorOf(() => c.createSchema('s', 'weir', '')).sqlState).toBe('42P06');
    expect(c.createSchema('s', 'weir', '', true).notice).toBe('schema "s" already exists, skipping');
    expect(errorOf(() => c.create({ ...table('t'), schema: 'nope' })).sqlState).toBe('3F000');
    const t = c.create({ ...table('t'), schema: 's' }).entry;
    c.create(table('t'));
    expect(c.get('s', 't')?.oid).toBe(t.oid);
    c.renameSchema('s', 'r');
    const again = Catalog.open(dir);
    expect(again.schemas().map((x) => x.name)).toEqual(['public', 'r']);
    expect(again.get('r', 't')?.oid).toBe(t.oid);
    expect(again.get('s', 't')).toBeUndefined();
    expect(again.inSchema('r').map((e) => e.name)).toEqual(['t']);
  });

  it('drops a schema: 3F000 when missing, 2BP01 while it holds objects, everything in it (and what depends on that) with CASCADE', () => {
    const c = Catalog.open(null);
    c.createSchema('s', 'weir', '');
    expect(errorOf(() => c.dropSchema('nope')).sqlState).toBe('3F000');
    expect(c.dropSchema('nope', { ifExists: true }).notice).toBe('schema "nope" does not exist, skipping');
    const t = c.create({ ...table('t'), schema: 's' }).entry;
    c.create({ kind: 'index', schema: 's', name: 'i', table: 't', columns: ['v'], dependsOn: [t.oid], createSql: '' });
    const outside = c.create(mv('outside', [t.oid])).entry;
    const label = (e: { schema: string; name: string }): string => (e.schema === 'public' ? e.name : `${e.schema}.${e.name}`);
    const dep = errorOf(() => c.dropSchema('s', { label }));
    expect([dep.sqlState, dep.message, dep.detail]).toEqual([
      '2BP01', 'cannot drop schema s because other objects depend on it', 'table s.t depends on schema s\nmaterialized view outside depends on table s.t',
    ]);
    const { dropped } = c.dropSchema('s', { cascade: true });
    expect(dropped.map((d) => d.name).sort()).toEqual(['i', 'outside', 't']);
    expect(c.getByOid(outside.oid)).toBeUndefined();
    expect(c.schema('s')).toBeUndefined();
    expect(c.dropSchema('public').dropped).toEqual([]);
    expect(errorOf(() => c.create(table('u'))).sqlState).toBe('3F000');
  });

  it('reads a version 1 file (from before schemas) as one with public only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-catalog-'));
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify({ version: 1, nextOid: 16385, entries: [{ ...table('t'), oid: 16384, createdAt: 0 }] }));
    const c = Catalog.open(dir);
    expect(c.schemas().map((s) => s.name)).toEqual(['public']);
    expect(c.get('public', 't')?.oid).toBe(16384);
    expect(c.createSchema('s', 'weir', '').entry.oid).toBe(16385);
  });
});
