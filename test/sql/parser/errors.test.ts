import { describe, expect, it } from 'vitest';
import { parseError } from './helpers.ts';

/** The token at a 1-based position. */
const at = (sql: string, position: number) => sql.slice(position - 1);

describe('syntax errors', () => {
  it('from PostgreSQL: SQLSTATE 42601, PostgreSQL message, 1-based position', () => {
    const sql = 'select a, from t';
    const e = parseError(sql);
    expect(e.sqlstate).toBe('42601');
    expect(e.message).toBe('syntax error at or near "from"');
    expect(e.position).toBe(11);
    expect(at(sql, e.position).startsWith('from')).toBe(true);
  });

  it('from PostgreSQL in the second statement of a script: position into the whole text', () => {
    const sql = 'select 1;\nselect * fro t;';
    const e = parseError(sql);
    expect(e.message).toBe('syntax error at or near "fro"');
    expect(at(sql, e.position).startsWith('fro t;')).toBe(true);
  });

  it('at the end of input', () => {
    const e = parseError('select * from t where');
    expect(e.message).toBe('syntax error at end of input');
    expect(e.position).toBe(22);
  });

  it('from the PEG grammar: position and message in the same form', () => {
    const sql = 'flush; create table t (a int,, b int)';
    const e = parseError(sql);
    expect(e.sqlstate).toBe('42601');
    expect(e.message).toBe('syntax error at or near ","');
    expect(e.position).toBe(sql.indexOf(',,') + 2);
    expect(e.detail).toMatch(/^Expected/);

    const s2 = "select 1; CREATE SINK s FROM WITH (connector = 'x')";
    const e2 = parseError(s2);
    expect(e2.message).toBe('syntax error at or near "WITH"');
    expect(at(s2, e2.position).startsWith('WITH')).toBe(true);

    const e3 = parseError('drop materialized');
    expect(e3.message).toBe('syntax error at end of input');
  });

  it('inside an embedded fragment: positions point into the Weir statement', () => {
    const sql = "create table t (ts timestamp, watermark for ts as ts - interval '1' second +)";
    const e = parseError(sql);
    expect(e.message).toBe('syntax error at or near ")"');
    expect(e.position).toBe(sql.length);

    const mv = 'select 1;\ncreate materialized view m as select a b c from t emit on window close';
    const e2 = parseError(mv);
    expect(e2.message).toBe('syntax error at or near "c"');
    expect(at(mv, e2.position).startsWith('c from')).toBe(true);

    const col = 'create table t (a int, b notatype(, c int)';
    expect(parseError(col).position).toBe(col.indexOf(', c') + 1);
  });

  it('at a Weir statement cut short before EMIT', () => {
    const e = parseError('create materialized view m as select from where emit on window close');
    expect(e.message).toBe('syntax error at or near "where"');
  });

  it('for unknown statement forms', () => {
    const e = parseError('frobnicate the table');
    expect(e.sqlstate).toBe('42601');
    expect(e.message).toBe('syntax error at or near "frobnicate"');
    expect(e.position).toBe(1);
  });

  it('for an unterminated string and a zero-length identifier', () => {
    expect(parseError("select 'abc").message).toMatch(/^unterminated quoted string/);
    const e = parseError('drop table ""');
    expect(e.message).toBe('zero-length delimited identifier at or near """"');
    expect(e.position).toBe(12);
  });
});
