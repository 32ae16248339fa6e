/**
 * UNIQUE, CHECK and NOT NULL constraints and unique indexes against PostgreSQL: the same
 * statements in both, the same outcome for each — rows, row counts, or the error's SQLSTATE,
 * message, DETAIL, HINT, CONTEXT and the schema, table, column and constraint it names — through INSERT (several rows, duplicates within one
 * statement), UPDATE (rows moving keys in scan order), COPY, ON CONFLICT with unique
 * constraints and indexes as arbiters, CREATE/DROP UNIQUE INDEX; the names PostgreSQL gives
 * unnamed constraints; psql's `\d` and the catalog queries showing them. A refused statement
 * changes nothing a materialized view shows.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { useWeir } from './weir-server.ts';
import { OBJECT_ERROR_FIELDS, statementOutcome } from './outcome.ts';

const run = promisify(execFile);
const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();
const dir = mkdtempSync(join(tmpdir(), 'weir-constraints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let psqlMissing = false;
try {
  await run('psql', ['--version']);
} catch {
  psqlMissing = true;
  console.warn('skipped: the psql tests of constraints need psql (npm test installs it)');
}

/** What a statement gives: its rows (sorted unless it orders them) and count, or its error's fields. */
const outcome = (c: unknown, sql: string): Promise<string> => statementOutcome(c, sql, undefined, OBJECT_ERROR_FIELDS);

/** Runs the statements on both servers, one by one; the ones whose outcomes differ. */
async function mismatches(statements: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const sql of statements) {
    const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
    if (mine !== theirs) out.push(`${sql}\n  Weir:       ${mine}\n  PostgreSQL: ${theirs}`);
  }
  return out;
}

const weirPort = (): number => (weir.client as unknown as { port: number }).port;

async function psql(port: number, database: string, command: string): Promise<string> {
  try {
    const { stdout, stderr } = await run('psql', ['-X', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'weir', '-d', database, '-c', command], { timeout: 60_000, env: { ...process.env, LANG: 'C.UTF-8' } });
    return stdout + stderr;
  } catch (e) {
    const { stdout, stderr } = e as { stdout: string; stderr: string };
    return stdout + stderr;
  }
}

/** The same psql command on both servers: what each printed. */
async function bothPsql(command: string): Promise<[string, string]> {
  return [await psql(weirPort(), 'dev', command), await psql(pgdb.server.port, pgdb.server.database, command)];
}

