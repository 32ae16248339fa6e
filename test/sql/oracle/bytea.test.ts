/**
 * bytea against PostgreSQL: hex and escape input with their errors, hex output, casts to and
 * from text, comparison (byte order, then length), ||, the functions (lengths, substring,
 * position, overlay, get/set_byte and get/set_bit, trims, encode/decode, digests, conversions),
 * LIKE, string_agg, arrays; then bytea columns in tables — as primary keys, in GROUP BY,
 * DISTINCT and joins — in materialized views through changes, in the catalog, through
 * node-postgres (Buffers as parameters, text and binary results), and across a restart.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { startWeir, textOutcome as outcome, useWeir } from './weir-server.ts';

const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

const INPUTS = [
  "'abc'", "'\\x0102ff'", "'\\xDEADbeef'", "'a\\000b\\\\c'", "'\\x'", "''", "'\\x 01 02'", "'é'", "'\\x0'", "'\\xzz'", "'\\x0g'", "'\\xé0'",
  "'a\\0'", "'a\\9'", "'a\\'", "'a\\400'", "'\\\\x41'", "'\\X41'", "'\\101\\377'", "E'\\\\x41'", "'\\x' || repeat('ab', 40)",
];

const EXPRESSIONS = [
  ...INPUTS.map((i) => `(${i})::bytea`),
  ...INPUTS.map((i) => `length((${i})::bytea)`),
  // Casts: text goes through the input and output functions.
  "'\\x0102'::bytea::text", "'abc'::bytea::varchar", "'abc'::text::bytea", "'abc'::varchar::bytea", "'ab'::char(3)::bytea", "'\\x01'::bytea::char(6) || '|'",
  "1::bytea", "'\\x01'::bytea::int",
  // Comparison: byte by byte, then the shorter first.
  "'\\x01'::bytea = '\\x01'", "'\\x01'::bytea < '\\x0100'", "'\\x02'::bytea > '\\x0100'", "'\\x'::bytea < '\\x00'", "'\\xff'::bytea > '\\x7f'",
  "'\\x01'::bytea IN ('\\x02', '\\x01')", "'\\x01'::bytea IS DISTINCT FROM NULL", "'\\x01'::bytea <> 'abc'", "greatest('\\x01'::bytea, '\\xff', '\\x0203')",
  "'\\x01'::bytea || '\\x02'::bytea", "'abc'::bytea || 'd'", "'\\x01'::bytea || '\\x'::bytea", "pg_typeof('a'::bytea || 'b'::bytea)", "'a'::bytea || 1",
  // Functions.
  "octet_length('abc'::bytea)", "bit_length('\\x0102'::bytea)", "bit_count('\\xff01'::bytea)", "length('\\xc3a9'::bytea, 'UTF8')", "length('a'::bytea, 'foo')",
  "substring('\\x0102030405'::bytea from 2 for 2)", "substring('\\x0102030405'::bytea from 2)", "substr('\\x0102030405'::bytea, 0, 3)", "substring('\\x0102'::bytea from -1 for 2)",
  "substring('\\x0102'::bytea for 1)", "substring('\\x0102'::bytea from 1 for -1)", "substr('\\x0102'::bytea, 3)", "substr('\\x0102'::bytea, 2, 2147483647)",
  "position('\\x03'::bytea in '\\x010203'::bytea)", "position(''::bytea in 'abc'::bytea)", "position('\\x04'::bytea in '\\x010203'::bytea)", "position('\\x0203'::bytea in '\\x01020302'::bytea)",
  "overlay('\\x0102030405'::bytea placing '\\xaabb' from 2 for 1)", "overlay('\\x0102030405'::bytea placing '\\xaabb' from 2)", "overlay('\\x010203'::bytea placing '\\xff' from 0)",
  "overlay('\\x010203'::bytea placing '\\xff' from 2 for -1)", "overlay('\\x010203'::bytea placing '\\xff' from 5)",
  "get_byte('\\x0102'::bytea, 1)", "get_byte('\\x0102'::bytea, 2)", "get_byte(''::bytea, 0)", "set_byte('\\x0102'::bytea, 0, 255)", "set_byte('\\x0102'::bytea, -1, 0)", "set_byte('\\x0102'::bytea, 0, 256)",
  "get_bit('\\x0102'::bytea, 9)", "get_bit('\\x80'::bytea, 7)", "get_bit('\\x0102'::bytea, 16)", "get_bit('\\x01'::bytea, -1)", "set_bit('\\x0102'::bytea, 0, 1)", "set_bit('\\x0102'::bytea, 15, 1)",
  "set_bit('\\x0102'::bytea, 0, 2)", "set_bit('\\x01'::bytea, 8, 1)", "pg_typeof(get_bit('\\x01'::bytea, 0))",
  "btrim('\\x0001020100'::bytea, '\\x0001')", "ltrim('\\x0001020100'::bytea, '\\x00')", "rtrim('\\x0001020100'::bytea, '\\x00')", "btrim('\\x0001'::bytea, ''::bytea)",
  "trim(both '\\x00'::bytea from '\\x000100'::bytea)", "trim(leading '\\x00'::bytea from '\\x000100'::bytea)", "trim(trailing '\\x00'::bytea from '\\x000100'::bytea)",
  "md5('abc'::bytea)", "md5(''::bytea)", "sha224(''::bytea)", "sha256('abc')", "sha384('x'::bytea)", "sha512('\\x00ff'::bytea)",
  // encode / decode.
  "encode('\\x00ff41'::bytea, 'hex')", "encode('abc\\000\\377'::bytea, 'escape')", "encode('\\x5c0a7f80'::bytea, 'escape')", "encode('hello world'::bytea, 'base64')",
  "encode(decode(repeat('ab', 60), 'hex'), 'base64')", "encode(decode(repeat('00', 57), 'hex'), 'base64')", "encode(decode(repeat('00', 58), 'hex'), 'base64')",
  "encode(''::bytea, 'base64')", "encode('a'::bytea, 'HEX')", "encode('a'::bytea, 'foo')", "encode('ab'::bytea, 'base64')",
  "decode('00ff41', 'hex')", "decode('AB cd', 'hex')", "decode(E'ab\\ncd', 'hex')", "decode('0', 'hex')", "decode('g0', 'hex')", "decode('é0', 'hex')", "decode('a b', 'hex')",
  "decode('aGVsbG8=', 'base64')", "decode(' aGVs bG8= ', 'base64')", "decode('aGVsbA', 'base64')", "decode('a!bc', 'base64')", "decode('ab=c', 'base64')", "decode('abc=', 'base64')",
  "decode('ab==', 'base64')", "decode('ab===', 'base64')", "decode('a===', 'base64')", "decode('ab==cd', 'base64')", "decode('ab==cdef', 'base64')", "decode('YQ==YQ==', 'base64')", "decode('é', 'base64')",
  "decode('a\\000b', 'escape')", "decode('\\\\', 'escape')", "decode('\\\\x', 'escape')", "decode('a\\', 'escape')", "decode(E'\\\\x', 'escape')", "decode('ab', 'x')",
  // Conversions.
  "convert_from('\\xc3a9'::bytea, 'UTF8')", "convert_from('\\xc3a9'::bytea, 'utf-8')", "convert_from('\\xc3a9'::bytea, 'Unicode')", "convert_from('\\xff'::bytea, 'UTF8')",
  "convert_from('\\xe282'::bytea, 'UTF8')", "convert_from('\\x41e282'::bytea, 'UTF8')", "convert_from('\\x00'::bytea, 'UTF8')", "convert_from('\\xc328'::bytea, 'UTF8')",
  "convert_from('\\xe9ff'::bytea, 'LATIN1')", "convert_from('\\x00'::bytea, 'LATIN1')", "convert_from('\\xc3a9'::bytea, 'SQL_ASCII')", "convert_from('\\xff'::bytea, 'SQL_ASCII')",
  "convert_from('a'::bytea, 'foo')", "convert_to('é', 'UTF8')", "convert_to('é', 'LATIN1')", "convert_to('é', 'latin-1')", "convert_to('é', 'ISO-8859-1')", "convert_to('€', 'LATIN1')",
  "convert_to('a', 'foo')", "convert_to('é', 'SQL_ASCII')", "convert('\\xe9'::bytea, 'LATIN1', 'UTF8')", "convert('\\xc3a9'::bytea, 'UTF8', 'LATIN1')", "convert('\\xff'::bytea, 'UTF8', 'LATIN1')",
  "convert('\\xe282ac'::bytea, 'UTF8', 'LATIN1')",
  // LIKE on bytes.
  "'\\x616263'::bytea LIKE 'a%'", "'abc'::bytea LIKE '_b_'", "'abc'::bytea NOT LIKE 'a_'", "'\\x00ff'::bytea LIKE '\\x00%'::bytea", "'a%c'::bytea LIKE 'a\\%c'",
  "'a_c'::bytea LIKE 'a#_c' ESCAPE '#'", "'abc'::bytea ILIKE 'a%'", "like('abc'::bytea, 'a%'::bytea)", "'abc'::bytea ~~ 'a%'",
  // Arrays, jsonb, type names.
  "'{\"\\\\x01\",NULL}'::bytea[]", "array['\\x01'::bytea, 'ab']", "(array['\\x01'::bytea, 'ab'])[2]", "to_jsonb('ab'::bytea)", "pg_typeof('a'::bytea)",
  "format_type(17, -1)", "format_type(1001, -1)", "'bytea'::regtype::oid", "17::regtype::text", "'bytea[]'::regtype::oid", "concat('\\x01'::bytea, 'x')", "format('%s', 'ab'::bytea)", "'ab'::bytea::text::bytea",
];

const AGGREGATES = [
  "SELECT string_agg(x, ',') FROM (VALUES ('\\x01'::bytea), ('\\x02'), (NULL)) v(x)",
  "SELECT string_agg(x, '\\x00') FROM (VALUES ('\\x01'::bytea), ('\\x02')) v(x)",
  "SELECT string_agg(x, NULL) FROM (VALUES ('\\x01'::bytea), ('\\x02')) v(x)",
  "SELECT string_agg(x, '' ORDER BY x DESC) FROM (VALUES ('\\x01'::bytea), ('\\x0203'), ('\\x00')) v(x)",
  "SELECT string_agg(x, ',') FROM (VALUES (NULL::bytea)) v(x)",
  "SELECT array_agg(x ORDER BY x) FROM (VALUES ('\\x01'::bytea), (NULL), ('\\x00')) v(x)",
  "SELECT count(DISTINCT x) FROM (VALUES ('\\x01'::bytea), ('\\x01'), ('\\x0100')) v(x)",
];

const run = promisify(execFile);
const psqlMissing = await run('psql', ['--version']).then(() => false, () => true);

const sorted = async (c: unknown, sql: string): Promise<string[]> => (JSON.parse(await outcome(c, sql)) as unknown[]).map((r) => JSON.stringify(r)).sort();

describe.skipIf(Boolean(pgdb.skipReason))('bytea equals PostgreSQL', () => {
  it(`${EXPRESSIONS.length} expressions and ${AGGREGATES.length} aggregates print and fail as in PostgreSQL`, async () => {
    const mismatches: string[] = [];
    let values = 0;
    for (const sql of [...EXPRESSIONS.map((e) => `SELECT ${e}`), ...AGGREGATES]) {
      const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
      if (mine !== theirs) mismatches.push(`${sql}: Weir ${mine}, PostgreSQL ${theirs}`);
      else if (!mine.startsWith('error')) values++;
    }
    expect(mismatches).toEqual([]);
    expect(values).toBeGreaterThan(EXPRESSIONS.length / 2);
  });

  it('has min and max over bytea (PostgreSQL 18 has them; 15 does not)', async () => {
    expect(await outcome(weir.client, "SELECT min(x), max(x) FROM (VALUES ('\\x01'::bytea), ('\\x0203'), ('\\x00ff'), (NULL)) v(x)")).toBe('[["\\\\x00ff","\\\\x0203"]]');
  });

  it('keeps bytea columns, keys and views through changes as PostgreSQL answers', async () => {
    const both = async (sql: string): Promise<string> => {
      const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
      expect(mine, sql).toBe(theirs);
      return mine;
    };
    await both('CREATE TABLE blobs (id bytea PRIMARY KEY, grp bytea, body bytea, parts bytea[])');
    await both("INSERT INTO blobs VALUES ('\\x01', 'g', '\\x00ff', '{\"\\\\x01\",NULL}'), ('\\x0100', 'g', 'abc', NULL), ('\\x', NULL, '', '{}'), ('\\x02', 'h', NULL, NULL)");
    expect(await both("INSERT INTO blobs VALUES ('\\x01', NULL, NULL, NULL)")).toBe('error 23505');
    const queries = [
      "SELECT id, grp, body, parts, length(body) AS n, encode(body, 'base64') AS b64, md5(body) AS h FROM blobs",
      "SELECT grp, count(*) AS n, string_agg(body, ',') IS NULL AS none, sum(length(body)) AS total FROM blobs GROUP BY grp",
      'SELECT DISTINCT grp FROM blobs',
      'SELECT a.id AS a, b.id AS b FROM blobs a JOIN blobs b ON a.grp = b.grp AND a.id < b.id',
      "SELECT id FROM blobs WHERE body = '\\x00ff' OR id > '\\x01'",
    ];
    for (const q of queries) expect(await sorted(weir.client, q), q).toEqual(await sorted(pgdb.server.client, q));
    expect(await outcome(weir.client, 'SELECT id FROM blobs ORDER BY id')).toBe(await outcome(pgdb.server.client, 'SELECT id FROM blobs ORDER BY id'));
    for (const [i, q] of queries.entries()) await weir.client.query(`CREATE MATERIALIZED VIEW bv${i} AS ${q}`);
    const check = async (): Promise<void> => {
      await weir.client.query('FLUSH');
      for (const [i, q] of queries.entries()) expect(await sorted(weir.client, `SELECT * FROM bv${i}`), q).toEqual(await sorted(pgdb.server.client, q));
      expect(await sorted(weir.client, 'SELECT * FROM blobs')).toEqual(await sorted(pgdb.server.client, 'SELECT * FROM blobs'));
    };
    await check();
    await both("UPDATE blobs SET id = '\\x03', grp = 'h' WHERE id = '\\x01'");
    await both("UPDATE blobs SET body = body || '\\x99' WHERE grp = 'h'");
    await both("DELETE FROM blobs WHERE id = '\\x'");
    await check();
    await both("SELECT attname, atttypid, atttypmod, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'blobs'::regclass AND attnum > 0 ORDER BY attnum");
    await both("SELECT column_name, data_type, character_maximum_length, character_octet_length, udt_name FROM information_schema.columns WHERE table_name = 'blobs' ORDER BY ordinal_position");
    await both("SELECT typname, typlen, typcategory, typarray FROM pg_type WHERE typname IN ('bytea', '_bytea') ORDER BY 1");
  });

  it('reads as from PostgreSQL through node-postgres: Buffers as parameters, text and binary results', async () => {
    const rows = async (c: typeof weir.client): Promise<unknown> => {
      await c.query('CREATE TABLE np_bytea (k bytea PRIMARY KEY, v bytea)');
      await c.query('INSERT INTO np_bytea VALUES ($1, $2), ($3, $4), ($5, $6)', [Buffer.from([0, 1, 255]), Buffer.from('hello'), Buffer.from('C:\\path'), null, Buffer.from([0x5c, 0x78]), Buffer.alloc(0)]);
      const r = await c.query('SELECT k, v, k = $1 AS eq FROM np_bytea ORDER BY k', [Buffer.from([0, 1, 255])]);
      const binary = await c.query({ text: 'SELECT k, v FROM np_bytea ORDER BY k', binary: true } as pg.QueryConfig);
      const found = await c.query('SELECT v FROM np_bytea WHERE k = $1', [Buffer.from('C:\\path')]);
      return [r.rows, r.fields.map((f) => [f.name, f.dataTypeID, f.dataTypeModifier]), binary.rows, found.rows];
    };
    expect(await rows(weir.client)).toEqual(await rows(pgdb.server.client));
  });

  it.skipIf(psqlMissing)('psql prints, copies in and copies out character(n) and bytea as for PostgreSQL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-psql-bytea-'));
    try {
      writeFileSync(join(dir, 'in.csv'), 'k,b\nab,\\x00ff\n"c  ",hello\n');
      writeFileSync(join(dir, 'in.txt'), 'ab\t\\\\x00ff\ncd\t\\\\000a\\\\\\\\b\n');
      const script = join(dir, 'script.sql');
      writeFileSync(script, [
        'CREATE TABLE cp (k char(4), b bytea);',
        `\\copy cp FROM '${join(dir, 'in.csv')}' CSV HEADER`,
        `\\copy cp FROM '${join(dir, 'in.txt')}'`,
        'SELECT * FROM cp ORDER BY k, b;',
        'COPY cp TO STDOUT;',
        'COPY cp TO STDOUT (FORMAT csv);',
        "SELECT 'ab'::char(5) AS c, '\\x0102'::bytea AS b, 'ab  '::bpchar AS u, NULL::bytea AS n;",
        '\\d cp',
        'DROP TABLE cp;',
      ].join('\n') + '\n');
      const psql = async (args: string[]): Promise<string> => (await run('psql', ['-X', '-v', 'ON_ERROR_STOP=1', ...args, '-f', script], { timeout: 30_000 })).stdout;
      const port = (c: unknown): number => (c as { port: number }).port;
      const mine = await psql(['-h', '127.0.0.1', '-p', String(port(weir.client)), '-U', 'weir', '-d', 'dev']);
      expect(mine).toContain(' ab   | \\x00ff');
      expect(mine).toBe(await psql(['-h', pgdb.server.host, '-p', String(pgdb.server.port), '-U', pgdb.server.user, '-d', pgdb.server.database]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps bytea values and keys across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-bytea-'));
    try {
      let w = await startWeir(dir);
      await w.client.query('CREATE TABLE kept (k bytea PRIMARY KEY, v bytea, a bytea[])');
      await w.client.query("INSERT INTO kept VALUES ('\\x00ff', 'x', '{\"\\\\x01\"}'), ('ab', NULL, NULL)");
      await w.client.query('CREATE MATERIALIZED VIEW kept_v AS SELECT v, count(*) AS n FROM kept GROUP BY v');
      const before = [await outcome(w.client, 'SELECT * FROM kept ORDER BY k'), await outcome(w.client, 'SELECT * FROM kept_v ORDER BY v')];
      await w.close();
      w = await startWeir(dir);
      await w.client.query('FLUSH');
      expect([await outcome(w.client, 'SELECT * FROM kept ORDER BY k'), await outcome(w.client, 'SELECT * FROM kept_v ORDER BY v')]).toEqual(before);
      expect(before[0]).toBe('[["\\\\x00ff","\\\\x78","{\\"\\\\\\\\x01\\"}"],["\\\\x6162",null,null]]');
      expect(await outcome(w.client, "INSERT INTO kept VALUES ('\\x00ff', NULL, NULL)")).toBe('error 23505');
      await w.client.query("INSERT INTO kept VALUES ('\\x01', 'x', NULL)");
      await w.client.query('FLUSH');
      expect(await outcome(w.client, 'SELECT * FROM kept_v ORDER BY v')).toBe('[["\\\\x78","2"],[null,"1"]]');
      await w.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
