import { mkdtempSync } from 'node:fs';
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
});
