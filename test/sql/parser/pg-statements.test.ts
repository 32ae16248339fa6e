import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, rewriteWindowTvfs } from '../../../src/sql/parser/index.ts';
import { one, textOf, withoutLocations } from './helpers.ts';

describe('PostgreSQL statements', () => {
  it.each([
    ['select a, b from t where a > $1 order by b limit 10', 'SelectStmt'],
    ['insert into t (a, b) values (1, \'x\'), (2, null) returning a', 'InsertStmt'],
    ['update t set b = b || \'!\' where a = 1', 'UpdateStmt'],
    ['delete from t where a in (select a from u)', 'DeleteStmt'],
    ['values (1, 2)', 'SelectStmt'],
    ['with x as (select 1) select * from x', 'SelectStmt'],
    ['begin', 'TransactionStmt'],
    ['commit', 'TransactionStmt'],
    ["select 'r'::regclass, 1::int8 collate \"C\"", 'SelectStmt'],
    ['select * from t1 natural join t2 cross join t3', 'SelectStmt'],
    ['select v1 from (select 1 as v1)', 'SelectStmt'],
    ['select a from t order by a fetch first 3 rows with ties', 'SelectStmt'],
    ['select * from hop(t, ts, interval \'1\' minute, interval \'5\' minute)', 'SelectStmt'],
  ])('%s', (sql, type) => {
    const s = one(sql, 'pg');
    expect(s.type).toBe(type);
    expect(s.text).toBe(sql);
    expect(s.tree).toHaveProperty(type);
  });

  it("parses psql 15's \\d catalog queries unchanged", () => {
    const file = readFileSync(join(import.meta.dirname, 'fixtures', 'psql15-describe.sql'), 'utf8');
    const stmts = parse(file);
    expect(stmts).toHaveLength(10);
    for (const s of stmts) expect(s.kind === 'pg' && s.type).toBe('SelectStmt');
    expect(file).toContain('OPERATOR(pg_catalog.~)');
  });

  it('gives each statement of a script its own text, span and whole-text locations', () => {
    const sql = "/* setup */ create table t (a int); insert into t values (1);\n-- check\nselect 'x;y' as \"a;b\" from t; flush";
    const stmts = parse(sql);
    expect(stmts.map((s) => s.kind)).toEqual(['create_table', 'pg', 'pg', 'flush']);
    expect(stmts.map((s) => textOf(sql, s.span))).toEqual([
      'create table t (a int)',
      'insert into t values (1)',
      'select \'x;y\' as "a;b" from t',
      'flush',
    ]);
    const select = stmts[2]!;
    if (select.kind !== 'pg') throw new Error('expected a pg statement');
    const target = (select.tree as { SelectStmt: { targetList: Array<{ ResTarget: { location: number } }> } }).SelectStmt.targetList[0]!;
    expect(sql.slice(target.ResTarget.location).startsWith("'x;y'")).toBe(true);
  });

  it('maps PostgreSQL byte offsets to character offsets in non-ASCII text', () => {
    const sql = "select 'ééé'; select 'ü', b from t";
    const s = parse(sql)[1]!;
    if (s.kind !== 'pg') throw new Error('expected a pg statement');
    const targets = (s.tree as { SelectStmt: { targetList: Array<{ ResTarget: { location: number } }> } }).SelectStmt.targetList;
    expect(sql[targets[1]!.ResTarget.location]).toBe('b');
  });
});

describe('window TVFs', () => {
  const pairs: Array<[string, string]> = [
    ["TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND))", "TUMBLE(bid, ts, INTERVAL '10' SECOND)"],
    ["TABLE(HOP(TABLE bid, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))", "HOP(bid, ts, INTERVAL '2' SECOND, INTERVAL '10' SECOND)"],
    ["TABLE(SESSION(TABLE bid, DESCRIPTOR(ts), INTERVAL '5' MINUTE))", "SESSION(bid, ts, INTERVAL '5' MINUTE)"],
    ["TABLE(CUMULATE(TABLE bid, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '1' HOUR))", "CUMULATE(bid, ts, INTERVAL '1' MINUTE, INTERVAL '1' HOUR)"],
    ["TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' MINUTES))", "TUMBLE(bid, ts, INTERVAL '10' MINUTE)"],
  ];
  it.each(pairs)('%s parses as %s', (flink, rw) => {
    const query = (from: string) => `select window_start, count(*) from ${from} as w group by window_start`;
    const a = one(query(flink), 'pg');
    const b = one(query(rw), 'pg');
    expect(withoutLocations(a.tree)).toEqual(withoutLocations(b.tree));
    expect(a.text).toBe(query(flink)); // the statement keeps the user's text
  });

  it('keeps positions: the rewrite is length-preserving', () => {
    const sql = "select * from table(tumble(table bid, descriptor(ts), interval '10' second)) where price > 1";
    expect(rewriteWindowTvfs(sql)).toHaveLength(sql.length);
    const s = one(sql, 'pg');
    const where = (s.tree as { SelectStmt: { whereClause: { A_Expr: { lexpr: { ColumnRef: { location: number } } } } } }).SelectStmt.whereClause;
    expect(sql.slice(where.A_Expr.lexpr.ColumnRef.location).startsWith('price')).toBe(true);
  });

  it('turns Flink named arguments into PostgreSQL named arguments', () => {
    const s = one("select * from table(tumble(data => table bid, timecol => descriptor(ts), size => interval '1' minute))", 'pg');
    expect(JSON.stringify(s.tree)).toContain('"NamedArgExpr"');
  });

  it('leaves TABLE and DESCRIPTOR elsewhere alone', () => {
    const sql = "select 'table(tumble(table t' as x, descriptor from t";
    expect(rewriteWindowTvfs(sql)).toBe(sql);
  });
});
