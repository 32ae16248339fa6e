/**
 * TLS: with a certificate configured, SSLRequest is answered 'S' and the session runs over
 * TLS — psql (sslmode require and verify-full), node-postgres and psycopg2, also with
 * SCRAM-SHA-256 inside TLS; clients that do not ask stay in the clear.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { psql, startTestServer, type TestServer } from './support/test-server.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'weir-tls-'));
const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

const opensslMissing = !existsSync('/usr/bin/openssl');
if (opensslMissing) console.warn('skipped: the TLS tests need openssl to make a certificate (npm test installs it)');

async function certificate(): Promise<{ cert: Buffer; key: Buffer; certFile: string }> {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  if (!existsSync(certFile)) {
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-subj', '/CN=localhost', '-days', '2', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']);
  }
  return { cert: readFileSync(certFile), key: readFileSync(keyFile), certFile };
}

describe.skipIf(opensslMissing)('TLS', () => {
  it('psql connects over TLS (require, and verify-full against the certificate), and in the clear when it does not ask', async () => {
    const { cert, key, certFile } = await certificate();
    const s = await startTestServer({ tls: { cert, key } });
    servers.push(s);
    const tls = await psql(s.port, ['dev', '-c', '\\conninfo'], { PGSSLMODE: 'require' });
    expect(tls.code).toBe(0);
    expect(tls.stdout).toMatch(/SSL connection \(protocol: TLSv1\.[23]/);
    const verified = await run('psql', ['-X', '-h', 'localhost', '-p', String(s.port), '-U', 'weir', '-d', 'dev', '-A', '-t', '-c', 'SELECT 1'], {
      env: { ...process.env, PGSSLMODE: 'verify-full', PGSSLROOTCERT: certFile },
    });
    expect(verified.stdout).toBe('1\n');
    const clear = await psql(s.port, ['dev', '-c', '\\conninfo'], { PGSSLMODE: 'disable' });
    expect(clear.code).toBe(0);
    expect(clear.stdout).not.toContain('SSL connection');
  });

  it('node-postgres and psycopg2 over TLS, with SCRAM-SHA-256 inside it', async () => {
    const { cert, key, certFile } = await certificate();
    const s = await startTestServer({ tls: { cert, key }, auth: { method: 'scram-sha-256', password: 'pw' } });
    servers.push(s);
    const c = new pg.Client({ host: 'localhost', port: s.port, user: 'weir', database: 'dev', password: 'pw', ssl: { ca: cert } });
    await c.connect();
    expect((await c.query('SELECT 1')).rows).toEqual([{ '?column?': 1 }]);
    await c.end();
    const withPassword = await psql(s.port, ['dev', '-w', '-c', '\\conninfo'], { PGSSLMODE: 'require', PGPASSWORD: 'pw' });
    expect(withPassword.stdout).toContain('SSL connection');
    if (existsSync('/usr/bin/python3')) {
      const { stdout } = await run('/usr/bin/python3', ['-c', `import psycopg2; c = psycopg2.connect(host="localhost", port=${s.port}, user="weir", dbname="dev", password="pw", sslmode="verify-full", sslrootcert="${certFile}"); cur = c.cursor(); cur.execute("SELECT 1"); print(cur.fetchone()[0], c.info.ssl_in_use)`]);
      expect(stdout.trim()).toBe('1 True');
    }
  });
});
