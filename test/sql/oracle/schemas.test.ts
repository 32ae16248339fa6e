/**
 * Schemas against PostgreSQL: CREATE/DROP/ALTER SCHEMA, schema-qualified names wherever a
 * relation is named (tables, views, indexes, INSERT/UPDATE/DELETE, ALTER, DROP, COPY, column
 * references `s.t.col` and `s.t.*`, correlated subqueries over two tables of one name),
 * search_path (SET/SHOW, current_schema(), current_schemas(), where unqualified names are
 * found and new objects go), the catalogs that show them (pg_namespace, pg_class,
 * information_schema, regclass, pg_table_is_visible) and psql's `\dn`, `\dt s.*`, `\d s.t`:
 * the same statements in both, the same rows, or the same error (SQLSTATE, message, DETAIL,
 * HINT).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { useWeir } from './weir-server.ts';
import { statementOutcome } from './outcome.ts';

const run = promisify(execFile);
const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

let psqlMissing = false;
try {
  await run('psql', ['--version']);
} catch {
  psqlMissing = true;
  console.warn('skipped: the psql tests of schemas need psql (npm test installs it)');
}

/** What a statement gives: its command, count and rows (sorted unless it orders them), or its error's fields. */
const outcome = (c: unknown, sql: string): Promise<string> => statementOutcome(c, sql);

/**
 * Runs the statements on both servers, one by one; the ones whose outcomes differ. A
 * statement marked `!` runs on both without comparing (CREATE MATERIALIZED VIEW: PostgreSQL's
 * command tag is SELECT n).
 */
async function mismatches(statements: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const sql of statements) {
    if (sql.startsWith('!')) {
      await outcome(weir.client, sql.slice(1));
      await outcome(pgdb.server.client, sql.slice(1));
      continue;
    }
    const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
    if (mine !== theirs) out.push(`${sql}\n  Weir:       ${mine}\n  PostgreSQL: ${theirs}`);
  }
  return out;
}

const weirPort = (): number => (weir.client as unknown as { port: number }).port;

async function psql(port: number, database: string, command: string): Promise<string> {
  const { stdout } = await run('psql', ['-X', '-h', '127.0.0.1', '-p', String(port), '-U', 'weir', '-d', database, '-v', 'ON_ERROR_STOP=1', '-c', command], { timeout: 30_000 });
  return stdout;
}

