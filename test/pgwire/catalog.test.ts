/**
 * pg_catalog and information_schema as clients read them, against PostgreSQL: the same
 * tables, views, indexes and functions are created in both; psql's describe commands
 * (`\dt`, `\d t`, `\d+ t`, `\di`, `\df`, ...) must print what they print for PostgreSQL, and
 * the catalog queries drivers and BI tools send (information_schema.columns, key columns,
 * regclass lookups, pg_type) must return the same rows.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { usePostgres } from '../support/postgres.ts';
import { useWeir } from '../sql/oracle/weir-server.ts';

const run = promisify(execFile);
const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

let psqlMissing = false;
try {
  await run('psql', ['--version']);
} catch {
  psqlMissing = true;
  console.warn('skipped: the psql describe tests need psql (npm test installs it)');
}

const JDBC_JAR = '/usr/share/java/postgresql.jar';
const jdbcMissing = !existsSync(JDBC_JAR) || !existsSync('/usr/bin/java');
if (jdbcMissing) console.warn(`skipped: the JDBC metadata test needs java and ${JDBC_JAR} (npm test installs them)`);

const PYTHON = '/usr/bin/python3';
const sqlalchemyMissing = !existsSync(PYTHON) || (await run(PYTHON, ['-c', 'import sqlalchemy, psycopg2']).then(() => false, () => true));
if (sqlalchemyMissing) console.warn('skipped: the SQLAlchemy inspector test needs python3-sqlalchemy and python3-psycopg2 (npm test installs them)');

const pgcliMissing = !existsSync(PYTHON) || (await run(PYTHON, ['-c', 'import pgcli.pgexecute']).then(() => false, () => true));
if (pgcliMissing) console.warn('skipped: the pgcli test needs pgcli (npm test installs it)');

const odbcMissing = !existsSync('/usr/bin/isql') || !existsSync('/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so');
if (odbcMissing) console.warn('skipped: the ODBC test needs unixodbc and odbc-postgresql (npm test installs them)');

const DDL = [
  'CREATE TABLE t (id int PRIMARY KEY, name varchar(20), amount numeric(10,2) NOT NULL, ts timestamp, tags text[], doc jsonb, n bigint DEFAULT 0)',
  'CREATE INDEX t_name ON t (name)',
  'CREATE TABLE plain (a int, b text)',
  `CREATE TABLE ty (a smallint, b int, c bigint, d real, e double precision, f numeric, g numeric(10,2), h varchar, i varchar(5), j text,
     k timestamp, l timestamp(3), m timestamptz, n date, o time, p interval, q jsonb, r boolean, s int[], u text[],
     v char(3), w bpchar, x bytea, y character(2)[], z character)`,
  'CREATE TABLE pair (x int, y text, z int, PRIMARY KEY (y, x))',
  'CREATE MATERIALIZED VIEW mv AS SELECT name, count(*) FROM t GROUP BY name',
  'CREATE VIEW v AS SELECT id, name FROM t WHERE id > 1',
  "CREATE FUNCTION add1(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 1'",
];

const port = (c: unknown): number => (c as { port: number }).port;

async function psql(p: number, database: string, command: string): Promise<string> {
  const { stdout } = await run('psql', ['-X', '-h', '127.0.0.1', '-p', String(p), '-U', 'weir', '-d', database, '-v', 'ON_ERROR_STOP=1', '-c', command], { timeout: 30_000 });
  return stdout;
}

let created = false;
async function setUp(): Promise<void> {
  if (created) return;
  for (const sql of DDL) {
    await pgdb.server.client.query(sql);
    await weir.client.query(sql);
  }
  created = true;
}

async function rows(c: unknown, sql: string): Promise<unknown[][]> {
  const r = await (c as { query(q: object): Promise<{ rows: unknown[][] }> }).query({ text: sql, rowMode: 'array' });
  return r.rows;
}

describe.skipIf(pgdb.skipReason)('the system catalogs, against PostgreSQL', () => {
  describe.skipIf(psqlMissing)('psql describe commands', () => {
    const commands = ['\\dt', '\\d', '\\dv', '\\dm', '\\di', '\\dn', '\\df', '\\d t', '\\d+ t', '\\d pair', '\\d ty', '\\d mv', '\\d v', '\\d t_pkey', '\\d pair_pkey', '\\d t_name', '\\du', '\\sf add1'];
    it.each(commands)('%s prints what it prints for PostgreSQL', async (command) => {
      await setUp();
      const expected = await psql(pgdb.server.port, pgdb.server.database, command);
      expect(await psql(port(weir.client), 'dev', command)).toBe(expected);
    });

    it('\\d+ of a view shows its definition, \\l the database', async () => {
      await setUp();
      const view = await psql(port(weir.client), 'dev', '\\d+ v');
      expect(view).toContain('View "public.v"');
      expect(view).toMatch(/View definition:\n SELECT id, name FROM t WHERE id > 1;/);
      const databases = await psql(port(weir.client), 'dev', '\\l');
      expect(databases).toMatch(/^ dev +\| weir +\| UTF8 +\| C +\| C +\| +\| libc +\| +$/m);
      // Sizes: the bytes of a table's files in the data directory (0 here: the test engine keeps tables in memory).
      expect(await psql(port(weir.client), 'dev', '\\l+')).toMatch(/^ dev +\| weir +\| UTF8 .*\| 0 bytes +\| pg_default +\| +$/m);
      expect(await psql(port(weir.client), 'dev', '\\dt+ t')).toMatch(/^ public \| t +\| table \| weir +\| permanent +\| heap +\| 0 bytes \| +$/m);
    });
  });

  const QUERIES = [
    `SELECT table_name, column_name, ordinal_position, column_default, is_nullable, data_type, character_maximum_length, character_octet_length,
        numeric_precision, numeric_precision_radix, numeric_scale, datetime_precision, udt_name
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN ('t', 'plain', 'ty', 'v') ORDER BY table_name, ordinal_position`,
    `SELECT table_catalog = current_database(), table_name, table_type FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('t', 'plain', 'v') ORDER BY 2`,
    `SELECT tc.table_name, tc.constraint_name, tc.constraint_type, k.column_name, k.ordinal_position
       FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name
      WHERE tc.table_schema = 'public' ORDER BY 1, 5`,
    `SELECT schema_name FROM information_schema.schemata WHERE schema_name IN ('public', 'information_schema', 'pg_catalog') ORDER BY 1`,
    `SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute WHERE attrelid = 'public.t'::regclass AND attnum > 0 ORDER BY attnum`,
    `SELECT c.oid::regclass::text, c.relkind, c.relnatts, c.relhasindex FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' ORDER BY 1`,
    `SELECT i.indexrelid::regclass::text, i.indrelid::regclass::text, i.indisprimary, i.indisunique, i.indnatts, pg_get_indexdef(i.indexrelid)
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1`,
    `SELECT conname, contype, pg_get_constraintdef(oid), conkey FROM pg_constraint WHERE conrelid = 'pair'::regclass AND contype = 'p'`,
    `SELECT oid, typname, typlen, typtype, typcategory, typelem, typarray, typstorage, typalign, typcollation FROM pg_type
      WHERE oid IN (16, 20, 21, 23, 25, 700, 701, 1043, 1082, 1083, 1114, 1184, 1186, 1700, 3802, 1007, 1009, 1115) ORDER BY oid`,
    `SELECT 'int4'::regtype::oid, 'text[]'::regtype::oid, 23::regtype::text, 'pg_catalog.trigger'::regtype::oid`,
    `SELECT viewname FROM pg_views WHERE schemaname = 'public' UNION ALL SELECT matviewname FROM pg_matviews UNION ALL SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    `SELECT p.proname, pg_get_function_arguments(p.oid), pg_get_function_result(p.oid), p.pronargs FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace`,
    `SELECT x, pg_size_pretty(x) FROM (VALUES (0::bigint), (10239), (10240), (20000), (1048575), (1048576), (123456789), (99999999999), (-20000),
        (1099511627776000)) v(x) ORDER BY x`,
    `SELECT c.relname, EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary) AS has_pk FROM pg_class c
      WHERE c.relkind = 'r' AND c.relnamespace = 2200 ORDER BY 1`,
  ];

  it.each(QUERIES)('%s', async (sql) => {
    await setUp();
    expect(await rows(weir.client, sql)).toEqual(await rows(pgdb.server.client, sql));
  });

  it.skipIf(jdbcMissing)('pgJDBC DatabaseMetaData lists schemas, tables, views, columns, keys, indexes and functions as for PostgreSQL', async () => {
    await setUp();
    const program = join(import.meta.dirname, '../sql/e2e/clients/JdbcMetadata.java');
    const metadata = async (p: number, database: string): Promise<string> =>
      (await run('java', ['-cp', JDBC_JAR, program, String(p), database], { timeout: 120_000 })).stdout;
    const [fromWeir, fromPostgres] = await Promise.all([metadata(port(weir.client), 'dev'), metadata(pgdb.server.port, pgdb.server.database)]);
    expect(fromPostgres).toContain('tables\tpublic|mv|MATERIALIZED VIEW|null');
    expect(fromPostgres).toContain("result columns\tcount|int8|mv|1");
    expect(fromPostgres).toContain("primary keys\tpair|y|1|pair_pkey");
    expect(fromWeir).toBe(fromPostgres);
  }, 180_000);

  it.skipIf(sqlalchemyMissing)('SQLAlchemy\'s inspector reflects schemas, tables, views, columns, keys and indexes as for PostgreSQL', async () => {
    await setUp();
    for (const c of [pgdb.server.client, weir.client]) await c.query("INSERT INTO t (id, name, amount) VALUES (1, 'a', 1), (2, 'b', 2) ON CONFLICT DO NOTHING");
    const script = join(import.meta.dirname, '../sql/e2e/clients/sqlalchemy_inspect.py');
    const inspect = async (p: number, database: string): Promise<string> => (await run(PYTHON, [script, String(p), database], { timeout: 120_000 })).stdout;
    const [fromWeir, fromPostgres] = await Promise.all([inspect(port(weir.client), 'dev'), inspect(pgdb.server.port, pgdb.server.database)]);
    expect(fromPostgres).toContain('"step": "primary key pair", "value": {"constrained_columns": ["y", "x"], "name": "pair_pkey"}');
    expect(fromWeir).toBe(fromPostgres);
  }, 180_000);

  it.skipIf(pgcliMissing)('pgcli\'s completion metadata (schemas, tables, views, columns, functions, types) is what PostgreSQL gives', async () => {
    await setUp();
    const script = join(import.meta.dirname, '../sql/e2e/clients/pgcli_metadata.py');
    const metadata = async (p: number, database: string): Promise<string> => (await run(PYTHON, [script, String(p), database], { timeout: 120_000 })).stdout;
    const [fromWeir, fromPostgres] = await Promise.all([metadata(port(weir.client), 'dev'), metadata(pgdb.server.port, pgdb.server.database)]);
    expect(fromPostgres).toContain('"step": "functions", "value": [["public", "add1", "integer", false, false]]');
    expect(fromWeir).toBe(fromPostgres);
  }, 180_000);

  it('result columns are named as PostgreSQL names them (subqueries, EXISTS, ARRAY)', async () => {
    await setUp();
    const sql = 'SELECT (SELECT 1 AS a), (SELECT max(id) FROM t), (SELECT id FROM t LIMIT 1), EXISTS (SELECT 1), ARRAY[1], ARRAY(SELECT 1), 1 IN (SELECT 1), (SELECT 1) AS named';
    const names = async (c: unknown): Promise<string[]> => (await (c as pg.Client).query(sql)).fields.map((f) => f.name);
    expect(await names(weir.client)).toEqual(await names(pgdb.server.client));
  });

  it.skipIf(odbcMissing)('psqlODBC through isql (what Excel and Power BI use): tables, columns and a query as for PostgreSQL', async () => {
    await setUp();
    const dir = mkdtempSync(join(tmpdir(), 'weir-odbc-'));
    try {
      const dsn = (name: string, p: number, database: string): string =>
        `[${name}]\nDriver=PostgreSQL Unicode\nServername=127.0.0.1\nPort=${p}\nDatabase=${database}\nUsername=weir\n`;
      writeFileSync(join(dir, 'odbc.ini'), dsn('weir', port(weir.client), 'dev') + dsn('postgres', pgdb.server.port, pgdb.server.database));
      // SQLTables (help), SQLColumns (help t), then a query; the database name and table oids differ by design.
      const isql = async (name: string, database: string): Promise<string> => {
        const out = await new Promise<string>((resolve, reject) => {
          const child = execFile('isql', ['-b', '-d|', '-c', name], { env: { ...process.env, ODBCINI: join(dir, 'odbc.ini') }, timeout: 60_000 }, (e, stdout, stderr) =>
            e === null ? resolve(stdout) : reject(new Error(`${e.message}\n${stdout}${stderr}`)),
          );
          child.stdin!.end('help\nhelp t\nSELECT id, name, amount FROM t ORDER BY id\n');
        });
        let oidColumn = -1;
        return out.split('\n').map((line) => {
          const fields = line.split('|');
          if (fields.includes('TABLE OID')) oidColumn = fields.indexOf('TABLE OID');
          if (fields[0] === database) fields[0] = '<database>';
          if (oidColumn >= 0 && fields.length > oidColumn && fields[0] === '<database>' && fields[3] !== undefined) fields[oidColumn] = '<oid>';
          return fields.join('|');
        }).join('\n');
      };
      const [fromWeir, fromPostgres] = await Promise.all([isql('weir', 'dev'), isql('postgres', pgdb.server.database)]);
      expect(fromPostgres).toContain('<database>|public|mv|MATVIEW|');
      expect(fromWeir).toBe(fromPostgres);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('a name that is not there is an error, as in PostgreSQL', async () => {
    await setUp();
    for (const [sql, code] of [["SELECT 'nope'::regclass", '42P01'], ["SELECT 'nope'::regtype", '42704'], ["SELECT 'nope'::regnamespace", '3F000']] as const) {
      await expect(weir.client.query(sql)).rejects.toMatchObject({ code });
      await expect(pgdb.server.client.query(sql)).rejects.toMatchObject({ code });
    }
  });
});