describe.skipIf(pgdb.skipReason)('constraints, against PostgreSQL', () => {
  it('UNIQUE: column and table level, names, NULLs, several rows, duplicates within a statement', async () => {
    expect(await mismatches([
      'CREATE TABLE u1 (id int PRIMARY KEY, a int UNIQUE, b int, c text, UNIQUE (b, c), d int UNIQUE NULLS NOT DISTINCT, CONSTRAINT u1_named UNIQUE (c))',
      "INSERT INTO u1 VALUES (1, 1, 1, 'x', 1)",
      "INSERT INTO u1 VALUES (2, 1, 2, 'y', 2)",
      "INSERT INTO u1 VALUES (2, 2, 1, 'x', 3)",
      "INSERT INTO u1 VALUES (2, 2, 1, 'z', 3)",
      // NULLs are distinct (PostgreSQL 15's default) except under NULLS NOT DISTINCT.
      'INSERT INTO u1 VALUES (3, NULL, NULL, NULL, NULL), (4, NULL, NULL, NULL, 5)',
      'INSERT INTO u1 VALUES (5, NULL, NULL, NULL, NULL)',
      // A duplicate within one statement fails it whole, on the first row that repeats a key.
      "INSERT INTO u1 VALUES (6, 6, 6, 'p', 6), (7, 7, 7, 'q', 7), (8, 6, 8, 'r', 8)",
      "INSERT INTO u1 VALUES (6, 6, 6, 'p', 6), (7, 7, 6, 'p', 7)",
      "INSERT INTO u1 SELECT 10 + g, 10 + g, 10 + g, 'g' || g, 10 + g FROM generate_series(1, 3) g",
      "INSERT INTO u1 SELECT 20 + g, 11, g, 's' || g, 20 + g FROM generate_series(1, 3) g",
      'SELECT * FROM u1',
      'SELECT conname, contype, conkey, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = \'u1\'::regclass ORDER BY conname',
      // The names PostgreSQL chooses, past names already taken, and merged duplicates.
      'CREATE TABLE u2 (a int UNIQUE UNIQUE, b int UNIQUE, UNIQUE (b), CONSTRAINT u2_named UNIQUE (a), c int, UNIQUE (c, a), UNIQUE (a, c))',
      'CREATE TABLE u2_x_key (z int)',
      'CREATE TABLE u3 (x int UNIQUE, y int PRIMARY KEY UNIQUE, z int, UNIQUE (y))',
      'CREATE TABLE u4 (a int UNIQUE, b int, CONSTRAINT u4_a_key UNIQUE (b))',
      'CREATE TABLE u4 (a int, CONSTRAINT u1_named UNIQUE (a))',
      'CREATE TABLE u4 (a int, UNIQUE (zz))',
      'CREATE TABLE u4 (a int, UNIQUE (a, a))',
      'CREATE TABLE averyveryveryveryveryverylongtablenamethatgoesonandon (averyveryveryveryveryverylongcolumnname int UNIQUE, b int, UNIQUE (averyveryveryveryveryverylongcolumnname, b))',
      `SELECT c.relname, i.indisunique, i.indnullsnotdistinct, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid IN ('u1'::regclass, 'u2'::regclass, 'u3'::regclass, 'averyveryveryveryveryverylongtablenamethatgoesonandon'::regclass) ORDER BY 1`,
    ]), 'outcomes differ').toEqual([]);
    // Weir checks every constraint at once; a DEFERRABLE one (checked at commit) is refused.
    expect(JSON.parse(await outcome(weir.client, 'CREATE TABLE u4 (a int, UNIQUE (a) DEFERRABLE)'))).toMatchObject({ code: '0A000' });
  });

  it('keys compare as SQL = does: numerics of any scale, intervals by their span, -0 and NaN', async () => {
    expect(await mismatches([
      'CREATE TABLE k1 (n numeric UNIQUE, i interval UNIQUE, f float8 UNIQUE, t timestamptz UNIQUE, r numeric, s numeric PRIMARY KEY)',
      'INSERT INTO k1 (s, n) VALUES (1, 1.0), (2, 1.00)',
      "INSERT INTO k1 (s, i) VALUES (1, '1 day'), (2, '24 hours')",
      "INSERT INTO k1 (s, i) VALUES (1, '1 mon'), (2, '30 days')",
      "INSERT INTO k1 (s, f) VALUES (1, 0), (2, '-0')",
      "INSERT INTO k1 (s, f) VALUES (1, 'NaN'), (2, 'NaN')",
      "INSERT INTO k1 (s, t) VALUES (1, '2020-01-01 00:00:00+00'), (2, '2020-01-01 01:00:00+01')",
      'INSERT INTO k1 (s) VALUES (1.0), (1.00)',
      'INSERT INTO k1 (s, r) VALUES (1.50, 2.50), (3, 4)',
      'CREATE INDEX k1_r ON k1 (r)',
      'SELECT s, r FROM k1 WHERE s = 1.5',
      'SELECT s, r FROM k1 WHERE r = 2.5',
      'INSERT INTO k1 (s, r) VALUES (1.5, 0) ON CONFLICT (s) DO UPDATE SET r = excluded.r + k1.r RETURNING s, r',
    ]), 'outcomes differ').toEqual([]);
  });

  it('UPDATE checks each row at once, in the order rows are updated, as PostgreSQL does', async () => {
    expect(await mismatches([
      "CREATE TABLE m1 (a int UNIQUE, b text)",
      "INSERT INTO m1 VALUES (1, 'x'), (2, 'y'), (3, 'z')",
      'UPDATE m1 SET a = a + 1',
      'UPDATE m1 SET a = a - 1',
      'SELECT * FROM m1 ORDER BY a',
      'UPDATE m1 SET a = a + 10',
      'UPDATE m1 SET a = 14 - a',
      // Rows updated last come last: now 4, 3, 2 in scan order, so + 1 succeeds.
      'UPDATE m1 SET a = a + 1',
      'SELECT * FROM m1 ORDER BY a',
      "UPDATE m1 SET a = 5 WHERE b = 'z'",
      "UPDATE m1 SET a = NULL WHERE b <> 'x'",
      'SELECT * FROM m1 ORDER BY b',
      'CREATE TABLE m2 (k int PRIMARY KEY, v int)',
      'INSERT INTO m2 VALUES (1, 10), (2, 20), (3, 30)',
      'UPDATE m2 SET k = k + 1',
      // Row by row: the first row's duplicate key comes before the second row's division by zero.
      'UPDATE m2 SET k = k + 1, v = v / (k - 2)',
      'UPDATE m2 SET k = k - 1 RETURNING *',
      'UPDATE m2 SET k = 7 WHERE v > 10',
      'CREATE TABLE m3 (k int, nk int)',
      'INSERT INTO m3 VALUES (0, 100), (2, 200)',
      'UPDATE m2 SET k = m3.nk FROM m3 WHERE m3.k = m2.k',
      'UPDATE m2 SET v = 20 FROM m3 WHERE m3.k = m2.k',
      'CREATE UNIQUE INDEX m2_v ON m2 (v)',
      'UPDATE m2 SET v = 20 FROM m3 WHERE m3.k = m2.k',
      'SELECT * FROM m2',
    ]), 'outcomes differ').toEqual([]);
  });

  it('CREATE UNIQUE INDEX: ordering, NULLS NOT DISTINCT, IF NOT EXISTS, over duplicates, DROP INDEX', async () => {
    expect(await mismatches([
      'CREATE TABLE x1 (a int, b text, c int)',
      "INSERT INTO x1 VALUES (1, 'p', 1), (1, 'q', 2), (NULL, 'r', 3), (NULL, 'r', 4)",
      'CREATE UNIQUE INDEX x1_a ON x1 (a)',
      'CREATE UNIQUE INDEX x1_a ON x1 (a DESC, b)',
      'CREATE UNIQUE INDEX x1_b ON x1 (b DESC NULLS LAST)',
      'CREATE UNIQUE INDEX x1_b ON x1 (b DESC NULLS LAST, c ASC NULLS FIRST)',
      'CREATE UNIQUE INDEX IF NOT EXISTS x1_b ON x1 (c)',
      'CREATE UNIQUE INDEX x1_b ON x1 (c)',
      'CREATE UNIQUE INDEX x1_nn ON x1 (a, b) NULLS NOT DISTINCT',
      'CREATE UNIQUE INDEX ON x1 (c, a)',
      'CREATE UNIQUE INDEX ON x1 (c, a)',
      'CREATE UNIQUE INDEX x1_z ON x1 (zz)',
      'CREATE UNIQUE INDEX x1_z ON nope (a)',
      "INSERT INTO x1 VALUES (NULL, 'r', 5)",
      "INSERT INTO x1 VALUES (9, 'r', 4)",
      'SELECT c.relname, i.indoption, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = \'x1\'::regclass ORDER BY 1',
      'DROP INDEX x1_b',
      "INSERT INTO x1 VALUES (9, 'r', 4)",
      'CREATE TABLE x2 (a int UNIQUE)',
      'DROP INDEX x2_a_key',
      'DROP TABLE x2',
      'CREATE TABLE x2 (a int UNIQUE)',
    ]), 'outcomes differ').toEqual([]);
  });

  it('CHECK and NOT NULL: names, the order checks apply in, NULL passing, refused expressions', async () => {
    expect(await mismatches([
      'CREATE TABLE c1 (id int PRIMARY KEY, a int CHECK (a > 0), b int NOT NULL, c text CHECK (c <> \'\'), CHECK (a < b), CONSTRAINT b_small CHECK (b < 100), CHECK (a + a > 0), CHECK (b > 0) )',
      "INSERT INTO c1 VALUES (1, 1, 2, 'x')",
      "INSERT INTO c1 VALUES (2, 0, 2, 'x')",
      "INSERT INTO c1 VALUES (2, 3, 2, 'x')",
      "INSERT INTO c1 VALUES (2, 3, 200, '')",
      "INSERT INTO c1 VALUES (2, -1, 200, '')",
      "INSERT INTO c1 VALUES (2, NULL, NULL, 'x')",
      // NULL is not FALSE: it passes.
      'INSERT INTO c1 VALUES (3, NULL, 5, NULL)',
      // Row by row: the second row's CHECK fails before the third row's duplicate key is met.
      "INSERT INTO c1 VALUES (4, 1, 5, 'a'), (5, 9, 5, 'b'), (1, 1, 5, 'c')",
      "INSERT INTO c1 VALUES (4, 1, 5, 'a'), (1, 1, 5, 'c'), (5, 9, 5, 'b')",
      'UPDATE c1 SET b = b * 50',
      'UPDATE c1 SET a = b + 1 WHERE id = 1',
      "UPDATE c1 SET c = '' WHERE id = 3",
      'SELECT * FROM c1',
      'SELECT conname, contype, conkey, pg_get_constraintdef(oid, true), pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = \'c1\'::regclass ORDER BY conname',
      "CREATE TABLE c2 (a int CHECK (a > 0) CHECK (a > 0), b int CONSTRAINT c2_a_check2 CHECK (b > 1), CHECK (a > 0 AND a < 9), CHECK (true))",
      'CREATE TABLE c3 (a int, CONSTRAINT cc CHECK (a < 9), CONSTRAINT cc CHECK (a < 8))',
      'CREATE TABLE c3 (a int, CHECK (a + 1))',
      'CREATE TABLE c3 (a int, CHECK (a > (SELECT 1)))',
      'CREATE TABLE c3 (a int, CHECK (sum(a) > 1))',
      'CREATE TABLE c3 (a int, CHECK (nosuchcolumn > 1))',
      'CREATE TABLE c3 (a int, CHECK (other.a > 1))',
      'CREATE TABLE c3 (a int, CHECK (c3.a > 1), CONSTRAINT cc2 CHECK (a < 5))',
      'INSERT INTO c3 VALUES (5)',
      `SELECT conname, pg_get_constraintdef(oid, true) FROM pg_constraint WHERE conrelid IN ('c2'::regclass, 'c3'::regclass) ORDER BY conname`,
      `SELECT constraint_name, check_clause FROM information_schema.check_constraints WHERE constraint_name IN ('c1_a_check', 'b_small', 'c1_check')  ORDER BY 1`,
      `SELECT table_name, constraint_name, constraint_type, nulls_distinct FROM information_schema.table_constraints
        WHERE table_name IN ('c1', 'u1') AND constraint_type <> 'CHECK' ORDER BY 1, 2`,
      `SELECT table_name, constraint_type, count(*) FROM information_schema.table_constraints WHERE table_name IN ('c1', 'u1') GROUP BY 1, 2 ORDER BY 1, 2`,
      `SELECT k.constraint_name, k.column_name, k.ordinal_position FROM information_schema.key_column_usage k WHERE k.table_name = 'u1' ORDER BY 1, 3`,
      `SELECT relname, relchecks, relhasindex FROM pg_class WHERE relname IN ('c1', 'c2', 'u1') ORDER BY 1`,
    ]), 'outcomes differ').toEqual([]);
  });

  it('ON CONFLICT with unique constraints and indexes as arbiters', async () => {
    expect(await mismatches([
      'CREATE TABLE o1 (id int PRIMARY KEY, a int UNIQUE CHECK (a > 0), b int, c int)',
      'CREATE UNIQUE INDEX o1_bc ON o1 (b, c)',
      'INSERT INTO o1 VALUES (1, 10, 1, 1), (2, 20, 2, 2)',
      'INSERT INTO o1 VALUES (3, 10, 3, 3) ON CONFLICT DO NOTHING',
      'INSERT INTO o1 VALUES (3, 10, 3, 3) ON CONFLICT (id) DO NOTHING',
      'INSERT INTO o1 VALUES (3, 10, 3, 3) ON CONFLICT (a) DO NOTHING',
      'INSERT INTO o1 VALUES (3, 10, 3, 3) ON CONFLICT (a) DO UPDATE SET b = excluded.b RETURNING *',
      'INSERT INTO o1 VALUES (4, 20, 3, 3) ON CONFLICT (a) DO UPDATE SET b = excluded.b RETURNING *',
      'INSERT INTO o1 VALUES (5, 30, 2, 2) ON CONFLICT (c, b) DO UPDATE SET a = 99 RETURNING *',
      'INSERT INTO o1 VALUES (5, 30, 2, 2) ON CONFLICT ON CONSTRAINT o1_a_key DO NOTHING',
      'INSERT INTO o1 VALUES (5, 30, 2, 2) ON CONFLICT ON CONSTRAINT o1_bc DO NOTHING',
      'INSERT INTO o1 VALUES (5, 30, 2, 2) ON CONFLICT ON CONSTRAINT o1_a_check DO NOTHING',
      'INSERT INTO o1 VALUES (5, 30, 2, 2) ON CONFLICT ON CONSTRAINT nope DO NOTHING',
      'INSERT INTO o1 VALUES (5, 30, 2, 2) ON CONFLICT (b) DO NOTHING',
      'INSERT INTO o1 VALUES (1, 77, 7, 7) ON CONFLICT (a) DO NOTHING',
      'INSERT INTO o1 VALUES (6, 77, 7, 7), (7, 77, 8, 8) ON CONFLICT (a) DO UPDATE SET b = 0',
      'INSERT INTO o1 VALUES (6, 77, 7, 7), (7, 77, 8, 8) ON CONFLICT (a) DO NOTHING',
      'INSERT INTO o1 VALUES (1, 10, 50, 50) ON CONFLICT (id) DO UPDATE SET id = 100 RETURNING *',
      'INSERT INTO o1 VALUES (100, 10, 50, 50) ON CONFLICT (id) DO UPDATE SET a = 20 RETURNING *',
      'INSERT INTO o1 VALUES (100, 10, 50, 50) ON CONFLICT (id) DO UPDATE SET a = -20',
      'INSERT INTO o1 VALUES (100, -1, 50, 50) ON CONFLICT DO NOTHING',
      'INSERT INTO o1 VALUES (8, NULL, NULL, 1), (9, NULL, NULL, 1) ON CONFLICT (a) DO UPDATE SET c = 5 RETURNING *',
      'INSERT INTO o1 VALUES (9, 1, 1, 1) ON CONFLICT (id) WHERE b > 0 DO UPDATE SET c = 6 RETURNING *',
      'SELECT * FROM o1',
    ]), 'outcomes differ').toEqual([]);
  });

  it('ALTER TABLE adds constraints to a table with rows (refused when a row breaks them) and drops them', async () => {
    expect(await mismatches([
      'CREATE TABLE a1 (id int PRIMARY KEY, a int, b int)',
      'INSERT INTO a1 VALUES (1, 1, 1), (2, 1, -2), (3, NULL, 3)',
      'ALTER TABLE a1 ADD UNIQUE (a)',
      'ALTER TABLE a1 ADD CONSTRAINT a1_pos CHECK (b > 0)',
      'ALTER TABLE a1 ADD CHECK (b > -5), ADD UNIQUE (b)',
      'ALTER TABLE a1 ADD UNIQUE (b)',
      'ALTER TABLE a1 ADD CONSTRAINT a1_b_key UNIQUE (b)',
      'ALTER TABLE a1 ADD CONSTRAINT a1_b_check CHECK (b > -9)',
      'ALTER TABLE a1 ADD CONSTRAINT a1_b_key CHECK (b > -9)',
      'ALTER TABLE a1 ADD UNIQUE (zz)',
      'ALTER TABLE a1 ADD CHECK (nosuchcolumn > 0)',
      'INSERT INTO a1 VALUES (4, 4, -7)',
      'INSERT INTO a1 VALUES (4, 4, 3)',
      'SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = \'a1\'::regclass ORDER BY 1',
      'ALTER TABLE a1 DROP CONSTRAINT nope',
      'ALTER TABLE a1 DROP CONSTRAINT IF EXISTS nope',
      'ALTER TABLE a1 DROP CONSTRAINT a1_b_check',
      'DROP INDEX a1_b_key1',
      'ALTER TABLE a1 DROP CONSTRAINT a1_b_key1',
      'ALTER TABLE nope DROP CONSTRAINT x',
      'ALTER TABLE IF EXISTS nope DROP CONSTRAINT x',
      // All the commands of one statement, or none.
      'ALTER TABLE a1 ADD CHECK (a > 0), ADD UNIQUE (a)',
      'INSERT INTO a1 VALUES (5, -5, 8)',
      'ALTER TABLE a1 DROP CONSTRAINT a1_b_key, ADD CONSTRAINT a1_b_key UNIQUE NULLS NOT DISTINCT (b)',
      'INSERT INTO a1 VALUES (6, 6, NULL), (7, 7, NULL)',
      'SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = \'a1\'::regclass ORDER BY 1',
      'SELECT * FROM a1',
    ]), 'outcomes differ').toEqual([]);
  });

  describe.skipIf(psqlMissing)('through psql', () => {
    it('COPY checks NOT NULL and CHECK row by row, keys as PostgreSQL flushes its buffer', async () => {
      const file = (name: string, lines: readonly string[]): string => {
        const path = join(dir, name);
        writeFileSync(path, lines.map((l) => `${l}\n`).join(''));
        return path;
      };
      const setUp = 'CREATE TABLE p1 (id int PRIMARY KEY, a int UNIQUE CHECK (a > 0), b text NOT NULL)';
      expect(await bothPsql(setUp)).toEqual(['', '']);
      const commands = [
        `\\copy p1 from '${file('ok.csv', ['1,1,x', '2,2,y'])}' csv`,
        `\\copy p1 from '${file('check.csv', ['3,3,x', '4,-4,y'])}' csv`,
        `\\copy p1 from '${file('notnull.csv', ['3,3,x', '4,4,'])}' csv`,
        `\\copy p1 from '${file('dup.csv', ['3,3,x', '4,1,y'])}' csv`,
        `\\copy p1 from '${file('dup-in-file.csv', ['3,3,x', '4,5,y', '5,3,z'])}' csv`,
        // The duplicate (line 2) waits in the buffer; the CHECK of line 3 fails first.
        `\\copy p1 from '${file('both.csv', ['3,3,x', '4,3,y', '5,-5,z'])}' csv`,
        // Past 1000 rows the buffer is flushed: the duplicate of line 2 is met before line 1002's CHECK.
        `\\copy p1 from '${file('flushed.csv', ['3,3,x', '4,3,y', ...Array.from({ length: 998 }, (_, i) => `${10 + i},${10 + i},f`), '5000,-1,z'])}' csv`,
        'SELECT * FROM p1 ORDER BY id',
      ];
      const differing: string[] = [];
      for (const c of commands) {
        const [mine, theirs] = await bothPsql(c);
        if (mine !== theirs) differing.push(`${c}\n  Weir:       ${mine}\n  PostgreSQL: ${theirs}`);
      }
      expect(differing).toEqual([]);
    });

    it("\\d shows UNIQUE and CHECK constraints and unique indexes as PostgreSQL's \\d does", async () => {
      const ddl = [
        "CREATE TABLE d1 (id int PRIMARY KEY, a int UNIQUE CHECK (a > 0), b bigint CHECK (b > 1), c varchar(5) CHECK (c <> ''), d int CHECK (d > -1), e text CHECK (e IN ('x', 'y')), f numeric CHECK (f BETWEEN 1 AND 10 OR f IS NULL), UNIQUE NULLS NOT DISTINCT (b, c), CONSTRAINT d1_sane CHECK (a < b AND NOT (d < 5) AND (a * 2 - 1) > 0))",
        'CREATE UNIQUE INDEX d1_desc ON d1 (e DESC, f NULLS FIRST)',
        "CREATE TABLE d2 (g int CHECK (g > 1 + 2 AND (g = 1 OR g = 2)), h text CHECK (length(h) > 2), j timestamp CHECK (j > '2020-01-01'), k int CHECK (k <> 10000000000), m bool CHECK (m), n text CHECK (n LIKE 'a%' AND n NOT ILIKE 'b%'), o int CHECK (o IS DISTINCT FROM 3), p int CHECK (coalesce(p, 0) >= 0), q int CHECK (CASE WHEN q > 0 THEN true ELSE false END), r int CHECK (-r < 0), s float8 CHECK (s > 1), t int CHECK (t NOT IN (1, 2) AND t::text <> 'z'))",
      ];
      for (const sql of ddl) expect(await bothPsql(sql)).toEqual(['', '']);
      for (const command of ['\\d d1', '\\d d2', '\\d d1_desc', '\\d d1_a_key', '\\di d1*']) {
        const [mine, theirs] = await bothPsql(command);
        expect(mine, command).toBe(theirs);
      }
    });
  });

  it('drivers read the constraints as from PostgreSQL: SQLAlchemy\'s inspector, pgJDBC\'s getIndexInfo', async () => {
    const ddl = [
      "CREATE TABLE r1 (id int PRIMARY KEY, a int UNIQUE CHECK (a > 0), b int, c text, UNIQUE NULLS NOT DISTINCT (b, c), CONSTRAINT r1_sane CHECK (a < b OR c <> ''))",
      'CREATE UNIQUE INDEX r1_desc ON r1 (c DESC, b NULLS FIRST)',
      'CREATE INDEX r1_b ON r1 (b DESC)',
    ];
    for (const sql of ddl) {
      await weir.client.query(sql);
      await pgdb.server.client.query(sql);
    }
    const python = '/usr/bin/python3';
    const sqlalchemy = await run(python, ['-c', 'import sqlalchemy, psycopg2']).then(() => true, () => false);
    if (sqlalchemy) {
      const script = [
        'import json, sys, sqlalchemy',
        "i = sqlalchemy.inspect(sqlalchemy.create_engine(f'postgresql+psycopg2://weir@127.0.0.1:{sys.argv[1]}/{sys.argv[2]}'))",
        "by_name = lambda xs: sorted(xs, key=lambda x: x['name'])",
        "print(json.dumps([by_name(i.get_unique_constraints('r1')), by_name(i.get_check_constraints('r1')), by_name(i.get_indexes('r1')), i.get_pk_constraint('r1')], sort_keys=True))",
      ].join('\n');
      const inspect = async (p: number, db: string): Promise<string> => (await run(python, ['-c', script, String(p), db], { timeout: 120_000 })).stdout;
      const fromPostgres = await inspect(pgdb.server.port, pgdb.server.database);
      expect(fromPostgres).toContain('"sqltext": "(a < b) OR (c <> \'\'::text)"');
      expect(await inspect(weirPort(), 'dev')).toBe(fromPostgres);
    } else console.warn('skipped: the SQLAlchemy part needs python3-sqlalchemy and python3-psycopg2 (npm test installs them)');
    const jar = '/usr/share/java/postgresql.jar';
    const java = await run('java', ['-version']).then(() => existsSync(jar), () => false);
    if (java) {
      const program = join(dir, 'IndexInfo.java');
      writeFileSync(program, [
        'import java.sql.*;',
        'public class IndexInfo {',
        '  public static void main(String[] a) throws Exception {',
        '    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + a[0] + "/" + a[1], "weir", "")) {',
        '      ResultSet r = c.getMetaData().getIndexInfo(null, "public", "r1", false, false);',
        '      while (r.next()) System.out.println(r.getString("INDEX_NAME") + "|" + r.getBoolean("NON_UNIQUE") + "|" + r.getInt("ORDINAL_POSITION") + "|" + r.getString("COLUMN_NAME") + "|" + r.getString("ASC_OR_DESC"));',
        '    }',
        '  }',
        '}',
      ].join('\n'));
      const info = async (p: number, db: string): Promise<string> => (await run('java', ['-cp', jar, program, String(p), db], { timeout: 120_000 })).stdout;
      const fromPostgres = await info(pgdb.server.port, pgdb.server.database);
      expect(fromPostgres).toContain('r1_desc|false|1|c|D');
      expect(await info(weirPort(), 'dev')).toBe(fromPostgres);
    } else console.warn(`skipped: the pgJDBC part needs java and ${jar} (npm test installs them)`);
  }, 240_000);

  it('a refused statement changes nothing a materialized view shows', async () => {
    const q = async (sql: string): Promise<string> => outcome(weir.client, sql);
    await weir.client.query('CREATE TABLE s1 (id int PRIMARY KEY, a int UNIQUE, b int CHECK (b >= 0))');
    await weir.client.query('CREATE MATERIALIZED VIEW s1_sum AS SELECT count(*) AS n, sum(a) AS a, sum(b) AS b FROM s1');
    await weir.client.query('INSERT INTO s1 VALUES (1, 1, 1), (2, 2, 2)');
    await weir.client.query('FLUSH');
    const before = await q('SELECT * FROM s1_sum');
    expect(before).toBe(JSON.stringify(['SELECT', 1, [JSON.stringify(['2', '3', '3'])]]));
    // Rows before the failing one are not committed: nothing reaches the view.
    for (const refused of [
      'INSERT INTO s1 VALUES (3, 3, 3), (4, 4, 4), (5, 3, 5)',
      'INSERT INTO s1 VALUES (3, 3, 3), (4, 4, -4)',
      'UPDATE s1 SET a = a + 1',
      'UPDATE s1 SET b = b - 2',
      'INSERT INTO s1 VALUES (3, 3, 3), (4, 1, 4) ON CONFLICT (id) DO NOTHING',
      'INSERT INTO s1 VALUES (3, 30, 3), (1, 1, 1) ON CONFLICT (a) DO UPDATE SET b = -1',
    ]) {
      expect(JSON.parse(await q(refused)), refused).toHaveProperty('code');
      await weir.client.query('FLUSH');
      expect(await q('SELECT * FROM s1_sum'), refused).toBe(before);
      expect(await q('SELECT count(*) FROM s1'), refused).toBe(JSON.stringify(['SELECT', 1, [JSON.stringify(['2'])]]));
    }
    // And the table takes rows again.
    await weir.client.query('UPDATE s1 SET a = a + 10');
    await weir.client.query('FLUSH');
    expect(await q('SELECT * FROM s1_sum')).toBe(JSON.stringify(['SELECT', 1, [JSON.stringify(['2', '23', '3'])]]));
  });
});
