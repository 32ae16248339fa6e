import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/sql/parser/index.ts';
import { one, textOf, withoutLocations } from './helpers.ts';

describe('CREATE [MATERIALIZED] VIEW', () => {
  it('parses a materialized view with IF NOT EXISTS, column list and query', () => {
    const sql = 'create materialized view if not exists mv (a, total) as select a, sum(b) from t group by a';
    const mv = one(sql, 'create_materialized_view');
    expect(mv.ifNotExists).toBe(true);
    expect(mv.columns?.map((c) => c.name)).toEqual(['a', 'total']);
    expect(mv.emitOnWindowClose).toBe(false);
    expect(textOf(sql, mv.query.span)).toBe('select a, sum(b) from t group by a');
    expect(mv.query.tree).toHaveProperty('SelectStmt.groupClause');
  });

  it('reads EMIT ON WINDOW CLOSE after the query, not as part of it', () => {
    const sql = `create materialized view mv as
      select window_start, count(*) from tumble(t, ts, interval '1 hour') group by window_start
      emit on window close`;
    const mv = one(sql, 'create_materialized_view');
    expect(mv.emitOnWindowClose).toBe(true);
    expect(textOf(sql, mv.query.span).endsWith('group by window_start')).toBe(true);
    // "emit" inside strings, identifiers and subqueries is part of the query
    const q = one(`create materialized view m2 as select 'emit on window close' as "emit" from (select 1 as emit) s`, 'create_materialized_view');
    expect(q.emitOnWindowClose).toBe(false);
  });

  it('parses plain views, OR REPLACE, and queries with WITH and VALUES', () => {
    const v = one('create or replace view v as with x as (select 1 as a) select a from x', 'create_view');
    expect(v.orReplace).toBe(true);
    expect(v.query.tree).toHaveProperty('SelectStmt.withClause');
    expect(one('create view v2 as values (1), (2)', 'create_view').query.tree).toHaveProperty('SelectStmt.valuesLists');
  });

  it('rewrites Flink window TVFs to the same tree as RisingWave form', () => {
    const flink = one(
      "create materialized view m as select * from table(tumble(table bid, descriptor(ts), interval '10' second))",
      'create_materialized_view',
    );
    const rw = one("create materialized view m as select * from tumble(bid, ts, interval '10' second)", 'create_materialized_view');
    expect(withoutLocations(flink.query.tree)).toEqual(withoutLocations(rw.query.tree));
  });

  it('passes DISTINCT ON, FILTER, GROUPING SETS, LATERAL and WITH ORDINALITY to PostgreSQL', () => {
    const [s] = parse(`create materialized view m as
      select distinct on (a) a, count(*) filter (where b > 0)
      from t, lateral unnest(t.arr) with ordinality as u(x, n)
      group by grouping sets ((a), ())`);
    expect(s?.kind).toBe('create_materialized_view');
  });
});

describe('CREATE SINK', () => {
  it('reads FROM relation with options', () => {
    const s = one("create sink if not exists s from mv with (connector = 'print')", 'create_sink');
    expect(s.ifNotExists).toBe(true);
    expect(s.from?.parts).toEqual(['mv']);
    expect(s.query).toBeNull();
    expect(s.with[0]).toMatchObject({ key: 'connector', value: { type: 'string', value: 'print' } });
  });

  it('reads AS query up to WITH (...) and FORMAT', () => {
    const sql =
      "create sink s as with w as (select * from t) select a from w where b in (select 1) with (connector='file', path='/tmp/x') format plain encode json";
    const s = one(sql, 'create_sink');
    expect(textOf(sql, s.query!.span)).toBe('with w as (select * from t) select a from w where b in (select 1)');
    expect(s.with.map((o) => o.key)).toEqual(['connector', 'path']);
    expect(s.format?.encode).toBe('json');
  });
});

describe('CREATE INDEX', () => {
  it('reads PostgreSQL index elements plus INCLUDE and DISTRIBUTED BY', () => {
    const i = one('create unique index if not exists idx on t using btree (a desc nulls last, (b + 1)) include (c) distributed by (a)', 'create_index');
    expect(i).toMatchObject({ unique: true, ifNotExists: true, using: 'btree' });
    expect(i.table.parts).toEqual(['t']);
    expect(i.elements).toHaveLength(2);
    expect(i.elements[0]).toMatchObject({ IndexElem: { name: 'a', ordering: 'SORTBY_DESC', nulls_ordering: 'SORTBY_NULLS_LAST' } });
    expect(i.include.map((c) => c.name)).toEqual(['c']);
    expect(i.distributedBy.map((c) => c.name)).toEqual(['a']);
  });
});
