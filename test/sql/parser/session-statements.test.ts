import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/sql/parser/index.ts';
import { one } from './helpers.ts';

describe('DROP', () => {
  it.each([
    ['drop table t', 'table'],
    ['drop source s', 'source'],
    ['drop view v', 'view'],
    ['drop materialized view mv', 'materialized_view'],
    ['drop sink s', 'sink'],
    ['drop index i', 'index'],
  ] as const)('%s', (sql, objectType) => {
    const d = one(sql, 'drop');
    expect(d).toMatchObject({ objectType, ifExists: false, cascade: false });
  });

  it('reads IF EXISTS, several names and CASCADE', () => {
    const d = one('DROP MATERIALIZED VIEW IF EXISTS a, public."B" CASCADE', 'drop');
    expect(d.ifExists).toBe(true);
    expect(d.cascade).toBe(true);
    expect(d.names.map((n) => n.parts)).toEqual([['a'], ['public', 'B']]);
  });

  it('leaves other DROPs to PostgreSQL', () => {
    expect(one('drop schema s cascade', 'pg').type).toBe('DropStmt');
  });
});

describe('SHOW', () => {
  it.each([
    ['show tables', { type: 'objects', objectType: 'tables', from: null, like: null }],
    ['show sources', { type: 'objects', objectType: 'sources' }],
    ['SHOW MATERIALIZED VIEWS', { type: 'objects', objectType: 'materialized_views' }],
    ['show sinks', { type: 'objects', objectType: 'sinks' }],
    ['show jobs', { type: 'objects', objectType: 'jobs' }],
    ["show tables from public like 't%'", { type: 'objects', objectType: 'tables', from: { parts: ['public'] }, like: 't%' }],
    ['show columns from t', { type: 'columns', from: { parts: ['t'] } }],
    ['show parameters', { type: 'parameters' }],
    ['show create materialized view mv', { type: 'create', objectType: 'materialized_view', name: { parts: ['mv'] } }],
    ['show search_path', { type: 'variable', name: 'search_path' }],
    ['SHOW ALL', { type: 'variable', name: 'all' }],
    ['show time zone', { type: 'variable', name: 'timezone' }],
    ['show transaction isolation level', { type: 'variable', name: 'transaction_isolation' }],
  ] as const)('%s', (sql, target) => {
    expect(one(sql, 'show').target).toMatchObject(target);
  });
});

describe('SET and RESET', () => {
  it.each([
    ['set streaming_parallelism = 4', 'streaming_parallelism', [{ type: 'number', value: '4' }]],
    ['SET RW_IMPLICIT_FLUSH TO true', 'rw_implicit_flush', [{ type: 'identifier', value: 'true' }]],
    ["set 'table.exec.mini-batch.enabled' = 'true'", 'table.exec.mini-batch.enabled', [{ type: 'string', value: 'true' }]],
    ['set search_path to public, "My Schema"', 'search_path', [{ type: 'identifier', value: 'public' }, { type: 'identifier', value: 'My Schema' }]],
    ["set time zone 'UTC'", 'timezone', [{ type: 'string', value: 'UTC' }]],
    ['set session query_mode = local', 'query_mode', [{ type: 'identifier', value: 'local' }]],
    ['set application_name to default', 'application_name', null],
  ] as const)('%s', (sql, name, values) => {
    const s = one(sql, 'set');
    expect(s.name).toBe(name);
    expect(s.values).toEqual(values);
  });

  it('leaves PostgreSQL-only SET forms to PostgreSQL', () => {
    expect(one('set transaction isolation level serializable', 'pg').type).toBe('VariableSetStmt');
    expect(one('set local statement_timeout = 5', 'pg').type).toBe('VariableSetStmt');
    expect(one("set session characteristics as transaction read only", 'pg').type).toBe('VariableSetStmt');
  });

  it('reads RESET forms', () => {
    expect(one('reset streaming_parallelism', 'reset').name).toBe('streaming_parallelism');
    expect(one('RESET ALL', 'reset').name).toBeNull();
    expect(one('reset', 'reset').name).toBeNull();
    expect(one("reset 'a.b'", 'reset').name).toBe('a.b');
    expect(one('reset time zone', 'reset').name).toBe('timezone');
  });
});

describe('FLUSH, DESCRIBE', () => {
  it('parses them', () => {
    expect(one('FLUSH', 'flush').span).toEqual({ start: 0, end: 5 });
    expect(one('describe public.mv', 'describe').name.parts).toEqual(['public', 'mv']);
    expect(one('desc t', 'describe').name.parts).toEqual(['t']);
  });
});

describe('EXPLAIN', () => {
  const bodies: Array<[string, string]> = [
    ['select * from t', 'pg'],
    ['insert into t values (1)', 'pg'],
    ["create materialized view m as select * from tumble(t, ts, interval '1' minute) emit on window close", 'create_materialized_view'],
    ["create sink s from m with (connector = 'blackhole')", 'create_sink'],
    ['create table t (a int primary key)', 'create_table'],
    ["create source s with (connector = 'datagen')", 'create_source'],
    ['create view v as select 1', 'create_view'],
    ['create index i on t (a)', 'create_index'],
  ];
  it.each(bodies)('wraps %s', (body, kind) => {
    const e = one(`explain ${body}`, 'explain');
    expect(e.options).toEqual([]);
    expect(e.statement.kind).toBe(kind);
    expect(e.statement.span).toEqual({ start: 8, end: 8 + body.length });
  });

  it('reads option lists and the legacy words', () => {
    const e = one('EXPLAIN (VERBOSE, FORMAT JSON, analyze false) select 1', 'explain');
    expect(e.options).toEqual([
      { name: 'verbose', value: null },
      { name: 'format', value: 'json' },
      { name: 'analyze', value: 'false' },
    ]);
    expect(one('explain analyze verbose select 1', 'explain').options.map((o) => o.name)).toEqual(['analyze', 'verbose']);
    // A parenthesised query is not an option list.
    expect(one('explain (select 1)', 'explain').statement.kind).toBe('pg');
  });

  it('gives the wrapped PostgreSQL statement positions in the whole text', () => {
    const [, e] = parse('flush; explain select a from t');
    if (e?.kind !== 'explain' || e.statement.kind !== 'pg') throw new Error('expected explain of a query');
    expect(e.statement.text).toBe('select a from t');
    expect(e.statement.tree).toMatchObject({ SelectStmt: { targetList: [{ ResTarget: { location: 22 } }] } });
  });
});