describe.skipIf(Boolean(pgdb.skipReason))('schemas, against PostgreSQL', () => {
  it('CREATE, DROP and ALTER SCHEMA with PostgreSQL errors', async () => {
    expect(await mismatches([
      'CREATE SCHEMA da',
      'CREATE SCHEMA da',
      'CREATE SCHEMA IF NOT EXISTS da',
      'CREATE SCHEMA IF NOT EXISTS db AUTHORIZATION weir',
      'CREATE SCHEMA AUTHORIZATION weir',
      'CREATE SCHEMA dc AUTHORIZATION nobody',
      'CREATE SCHEMA pg_mine',
      'CREATE SCHEMA pg_catalog',
      'CREATE SCHEMA information_schema',
      'CREATE SCHEMA IF NOT EXISTS pg_catalog',
      "SELECT nspname, pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname IN ('public', 'da', 'db', 'weir', 'pg_catalog', 'information_schema') ORDER BY 1",
      'CREATE TABLE da.t (id int PRIMARY KEY, v text)',
      'CREATE VIEW da.v AS SELECT id FROM da.t',
      'CREATE VIEW elsewhere AS SELECT v FROM da.t',
      'CREATE INDEX ON da.t (v)',
      'CREATE TABLE weir.own (x int)',
      'DROP SCHEMA da',
      'DROP SCHEMA da RESTRICT',
      'DROP SCHEMA nope',
      'DROP SCHEMA IF EXISTS nope',
      'DROP SCHEMA IF EXISTS nope, db',
      'DROP SCHEMA pg_catalog',
      'ALTER SCHEMA nope RENAME TO other',
      'ALTER SCHEMA weir RENAME TO public',
      'ALTER SCHEMA weir RENAME TO pg_weir',
      'ALTER SCHEMA weir RENAME TO mine',
      'SELECT * FROM mine.own',
      'SELECT * FROM weir.own',
      "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'own'",
      'DROP SCHEMA mine',
      'DROP SCHEMA da CASCADE',
      'DROP TABLE mine.own',
      'DROP SCHEMA mine',
      'SELECT * FROM elsewhere',
      "SELECT count(*) FROM pg_namespace WHERE nspname IN ('da', 'db', 'mine')",
    ])).toEqual([]);
  });

  it('CREATE DATABASE and DROP DATABASE are refused with 0A000', async () => {
    for (const sql of ['CREATE DATABASE other', 'DROP DATABASE dev', 'DROP DATABASE IF EXISTS other']) {
      const e = await weir.client.query(sql).then(() => null, (x: { code: string; message: string }) => x);
      expect(e?.code).toBe('0A000');
      expect(e?.message).toMatch(/Weir serves one database, "dev"/);
    }
  });

  it('qualified names in every statement, and s.t.col references', async () => {
    expect(await mismatches([
      'CREATE SCHEMA qa',
      'CREATE SCHEMA qb',
      'CREATE TABLE qa.users (id int PRIMARY KEY, name text NOT NULL, age int)',
      'CREATE TABLE qb.users (id int, email text)',
      'CREATE TABLE nope.users (id int)',
      "INSERT INTO qa.users VALUES (1, 'ann', 30), (2, 'bob', 25), (3, 'cid', 35)",
      "INSERT INTO qb.users (id, email) VALUES (1, 'ann@x'), (3, 'cid@x'), (4, 'dan@x')",
      'INSERT INTO qa.users VALUES (1, NULL, 0)',
      'INSERT INTO qa.nope VALUES (1)',
      'SELECT * FROM qa.users ORDER BY id',
      'SELECT qa.users.name, qb.users.email FROM qa.users, qb.users WHERE qa.users.id = qb.users.id ORDER BY 1',
      'SELECT qa.users.name, qb.users.email FROM qa.users JOIN qb.users ON qa.users.id = qb.users.id ORDER BY 1',
      'SELECT users.name FROM qa.users, qb.users',
      'SELECT qa.users.* FROM qa.users ORDER BY 1',
      'SELECT u.name FROM qa.users AS u ORDER BY 1',
      'SELECT qa.users.name FROM qa.users AS u',
      'SELECT nope.users.name FROM qa.users',
      'SELECT count(*) FROM qa.users WHERE EXISTS (SELECT 1 FROM qb.users WHERE qb.users.id = qa.users.id)',
      'SELECT qa.users.name FROM qa.users WHERE NOT EXISTS (SELECT 1 FROM qb.users WHERE qb.users.id = qa.users.id)',
      'SELECT qa.users.name FROM qa.users WHERE qa.users.id IN (SELECT qb.users.id FROM qb.users) AND age > 25 ORDER BY 1',
      'SELECT name, (SELECT email FROM qb.users WHERE qb.users.id = qa.users.id) FROM qa.users ORDER BY 1',
      'SELECT * FROM qa.nope',
      'SELECT * FROM nope.users',
      'SELECT * FROM users',
      "UPDATE qa.users SET name = upper(qa.users.name) WHERE qa.users.id = 2 RETURNING *",
      'UPDATE qa.users u SET age = u.age + 1 WHERE u.id = 1 RETURNING id, age',
      'DELETE FROM qb.users WHERE id = 4 RETURNING *',
      'UPDATE qb.nope SET id = 1',
      'CREATE VIEW qa.adults AS SELECT id, name FROM qa.users WHERE age >= 30',
      'SELECT * FROM qa.adults ORDER BY id',
      'CREATE INDEX ON qa.users (name)',
      'CREATE INDEX users_email ON qb.users (email)',
      'CREATE INDEX users_email ON qb.users (id)',
      'ALTER TABLE qa.users ADD CONSTRAINT users_age CHECK (age > 0)',
      'INSERT INTO qa.users VALUES (9, \'x\', -1)',
      'ALTER TABLE qa.nope ADD CHECK (id > 0)',
      'ALTER TABLE IF EXISTS qa.nope ADD CHECK (id > 0)',
      "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid IN ('qa.users'::regclass, 'qb.users'::regclass) ORDER BY 1",
      "SELECT conname, connamespace::regnamespace::text FROM pg_constraint WHERE conrelid = 'qa.users'::regclass ORDER BY 1",
      'DROP VIEW qa.adults',
      'DROP TABLE qa.nope',
      'DROP TABLE IF EXISTS qa.nope',
      'DROP TABLE nope.users',
      'DROP TABLE IF EXISTS nope.users',
      'DROP INDEX qb.users_email',
    ])).toEqual([]);
  });

  it('one name twice in a FROM clause: 42712, unless two schemas\' relations', async () => {
    expect(await mismatches([
      'CREATE SCHEMA cc',
      'CREATE TABLE cc.a (id int, b int)',
      'CREATE TABLE a (id int, z int)',
      'INSERT INTO cc.a VALUES (1, 3)',
      'INSERT INTO a VALUES (1, 9)',
      'WITH a(id, c) AS (SELECT 1, 2) SELECT b, c FROM cc.a JOIN a ON cc.a.id = a.id',
      'WITH a(id, c) AS (SELECT 1, 2) SELECT * FROM cc.a, a',
      'WITH a(id, c) AS (SELECT 1, 2) SELECT * FROM a JOIN cc.a USING (id)',
      'WITH a(id, c) AS (SELECT 1, 2) SELECT t.b, a.c FROM cc.a AS t JOIN a ON t.id = a.id',
      'SELECT * FROM cc.a, public.a',
      'SELECT cc.a.b, public.a.z FROM cc.a JOIN public.a ON cc.a.id = public.a.id',
      'SELECT * FROM cc.a, cc.a',
      'SELECT * FROM cc.a x, a x',
      'SELECT * FROM (cc.a JOIN a ON true) j, a',
      'SELECT x.id, y.id FROM cc.a x, cc.a y ORDER BY 1',
      'DROP TABLE a',
      'DROP SCHEMA cc CASCADE',
    ])).toEqual([]);
  });

  it('search_path: where names are found and new objects go', async () => {
    expect(await mismatches([
      'CREATE SCHEMA pa',
      'CREATE SCHEMA pb',
      'CREATE TABLE pa.t (x int)',
      'CREATE TABLE pb.t (y int)',
      'CREATE TABLE pb.only_b (z int)',
      'INSERT INTO pa.t VALUES (1)',
      'INSERT INTO pb.t VALUES (2)',
      'SHOW search_path',
      'SELECT current_schema(), current_schemas(false), current_schemas(true)',
      'SET search_path TO pb, pa, public',
      'SHOW search_path',
      'SELECT current_schema(), current_schemas(false), current_schemas(true)',
      'SELECT * FROM t',
      'SELECT * FROM only_b',
      'INSERT INTO t VALUES (3)',
      'CREATE TABLE made (a int)',
      'CREATE VIEW v AS SELECT * FROM t',
      "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname IN ('made', 'v', 't') ORDER BY 1, 2",
      "SELECT c.relname, n.nspname, pg_table_is_visible(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('pa', 'pb') ORDER BY 2, 1",
      "SELECT 't'::regclass::text, 'pa.t'::regclass::text, 'pb.t'::regclass::text, 'made'::regclass::text",
      'SELECT * FROM pa.t ORDER BY 1',
      'SET search_path TO pa',
      'SELECT * FROM t',
      'SELECT * FROM v',
      'SELECT * FROM pb.v',
      "SELECT 'pb.t'::regclass::text",
      'SET search_path = "$user", public',
      'SHOW search_path',
      'SELECT current_schema()',
      "SET search_path TO 'pa,pb', \"Mixed\", pb",
      'SHOW search_path',
      'SELECT current_schemas(false)',
      'SET search_path TO nope',
      'SELECT current_schema(), current_schemas(false), current_schemas(true)',
      'CREATE TABLE lost (a int)',
      'SELECT * FROM pa.t',
      "SET search_path = ''",
      'SELECT current_schemas(true)',
      'SET search_path TO DEFAULT',
      'SHOW search_path',
      'SET SCHEMA \'pb\'',
      'SHOW search_path',
      'RESET search_path',
      'SELECT current_schema()',
      'DROP SCHEMA pa, pb CASCADE',
    ])).toEqual([]);
  });

  it('information_schema and pg_catalog list the schemas and what is in them', async () => {
    expect(await mismatches([
      'CREATE SCHEMA ia',
      'CREATE TABLE ia.t (id int PRIMARY KEY, v varchar(10) NOT NULL)',
      'CREATE VIEW ia.v AS SELECT id FROM ia.t',
      "SELECT schema_name, schema_owner FROM information_schema.schemata WHERE schema_name IN ('public', 'ia', 'pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1",
      "SELECT table_schema, table_name, table_type FROM information_schema.tables WHERE table_schema = 'ia' ORDER BY 2",
      "SELECT table_schema, table_name, column_name, ordinal_position, is_nullable, data_type FROM information_schema.columns WHERE table_schema = 'ia' ORDER BY 2, 4",
      "SELECT table_schema, table_name FROM information_schema.views WHERE table_schema = 'ia'",
      "SELECT constraint_schema, table_schema, table_name, constraint_type FROM information_schema.table_constraints WHERE table_schema = 'ia' AND constraint_type <> 'CHECK' ORDER BY 3",
      "SELECT constraint_schema, table_schema, table_name, column_name FROM information_schema.key_column_usage WHERE table_schema = 'ia'",
      "SELECT schemaname, tablename FROM pg_tables WHERE schemaname = 'ia'",
      "SELECT schemaname, viewname FROM pg_views WHERE schemaname = 'ia'",
      '!CREATE MATERIALIZED VIEW ia.m AS SELECT count(*) AS n FROM ia.t',
      "SELECT schemaname, matviewname FROM pg_matviews WHERE schemaname = 'ia'",
      "SELECT c.relname, c.relkind FROM pg_class c WHERE c.relnamespace = 'ia'::regnamespace ORDER BY 1",
      "SELECT 'ia'::regnamespace::text, 'nope'::regnamespace",
      "SELECT 'nope.t'::regclass",
      'DROP SCHEMA ia CASCADE',
    ])).toEqual([]);
  });

  it.skipIf(psqlMissing)('psql: \\dn, \\dt s.*, \\d s.t, \\dv s.* and \\di s.* print what they print for PostgreSQL', async () => {
    const ddl = [
      'CREATE SCHEMA sales',
      'CREATE SCHEMA hr AUTHORIZATION weir',
      'CREATE TABLE sales.orders (id int PRIMARY KEY, amount numeric(10,2) NOT NULL CHECK (amount > 0), customer text UNIQUE)',
      'CREATE INDEX orders_amount ON sales.orders (amount)',
      'CREATE TABLE hr.people (id int, name text)',
      'CREATE VIEW sales.big AS SELECT id FROM sales.orders WHERE amount > 100',
    ];
    for (const sql of ddl) {
      await pgdb.server.client.query(sql);
      await weir.client.query(sql);
    }
    for (const command of ['\\dn', '\\dt sales.*', '\\dt *.orders', '\\d sales.orders', '\\dv sales.*', '\\di sales.*', '\\dt hr.*']) {
      expect(await psql(weirPort(), 'dev', command), command).toBe(await psql(pgdb.server.port, pgdb.server.database, command));
    }
    for (const sql of ['DROP SCHEMA sales CASCADE', 'DROP SCHEMA hr CASCADE']) {
      await pgdb.server.client.query(sql);
      await weir.client.query(sql);
    }
  });

  it.skipIf(psqlMissing)('psql: \\copy into and out of a schema\'s table', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'weir-schemas-')), 'rows.csv');
    writeFileSync(file, '1,x\n2,y\n');
    await weir.client.query('CREATE SCHEMA cp');
    await weir.client.query('CREATE TABLE cp.t (a int, b text)');
    await psql(weirPort(), 'dev', `\\copy cp.t FROM '${file}' CSV`);
    expect(await psql(weirPort(), 'dev', '\\copy cp.t TO STDOUT CSV')).toBe('1,x\n2,y\n');
    expect(await psql(weirPort(), 'dev', '\\copy (SELECT b FROM cp.t ORDER BY a DESC) TO STDOUT')).toBe('y\nx\n');
    await weir.client.query('DROP SCHEMA cp CASCADE');
    rmSync(dirname(file), { recursive: true, force: true });
  });
});
