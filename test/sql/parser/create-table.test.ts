import { describe, expect, it } from 'vitest';
import { one, parseError, textOf } from './helpers.ts';

describe('CREATE TABLE', () => {
  it('takes a primary key on a column or at table level', () => {
    const a = one('create table t (a int primary key, b varchar)', 'create_table');
    expect(a.primaryKey?.columns.map((c) => c.name)).toEqual(['a']);
    expect(a.columns.map((c) => c.name.name)).toEqual(['a', 'b']);
    expect(a.columns[0]!.type.names).toEqual([{ String: { sval: 'pg_catalog' } }, { String: { sval: 'int4' } }]);
    expect(a.appendOnly).toBe(false);
    expect(a.with).toEqual([]);

    const b = one('CREATE TABLE IF NOT EXISTS s.t (a int, b int, CONSTRAINT pk PRIMARY KEY (a, b))', 'create_table');
    expect(b.ifNotExists).toBe(true);
    expect(b.name.parts).toEqual(['s', 't']);
    expect(b.primaryKey?.columns.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('rejects two primary keys as PostgreSQL does (42P16)', () => {
    const e = parseError('create table t (a int primary key, b int, primary key (b))');
    expect(e.sqlstate).toBe('42P16');
  });

  it('reads WATERMARK, APPEND ONLY, a trailing comma and WITH options quoted and unquoted', () => {
    const sql = `CREATE TABLE bid (
      auction BIGINT NOT NULL,
      price numeric(10, 2) DEFAULT 0,
      ts TIMESTAMP(3),
      WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,
    ) APPEND ONLY WITH (connector = 'datagen', 'rows.per.second' = '10', fields.auction.max = 100, strict = true, mode = earliest)`;
    const t = one(sql, 'create_table');
    expect(t.appendOnly).toBe(true);
    expect(t.columns.map((c) => c.typeText)).toEqual(['BIGINT', 'numeric(10, 2)', 'TIMESTAMP(3)']);
    expect(t.columns[0]!.constraints[0]).toMatchObject({ Constraint: { contype: 'CONSTR_NOTNULL' } });
    expect(t.watermarks).toHaveLength(1);
    const wm = t.watermarks[0]!;
    expect(wm.column.name).toBe('ts');
    expect(wm.expression).toMatchObject({ A_Expr: { kind: 'AEXPR_OP', name: [{ String: { sval: '-' } }] } });
    // The expression's locations point into the submitted text.
    const loc = (wm.expression as { A_Expr: { lexpr: { ColumnRef: { location: number } } } }).A_Expr.lexpr.ColumnRef.location;
    expect(sql.slice(loc, loc + 2)).toBe('ts');
    expect(textOf(sql, wm.span)).toBe("WATERMARK FOR ts AS ts - INTERVAL '5' SECOND");
    expect(t.with.map((o) => [o.key, o.value])).toEqual([
      ['connector', { type: 'string', value: 'datagen' }],
      ['rows.per.second', { type: 'string', value: '10' }],
      ['fields.auction.max', { type: 'number', value: '100' }],
      ['strict', { type: 'boolean', value: true }],
      ['mode', { type: 'identifier', value: 'earliest' }],
    ]);
    expect(textOf(sql, t.span)).toBe(sql);
  });

  it('maps RisingWave type names string and double, keeping what was written', () => {
    const t = one('create table t (a string, b double, c double precision, d text)', 'create_table');
    const names = t.columns.map((c) => c.type.names?.map((n) => ('String' in n ? n.String.sval : '?')).join('.'));
    expect(names).toEqual(['text', 'pg_catalog.float8', 'pg_catalog.float8', 'text']);
    expect(t.columns.map((c) => c.typeText)).toEqual(['string', 'double', 'double precision', 'text']);
  });

  it('keeps other table constraints as PostgreSQL nodes', () => {
    const t = one('create table t (a int, b int check (b > 0), unique (a))', 'create_table');
    expect(t.constraints).toHaveLength(1);
    expect(t.constraints[0]).toMatchObject({ Constraint: { contype: 'CONSTR_UNIQUE' } });
  });

  it('accepts CREATE TABLE AS and FORMAT ... ENCODE', () => {
    const ctas = one('create table t2 as select a from t', 'create_table');
    expect(ctas.query?.tree).toHaveProperty('SelectStmt');
    const fmt = one("create table k (a int) with (connector = 'kafka', topic = 'x') format plain encode json", 'create_table');
    expect(fmt.format).toMatchObject({ format: 'plain', encode: 'json', options: [] });
  });

  it('reports LIKE as not supported (0A000)', () => {
    expect(parseError('create table t (like other)').sqlstate).toBe('0A000');
  });
});

describe('CREATE SOURCE', () => {
  it('reads columns, watermark, WITH and FORMAT', () => {
    const sql = `create source if not exists bids (id int, ts timestamptz,
      watermark for ts as ts - interval '1 minute') with (connector = 'nexmark', nexmark.table.type = 'Bid')
      format plain encode json (schema.registry = 'x')`;
    const s = one(sql, 'create_source');
    expect(s.ifNotExists).toBe(true);
    expect(s.columns.map((c) => c.name.name)).toEqual(['id', 'ts']);
    expect(s.watermarks[0]?.column.name).toBe('ts');
    expect(s.with.map((o) => o.key)).toEqual(['connector', 'nexmark.table.type']);
    expect(s.format?.options.map((o) => o.key)).toEqual(['schema.registry']);
  });

  it('may omit the column list', () => {
    expect(one("CREATE SOURCE s WITH (connector='datagen')", 'create_source').columns).toEqual([]);
  });
});
