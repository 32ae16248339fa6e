/**
 * character(n) (bpchar) against PostgreSQL: input, padding and output, the 22001 for values
 * too long, casts (explicit ones cut, to text they drop the padding), comparisons, LIKE and
 * regular expressions (which see the padding), the functions on it, common types, arrays;
 * then char(n) columns in tables — primary keys, GROUP BY, DISTINCT, joins, ORDER BY, which
 * all ignore trailing spaces — in materialized views through changes, in the catalog
 * (format_type, information_schema), through node-postgres, and across a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { startWeir, textOutcome as outcome, useWeir } from './weir-server.ts';

const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

const EXPRESSIONS = [
  // Input and output: padded to n; longer is 22001 unless the excess is spaces.
  "'ab'::char(4)", "'ab'::character(4)", "'ab'::bpchar", "'ab  '::bpchar", "'a'::char", "''::char(3)", "'é'::char(3)", "'😀'::char(2)",
  "'abc'::char(2)", "'abc  '::char(3)", "'ab'::char(4)::char(2)", "'abc'::char(5)::char(2)", "'x'::char(3)::char(5)", "'ab'::nchar(3)",
  "CAST('abcdef' AS character(3))", "'a'::char(0)", "'a'::char(10485761)", "'😀😀x'::char(2)",
  // Casts: to text/varchar without the padding, to other types through the padded text.
  "'ab'::char(4)::text || '|'", "'ab'::char(4)::varchar || '|'", "'abc'::char(3)::varchar(2)", "'a'::char(3)::varchar(2) || '|'",
  "' 12'::char(5)::int", "'t'::char(3)::boolean", "'2024-01-02'::char(12)::date", "true::char(5) || '|'", "12::char(5) || '|'",
  "12345::char(3)", "'ab'::char(3)::bytea", "'ab  '::text::char(3)", "'ab'::varchar(10)::char(4) || '|'", "('ab'::char(4))::text = 'ab'",
  // Comparison ignores trailing spaces; against text it is text's (the padding is gone).
  "'a'::char(3) = 'a'::char(5)", "'a '::bpchar = 'a'::bpchar", "'a'::char(3) = 'a  '::text", "'a'::char(3) = 'a'::text", "'a '::text = 'a'::char(3)",
  "'a'::char(3) = 'a'", "'a'::char(3) = 'a    '", "'a'::char(3) < 'a'::char(3) || 'b'", "'a '::char(3) < 'a'::char(1)", "'a'::char(3) < 'b'::char(1)",
  "'a'::char(2) <> 'a '::char(4)", "'ab'::char(3) IN ('ab', 'cd')", "'ab'::char(3) IS DISTINCT FROM 'ab '", "nullif('a'::char(3), 'a')",
  "'a'::char(3) > E'a\\t'::char(3)", "'a'::char(3) BETWEEN 'a' AND 'a '",
  // Functions: length leaves the padding out, octet_length counts it; text functions see text.
  "length('ab '::char(5))", "char_length('ab'::char(5))", "character_length('ab '::bpchar)", "octet_length('ab'::char(4))", "octet_length('é'::char(2))",
  "bit_length('ab'::char(4))", "length('  '::char(3))", "octet_length('ab  '::bpchar)", "upper('ab'::char(5)) || '|'", "lower('AB'::char(4)) || '|'",
  "rtrim('ab'::char(4)) || '|'", "substring('abc'::char(5) from 2) || '|'", "position('c' in 'abc'::char(5))", "replace('ab'::char(4), ' ', '_')",
  "concat('ab'::char(5), 'x')", "format('%s|', 'ab'::char(5))", "'ab'::char(4) || 'x'", "'ab'::char(3) || 'c'::char(2)", "'ab'::char(3) || 1",
  "md5('a'::char(3))", "to_jsonb('ab'::char(4))", "jsonb_build_object('a', 'x'::char(3))", "bpchar('abc'::bpchar, 10, true) || '|'",
  "bpchar('abcdef', 6, true)", "bpchar('abc  ', 7, false)", "bpchar('abcdef', 7, false)", "pg_typeof('a'::char(3))", "pg_typeof('a'::bpchar)",
  "pg_typeof(array['a'::char(2)])", "format_type('bpchar'::regtype, 14)", "format_type(1042, -1)", "format_type(1014, 9)", "format_type(1042, NULL)", "format_type(1014, NULL)",
  "'bpchar'::regtype::text", "'character(3)'::regtype::text", "'char'::regtype::oid", "'\"char\"'::regtype::oid", "1042::regtype::text", "'_bpchar'::regtype::text", "'bpchar'::regtype::oid", "'ab'::char(4)::char(6) || '|'",
  // Pattern matching sees the padding (bpcharlike, bpcharregexeq).
  "'ab'::char(5) LIKE 'ab'", "'ab'::char(5) LIKE 'ab%'", "'ab'::char(5) LIKE 'ab   '", "'ab'::char(4) ILIKE 'AB  '", "'ab'::char(4) NOT LIKE 'ab'",
  "'ab'::char(4) ~ 'b  $'", "'ab'::char(4) ~ 'ab$'", "'ab'::char(4) !~ 'ab$'", "'ab'::char(4) ~* 'B '", "'ab'::char(4) SIMILAR TO 'ab'", "'ab'::char(4) SIMILAR TO 'ab%'",
  "'ab'::varchar ~ 'b$'", "'ab'::char(5) LIKE 'a_' || '%'",
  // Common types: the modifier stays only when every input has it.
  "CASE WHEN true THEN 'b' ELSE 'a'::char(3) END || '|'", "octet_length(CASE WHEN true THEN 'b' ELSE 'a'::char(3) END)",
  "octet_length(coalesce(NULL, 'a'::char(3)))", "octet_length(greatest('b', 'a'::char(3)))", "pg_typeof(CASE WHEN true THEN 'a'::char(3) ELSE 'b'::text END)", "pg_typeof(CASE WHEN true THEN 'b'::text ELSE 'a'::char(3) END)",
  "pg_typeof(coalesce('a'::char(3), 'b'::text))", "pg_typeof(coalesce('b'::text, 'a'::char(3)))",
  "CASE WHEN true THEN 'abcd' ELSE 'a'::varchar(3) END", "coalesce('abcd', 'a'::varchar(3))",
  // Arrays of character(n).
  "'{a,b}'::char(3)[]", "array['a']::char(2)[]", "array['a'::char(3), 'b']", "('{a,b}'::char(3)[])[1] || '|'", "array_to_string('{a,b}'::char(3)[], ',')",
  "'{a,bcd}'::char(2)[]", "pg_typeof('{a}'::char(2)[])",
];

const sorted = async (c: unknown, sql: string): Promise<string[]> => (JSON.parse(await outcome(c, sql)) as unknown[]).map((r) => JSON.stringify(r)).sort();

describe.skipIf(Boolean(pgdb.skipReason))('character(n) equals PostgreSQL', () => {
  it(`${EXPRESSIONS.length} expressions print and fail as in PostgreSQL`, async () => {
    const mismatches: string[] = [];
    let values = 0;
    for (const e of EXPRESSIONS) {
      const sql = `SELECT ${e}`;
      const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
      if (mine !== theirs) mismatches.push(`${sql}: Weir ${mine}, PostgreSQL ${theirs}`);
      else if (!mine.startsWith('error')) values++;
    }
    expect(mismatches).toEqual([]);
    expect(values).toBeGreaterThan(EXPRESSIONS.length - 12);
  });

  it('keeps char(n) columns, keys and views through changes as PostgreSQL answers', async () => {
    const both = async (sql: string): Promise<string> => {
      const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
      expect(mine, sql).toBe(theirs);
      return mine;
    };
    await both('CREATE TABLE codes (k char(4) PRIMARY KEY, grp bpchar, label character(6), tags char(2)[], note varchar(10))');
    await both("INSERT INTO codes VALUES ('a', 'x', 'one', '{p,q}', 'n1'), ('bb  ', 'x  ', 'two', NULL, NULL), ('c', NULL, NULL, '{r}', 'n3')");
    await both("INSERT INTO codes VALUES ('dd', 'y', 'four', NULL, 'n4'::varchar(10))");
    // Keys ignore trailing spaces; too long is 22001 unless only spaces are cut.
    expect(await both("INSERT INTO codes VALUES ('a  ', 'z', NULL, NULL, NULL)")).toBe('error 23505');
    expect(await both("INSERT INTO codes VALUES ('eeeee', 'z', NULL, NULL, NULL)")).toBe('error 22001');
    await both("INSERT INTO codes VALUES ('e   ' || '  ', 'z', 'five  ', NULL, NULL)");
    expect(await both("INSERT INTO codes VALUES ('f', 'z', 'seventy', NULL, NULL)")).toBe('error 22001');
    const queries = [
      'SELECT k, grp, label, tags, note, k || \'|\' AS kk, octet_length(k) AS ok, length(label) AS ll FROM codes',
      // A group shows one of its values, padded or not, as PostgreSQL does: compared as text.
      'SELECT grp::text AS g, count(*) AS n, max(label) AS top, min(k) AS low FROM codes GROUP BY grp',
      'SELECT g::text FROM (SELECT DISTINCT grp AS g FROM codes) d',
      'SELECT count(DISTINCT grp) AS n, count(DISTINCT k) AS nk FROM codes',
      "SELECT a.k AS a, b.k AS b FROM codes a JOIN codes b ON a.grp = b.grp AND a.k <> b.k",
      "SELECT k FROM codes WHERE k = 'bb' OR k = 'c   ' OR label LIKE 'two%'",
      "SELECT k, label FROM codes WHERE label = 'five'",
    ];
    for (const q of queries) expect(await sorted(weir.client, q), q).toEqual(await sorted(pgdb.server.client, q));
    expect(await outcome(weir.client, 'SELECT k, label FROM codes ORDER BY label NULLS FIRST, k')).toBe(await outcome(pgdb.server.client, 'SELECT k, label FROM codes ORDER BY label NULLS FIRST, k'));
    for (const [i, q] of queries.entries()) await weir.client.query(`CREATE MATERIALIZED VIEW cv${i} AS ${q}`);
    const check = async (): Promise<void> => {
      await weir.client.query('FLUSH');
      for (const [i, q] of queries.entries()) expect(await sorted(weir.client, `SELECT * FROM cv${i}`), q).toEqual(await sorted(pgdb.server.client, q));
      expect(await sorted(weir.client, 'SELECT * FROM codes')).toEqual(await sorted(pgdb.server.client, 'SELECT * FROM codes'));
    };
    await check();
    await both("UPDATE codes SET k = 'g', grp = 'y  ' WHERE k = 'a   '");
    await both("UPDATE codes SET label = label || 'x' WHERE grp = 'x'");
    await both("DELETE FROM codes WHERE k = 'c'");
    await check();
    // The catalog describes the columns as PostgreSQL does.
    await both("SELECT attname, atttypid, atttypmod, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'codes'::regclass AND attnum > 0 ORDER BY attnum");
    await both("SELECT column_name, data_type, character_maximum_length, character_octet_length, udt_name FROM information_schema.columns WHERE table_name = 'codes' ORDER BY ordinal_position");
    await both("SELECT typname, typlen, typcategory, typarray FROM pg_type WHERE typname IN ('bpchar', '_bpchar') ORDER BY 1");
  });

  it('reads as from PostgreSQL through node-postgres, with parameters and in binary', async () => {
    const rows = async (c: typeof weir.client): Promise<unknown> => {
      await c.query('CREATE TABLE np_char (k char(5) PRIMARY KEY, v bpchar)');
      await c.query('INSERT INTO np_char VALUES ($1, $2), ($3, $4)', ['ab', 'x  ', 'cd   ', null]);
      const r = await c.query('SELECT k, v, k = $1 AS eq FROM np_char ORDER BY k', ['ab']);
      const binary = await c.query({ text: 'SELECT k, v FROM np_char ORDER BY k', binary: true } as pg.QueryConfig);
      return [r.rows, r.fields.map((f) => [f.name, f.dataTypeID, f.dataTypeModifier]), binary.rows];
    };
    expect(await rows(weir.client)).toEqual(await rows(pgdb.server.client));
  });

  it('keeps char(n) values and keys across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-char-'));
    try {
      let w = await startWeir(dir);
      await w.client.query('CREATE TABLE kept (k char(3) PRIMARY KEY, v bpchar, a char(2)[])');
      await w.client.query("INSERT INTO kept VALUES ('a', 'x  ', '{p}'), ('bc', NULL, NULL)");
      await w.client.query('CREATE MATERIALIZED VIEW kept_v AS SELECT length(v) AS len, count(*) AS n FROM kept GROUP BY v');
      const before = [await outcome(w.client, 'SELECT * FROM kept ORDER BY k'), await outcome(w.client, 'SELECT * FROM kept_v ORDER BY len')];
      await w.close();
      w = await startWeir(dir);
      await w.client.query('FLUSH');
      expect([await outcome(w.client, 'SELECT * FROM kept ORDER BY k'), await outcome(w.client, 'SELECT * FROM kept_v ORDER BY len')]).toEqual(before);
      expect(before[0]).toBe('[["a  ","x  ","{\\"p \\"}"],["bc ",null,null]]');
      expect(await outcome(w.client, "INSERT INTO kept VALUES ('a ', NULL, NULL)")).toBe('error 23505');
      await w.client.query("INSERT INTO kept VALUES ('d', 'x', NULL)");
      await w.client.query('FLUSH');
      expect(await outcome(w.client, 'SELECT * FROM kept_v ORDER BY len')).toBe('[["1","2"],[null,"1"]]');
      await w.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
