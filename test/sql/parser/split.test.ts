import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../../src/sql/parser/index.ts';

const texts = (sql: string) => splitStatements(sql).map((s) => sql.slice(s.start, s.end));

describe('splitStatements', () => {
  it('cuts at top-level semicolons and drops empty statements', () => {
    expect(texts('select 1; select 2;;  ;\n')).toEqual(['select 1', 'select 2']);
    expect(texts('  -- only a comment\n /* and another */ ')).toEqual([]);
    expect(texts('flush')).toEqual(['flush']);
  });

  it('ignores semicolons in strings, quoted identifiers, dollar quotes and comments', () => {
    const sql = [
      "select 'a;b', 'it''s;', E'\\';x'",
      'select "we;ird" from t -- trailing; comment\nwhere x = 1',
      'select $$ ; $$, $tag$ $$ ; $tag$, $1',
      'select 1 /* outer /* nested ; */ still ; comment */',
    ].join(';\n');
    expect(texts(sql)).toHaveLength(4);
    expect(texts(sql)[2]).toBe('select $$ ; $$, $tag$ $$ ; $tag$, $1');
  });

  it('leaves leading comments out of a span and keeps offsets into the whole text', () => {
    const sql = 'select 1; -- note\nflush;';
    expect(splitStatements(sql)).toEqual([
      { start: 0, end: 8 },
      { start: 18, end: 23 },
    ]);
  });

  it('keeps an unterminated string in one statement for the parser to report', () => {
    expect(texts("select 'abc; select 2")).toEqual(["select 'abc; select 2"]);
  });
});
