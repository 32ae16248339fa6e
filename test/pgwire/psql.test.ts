/**
 * The real psql (15) against PgServer over the test scaffolding session: aligned output,
 * scripts with ON_ERROR_STOP, SQLSTATEs with VERBOSITY verbose, notices, parameter updates.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { psql, startTestServer, type TestServer } from './support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('psql', () => {
  it('prints a typed result as an aligned table', async () => {
    const r = await psql(server.port, ['dev', '-c', 'SELECT * FROM items']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        ' id |  name  | price | active |       created       ',
        '----+--------+-------+--------+---------------------',
        '  1 | apple  |  1.50 | t      | 2024-01-02 03:04:05',
        '  2 | banana |  0.25 | f      | 2024-01-03 00:00:00',
        '  3 |        | 10.00 | t      | ',
        '(3 rows)',
        '',
        '',
      ].join('\n'),
    );
  });

  it('shows command tags', async () => {
    const r = await psql(server.port, ['dev', '-c', 'CREATE TABLE t (a int)', '-c', "INSERT INTO log VALUES ('psql')", '-c', 'UPDATE items SET a = 1', '-c', 'DELETE FROM items WHERE id = 1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('CREATE TABLE\nINSERT 0 1\nUPDATE 2\nDELETE 1\n');
  });

  it('reports errors with SQLSTATE and position under VERBOSITY verbose, and exits 1', async () => {
    const r = await psql(server.port, ['dev', '-v', 'VERBOSITY=verbose', '-c', 'SELECT * FROM nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(['ERROR:  42P01: relation "nope" does not exist', 'LINE 1: SELECT * FROM nope', '                      ^', ''].join('\n'));
  });

  it('runs several statements of one message in order and stops at the first error', async () => {
    const r = await psql(server.port, ['dev', '-c', 'SELECT 1; SELECT 1/0; SELECT 2']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(' ?column? \n----------\n        1\n(1 row)');
    expect(r.stdout).not.toContain('        2\n');
    expect(r.stderr).toBe('ERROR:  division by zero\n');
  });

  it('runs a script file; ON_ERROR_STOP stops it at the error with exit code 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-psql-'));
    const file = join(dir, 'script.sql');
    writeFileSync(file, ['\\set ON_ERROR_STOP on', '\\set VERBOSITY verbose', 'SELECT 1;', 'SELEC 2;', 'SELECT 3;', ''].join('\n'));
    const r = await psql(server.port, ['dev', '-f', file]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('        1\n');
    expect(r.stdout).not.toContain('        3\n');
    expect(r.stderr).toContain('ERROR:  42601: syntax error at or near "SELEC"');
    expect(r.stderr).toContain('LINE 1: SELEC 2;');
  });

  it('goes on after an error without ON_ERROR_STOP, on the same session', async () => {
    const r = await psql(server.port, ['dev', '-q'], {}, 'SELECT * FROM nope;\nSELECT 5;\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('relation "nope" does not exist');
    expect(r.stdout).toContain('        5\n');
  });

  it('prints notices with their hint, and follows SET application_name', async () => {
    const r = await psql(server.port, ['dev', '-v', 'VERBOSITY=verbose', '-c', "SELECT raise_notice('careful')", '-c', 'SET application_name = reporting', '-c', 'SHOW application_name']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('NOTICE:  00000: careful\nHINT:  a hint\n');
    expect(r.stdout).toContain(' reporting\n');
  });

  it('sends application_name and options at startup', async () => {
    const r = await psql(server.port, ['dev', '-c', 'SHOW search_path'], { PGAPPNAME: 'nightly', PGOPTIONS: '-c search_path=sales' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(' sales\n');
    const params = server.db.opened.find((p) => p.applicationName === 'nightly');
    expect(params?.user).toBe('weir');
    expect(params?.database).toBe('dev');
    expect(params?.settings.get('search_path')).toBe('sales');
  });

  it('psql reads server_version as 15', async () => {
    const r = await psql(server.port, ['dev', '-c', '\\echo :SERVER_VERSION_NUM :SERVER_VERSION_NAME']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^150000 15\.0 \(Weir /);
  });

  it('an unknown database is refused with 3D000 and psql exits 2', async () => {
    const r = await psql(server.port, ['nosuchdb', '-c', 'SELECT 1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/failed: FATAL:  database "nosuchdb" does not exist\n$/);
  });

  it('an empty statement answers EmptyQueryResponse (psql prints nothing)', async () => {
    const r = await psql(server.port, ['dev', '-c', ';']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('transactions: BEGIN, an error, then the aborted block refuses statements until ROLLBACK', async () => {
    const r = await psql(server.port, ['dev', '-v', 'VERBOSITY=verbose'], {}, 'BEGIN;\nSELECT 1/0;\nSELECT 1;\nROLLBACK;\nSELECT 4;\n');
    expect(r.stderr).toContain('ERROR:  22012: division by zero');
    expect(r.stderr).toContain('ERROR:  25P02: current transaction is aborted');
    expect(r.stdout).toContain('BEGIN\n');
    expect(r.stdout).toContain('ROLLBACK\n');
    expect(r.stdout).toContain('        4\n');
  });
});
