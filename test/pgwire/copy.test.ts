/**
 * COPY FROM STDIN and COPY TO STDOUT against PostgreSQL: psql's \copy and COPY commands over
 * the same files and tables must print the same (rows, escapes, quoting, NULLs, headers,
 * errors with their CONTEXT lines); psycopg2's copy_expert moves the same data both ways; the
 * protocol's corner cases (CopyFail, an error while the client still sends, Flush and Sync
 * during COPY) leave the session usable. Also: rows a COPY loads reach materialized views.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { usePostgres } from '../support/postgres.ts';
import { useWeir } from '../sql/oracle/weir-server.ts';
import { RawClient, commandTagOf, errorFields, query, sync, typed, types } from './support/raw-client.ts';

const run = promisify(execFile);
const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();
const dir = mkdtempSync(join(tmpdir(), 'weir-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let psqlMissing = false;
try {
  await run('psql', ['--version']);
} catch {
  psqlMissing = true;
  console.warn('skipped: the COPY tests with psql need psql (npm test installs it)');
}
const PYTHON = '/usr/bin/python3';
const psycopg2Missing = !existsSync(PYTHON) || (await run(PYTHON, ['-c', 'import psycopg2']).then(() => false, () => true));
if (psycopg2Missing) console.warn('skipped: the COPY test with psycopg2 needs python3-psycopg2 (npm test installs it)');

const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const TEXT = file('items.txt', [
  '1\tplain\t10.5\t2024-03-01 12:00:00\t{a,b}\t{"k": 1}',
  '2\tback\\\\slash and tab\\there\t\\N\t\\N\t{}\tnull',
  '3\tüñïcødé ✓\t0\t2024-02-29 23:59:59.5\t{"x y",NULL}\t[1, 2]',
  '4\t\t-1.25\t1999-12-31 00:00:00\t\\N\t"s"',
  '5\tnew\\nline\\r\\x41\\101\t1e2\t2024-01-01 00:00:00\t{1}\t{}',
  '\\.',
  'after the end marker: ignored',
  '',
].join('\n'));
const CSV = file('items.csv', [
  'id,name,price,at,tags,doc',
  '10,"quoted, with comma",1.5,2024-03-01 00:00:00,"{a,b}","{""k"": ""v""}"',
  '11,"multi',
  'line",,,,',
  '12,"",0,,,',
  '13,,2,,,',
  '14,"say ""hi""",3,,,',
].join('\r\n') + '\r\n');
const SEMI = file('items.semi', '20;NA;5\n21;semi\\;colon;NA\n');
const BIG = file('big.csv', Array.from({ length: 20_000 }, (_, i) => `${i},${(i * 7) % 1000}`).join('\n') + '\n');
const BAD = file('bad.txt', '100\tok\t1\n101\tbad\tnotanumber\n');
const SHORT = file('short.txt', '100\tshort\n');
const LONG = file('long.txt', '100\ta\t1\t2\t3\t4\t5\t6\n');
const NULL_KEY = file('nullkey.txt', '\\N\tnull key\t1\n');
const DUPLICATE = file('dup.txt', '1\tdup\t1\n');
const UNTERMINATED = file('unterminated.csv', '100,"never closed\n');

const SETUP = [
  'CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(10,2), at timestamp, tags text[], doc jsonb, n int DEFAULT 7)',
  'CREATE TABLE big (k int PRIMARY KEY, v int)',
  'CREATE VIEW cheap AS SELECT id, name FROM items WHERE price < 5',
];

const COMMANDS = [
  `\\copy items (id, name, price, at, tags, doc) from '${TEXT}'`,
  `\\copy items (id, name, price, at, tags, doc) from '${CSV}' with (format csv, header)`,
  `\\copy items (id, name, price) from '${SEMI}' with (delimiter ';', null 'NA')`,
  'SELECT * FROM items ORDER BY id',
  'COPY items TO STDOUT',
  'COPY items (id, name, tags) TO STDOUT WITH (FORMAT csv, HEADER, FORCE_QUOTE (name))',
  "COPY (SELECT id, name, price * 2 AS double FROM items WHERE id < 12 ORDER BY id DESC) TO STDOUT WITH (FORMAT csv, DELIMITER '|', NULL 'nil')",
  'COPY (SELECT n, count(*) FROM items GROUP BY n ORDER BY n) TO STDOUT',
  `\\copy big from '${BIG}' csv`,
  'SELECT count(*), sum(v), min(k), max(k) FROM big',
  `\\copy items (id, name, price) from '${BAD}'`,
  `\\copy items (id, name, price) from '${SHORT}'`,
  `\\copy items (id, name, price) from '${LONG}'`,
  `\\copy items (id, name, price) from '${NULL_KEY}'`,
  `\\copy items (id, name, price) from '${DUPLICATE}'`,
  `\\copy items (id, name) from '${UNTERMINATED}' csv`,
  'COPY cheap TO STDOUT',
  'COPY nope TO STDOUT',
  'COPY items (nope) TO STDOUT',
  'SELECT count(*) FROM items',
];

async function psql(port: number, database: string, command: string): Promise<string> {
  try {
    const { stdout, stderr } = await run('psql', ['-X', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'weir', '-d', database, '-c', command], { timeout: 60_000, env: { ...process.env, LANG: 'C.UTF-8' } });
    return stdout + stderr;
  } catch (e) {
    const { stdout, stderr } = e as { stdout: string; stderr: string };
    return stdout + stderr;
  }
}

const weirPort = (): number => (weir.client as unknown as { port: number }).port;

let created = false;
async function setUp(): Promise<void> {
  if (created) return;
  for (const sql of SETUP) {
    await pgdb.server.client.query(sql);
    await weir.client.query(sql);
  }
  created = true;
}

describe.skipIf(pgdb.skipReason)('COPY, against PostgreSQL', () => {
  describe.skipIf(psqlMissing)('psql', () => {
    it.each(COMMANDS.map((c, i) => [i + 1, c]))('%i: %s', async (_, command) => {
      await setUp();
      const expected = await psql(pgdb.server.port, pgdb.server.database, command);
      expect(await psql(weirPort(), 'dev', command)).toBe(expected);
    });

    it('rows loaded by COPY reach a materialized view', async () => {
      await setUp();
      await weir.client.query('CREATE TABLE loads (k int PRIMARY KEY, g text)');
      await weir.client.query('CREATE MATERIALIZED VIEW per_group AS SELECT g, count(*) AS n FROM loads GROUP BY g');
      const data = file('loads.csv', Array.from({ length: 5000 }, (_, i) => `${i},g${i % 3}`).join('\n') + '\n');
      expect(await psql(weirPort(), 'dev', `\\copy loads from '${data}' csv`)).toBe('');
      await weir.client.query('FLUSH');
      expect(await psql(weirPort(), 'dev', 'COPY (SELECT * FROM per_group ORDER BY g) TO STDOUT')).toBe('g0\t1667\ng1\t1667\ng2\t1666\n');
    });

    it('COPY from a server file is refused with a hint to use STDIN', async () => {
      expect(await psql(weirPort(), 'dev', `COPY items FROM '${TEXT}'`)).toBe(
        "ERROR:  COPY from a file is not supported\nHINT:  Use COPY ... FROM STDIN, as psql's \\copy does.\n",
      );
    });
  });

  it.skipIf(psycopg2Missing)('psycopg2 copy_expert moves the same data in and out', async () => {
    await setUp();
    const script = [
      'import io, sys, psycopg2',
      'c = psycopg2.connect(host="127.0.0.1", port=int(sys.argv[1]), user="weir", dbname=sys.argv[2])',
      'c.autocommit = True',
      'cur = c.cursor()',
      'cur.execute("CREATE TABLE py_copy (id int PRIMARY KEY, label text, amount numeric(8,2))")',
      'data = "".join(f"{i}\\tlabel {i}\\t{i * 1.5}\\n" for i in range(1000))',
      'cur.copy_expert("COPY py_copy FROM STDIN", io.StringIO(data))',
      'print(cur.rowcount)',
      'out = io.StringIO()',
      'cur.copy_expert("COPY (SELECT * FROM py_copy WHERE id % 100 = 0 ORDER BY id) TO STDOUT WITH CSV HEADER", out)',
      'print(out.getvalue(), end="")',
      'try:',
      '    cur.copy_expert("COPY py_copy FROM STDIN", io.StringIO("5000\\tx\\tnope\\n"))',
      'except psycopg2.Error as e:',
      '    print(e.pgcode, e.pgerror.splitlines()[0])',
      'cur.execute("SELECT count(*), sum(amount) FROM py_copy")',
      'print(cur.fetchone())',
    ].join('\n');
    const runPy = async (port: number, database: string): Promise<string> => (await run(PYTHON, ['-c', script, String(port), database], { timeout: 60_000 })).stdout;
    const expected = await runPy(pgdb.server.port, pgdb.server.database);
    expect(expected).toContain('1000\nid,label,amount\n0,label 0,0.00\n');
    expect(await runPy(weirPort(), 'dev')).toBe(expected);
  });
});

describe('COPY over the protocol', () => {
  async function session(): Promise<RawClient> {
    const c = await RawClient.connect(weirPort());
    expect((await c.startup()).at(-1)?.type).toBe('Z');
    return c;
  }

  it('CopyFail ends the COPY with 57014 and commits nothing; the session goes on', async () => {
    await weir.client.query('CREATE TABLE raw_copy (id int PRIMARY KEY, s text)');
    const c = await session();
    c.send(query('COPY raw_copy FROM STDIN'));
    const start = await c.readMessage();
    expect(start?.type).toBe('G');
    expect(start!.body.readInt16BE(1)).toBe(2);
    c.send(Buffer.concat([typed('d', Buffer.from('1\ta\n2\tb\n')), typed('f', Buffer.from('changed my mind\0'))]));
    const m = await c.readUntil('Z');
    expect(types(m)).toBe('EZ');
    expect(errorFields(m[0]!)).toMatchObject({ C: '57014', M: 'COPY from stdin failed: changed my mind' });
    c.send(query('SELECT count(*) FROM raw_copy'));
    expect(commandTagOf((await c.readUntil('Z')).find((x) => x.type === 'C')!)).toBe('SELECT 1');
    expect((await weir.client.query('SELECT count(*)::int AS n FROM raw_copy')).rows).toEqual([{ n: 0 }]);
    c.end();
  });

  it('an error while the client still sends: one ErrorResponse after its CopyDone, then ReadyForQuery', async () => {
    const c = await session();
    c.send(query('COPY raw_copy FROM STDIN'));
    expect((await c.readMessage())?.type).toBe('G');
    // A bad row in the first chunk; more data, a Flush and a Sync (ignored) before CopyDone.
    c.send(Buffer.concat([typed('d', Buffer.from('1\tfine\nx\tbad\n')), typed('d', Buffer.from('3\tmore\n')), typed('H'), typed('S'), typed('d', Buffer.from('4\tmore\n')), typed('c')]));
    const m = await c.readUntil('Z');
    expect(types(m)).toBe('EZ');
    expect(errorFields(m[0]!)).toMatchObject({ C: '22P02', W: 'COPY raw_copy, line 2, column id: "x"' });
    // Split across chunks, rows and even characters arrive whole.
    c.send(query('COPY raw_copy FROM STDIN WITH (FORMAT csv)'));
    expect((await c.readMessage())?.type).toBe('G');
    const bytes = Buffer.from('7,"multi\nline ✓"\n8,x\n');
    for (let i = 0; i < bytes.length; i += 3) c.send(typed('d', bytes.subarray(i, i + 3)));
    c.send(typed('c'));
    const done = await c.readUntil('Z');
    expect(types(done)).toBe('CZ');
    expect(commandTagOf(done[0]!)).toBe('COPY 2');
    expect((await weir.client.query('SELECT s FROM raw_copy ORDER BY id')).rows).toEqual([{ s: 'multi\nline ✓' }, { s: 'x' }]);
    c.end();
  });

  it('COPY TO STDOUT: CopyOutResponse, one CopyData per row, CopyDone, COPY n', async () => {
    const c = await session();
    c.send(query('COPY (SELECT id, s FROM raw_copy ORDER BY id) TO STDOUT'));
    const m = await c.readUntil('Z');
    expect(types(m)).toBe('HddcCZ');
    expect(m.filter((x) => x.type === 'd').map((x) => x.body.toString())).toEqual(['7\tmulti\\nline ✓\n', '8\tx\n']);
    expect(commandTagOf(m[4]!)).toBe('COPY 2');
    c.end();
  });
});
