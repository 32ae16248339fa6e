/**
 * Authentication with a configured password — SCRAM-SHA-256, MD5 and cleartext — with psql,
 * node-postgres, psycopg2 and pgJDBC;
 * and the trust rule without a password: loopback only.
 */
import { networkInterfaces } from 'node:os';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { psql, startTestServer, type TestServer } from './support/test-server.ts';
import { RawClient, errorFields } from './support/raw-client.ts';

const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function serverWith(method: 'password' | 'md5' | 'scram-sha-256'): Promise<TestServer> {
  const s = await startTestServer({ auth: { method, password: 's3cret' } });
  servers.push(s);
  return s;
}

for (const method of ['password', 'md5', 'scram-sha-256'] as const) {
  describe(`${method} authentication`, () => {
    it('node-postgres connects with the right password and is refused (28P01) with a wrong one', async () => {
      const s = await serverWith(method);
      const ok = new pg.Client({ host: '127.0.0.1', port: s.port, user: 'weir', database: 'dev', password: 's3cret' });
      await ok.connect();
      expect((await ok.query('SELECT 1')).rows).toEqual([{ '?column?': 1 }]);
      await ok.end();
      const bad = new pg.Client({ host: '127.0.0.1', port: s.port, user: 'weir', database: 'dev', password: 'nope' });
      await expect(bad.connect()).rejects.toMatchObject({ code: '28P01', message: 'password authentication failed for user "weir"', severity: 'FATAL' });
    });

    it('psql connects with PGPASSWORD and is refused without the right one', async () => {
      const s = await serverWith(method);
      const ok = await psql(s.port, ['dev', '-c', 'SELECT 1'], { PGPASSWORD: 's3cret' });
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('        1\n');
      const bad = await psql(s.port, ['dev', '-w', '-c', 'SELECT 1'], { PGPASSWORD: 'wrong' });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('FATAL:  password authentication failed for user "weir"');
    });
  });
}

describe('authentication messages', () => {
  it('asks for MD5 with a 4-byte salt', async () => {
    const s = await serverWith('md5');
    const c = await RawClient.connect(s.port);
    c.send((await import('./support/raw-client.ts')).startupMessage({ user: 'weir', database: 'dev' }));
    const m = (await c.readMessage())!;
    expect(m.type).toBe('R');
    expect(m.body.readInt32BE(0)).toBe(5);
    expect(m.body.length).toBe(8);
    c.end();
  });

  it('offers SCRAM-SHA-256 and refuses a wrong proof with 28P01 after the exchange', async () => {
    const s = await serverWith('scram-sha-256');
    const raw = await import('./support/raw-client.ts');
    const c = await RawClient.connect(s.port);
    c.send(raw.startupMessage({ user: 'weir', database: 'dev' }));
    const sasl = (await c.readMessage())!;
    expect(sasl.body.readInt32BE(0)).toBe(10);
    expect(sasl.body.subarray(4).toString()).toBe('SCRAM-SHA-256\0\0');
    const first = 'n,,n=,r=abcdefghijklmnop';
    const mech = Buffer.from('SCRAM-SHA-256\0');
    const len = Buffer.alloc(4);
    len.writeInt32BE(first.length);
    c.send(raw.typed('p', mech, len, Buffer.from(first)));
    const cont = (await c.readMessage())!;
    expect(cont.body.readInt32BE(0)).toBe(11);
    const serverFirst = cont.body.subarray(4).toString();
    expect(serverFirst).toMatch(/^r=abcdefghijklmnop[A-Za-z0-9+/=]+,s=[A-Za-z0-9+/=]+,i=4096$/);
    const nonce = /r=([^,]+)/.exec(serverFirst)![1];
    c.send(raw.typed('p', Buffer.from(`c=biws,r=${nonce},p=${Buffer.alloc(32, 7).toString('base64')}`)));
    const [e] = await c.readUntil('E');
    expect(errorFields(e!)).toMatchObject({ S: 'FATAL', C: '28P01', M: 'password authentication failed for user "weir"' });
    await c.closed();
  });

  it('psycopg2 and pgJDBC log in with SCRAM-SHA-256', async () => {
    const s = await serverWith('scram-sha-256');
    const { execFile } = await import('node:child_process');
    const { existsSync } = await import('node:fs');
    const run = (cmd: string, args: string[]) => new Promise<string>((resolve, reject) => execFile(cmd, args, { timeout: 60_000 }, (err, out, errOut) => (err ? reject(new Error(errOut || err.message)) : resolve(out))));
    if (existsSync('/usr/bin/python3')) {
      const out = await run('/usr/bin/python3', ['-c', `import psycopg2; c = psycopg2.connect(host="127.0.0.1", port=${s.port}, user="weir", dbname="dev", password="s3cret"); cur = c.cursor(); cur.execute("SELECT 1"); print(cur.fetchone()[0])`]);
      expect(out.trim()).toBe("1");
    }
    if (existsSync('/usr/share/java/postgresql.jar') && existsSync('/usr/bin/java')) {
      const { writeFileSync, mkdtempSync } = await import('node:fs');
      const dir = mkdtempSync('/tmp/weir-jdbc-scram-');
      writeFileSync(`${dir}/Scram.java`, [
        'public class Scram {',
        '  public static void main(String[] a) throws Exception {',
        '    try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + a[0] + "/dev", "weir", "s3cret")) {',
        '      var r = c.createStatement().executeQuery("SELECT 1"); r.next(); System.out.println("answer " + r.getInt(1));',
        '    }',
        '  }',
        '}',
      ].join('\n'));
      const out = await run('/usr/bin/java', ['-cp', '/usr/share/java/postgresql.jar', `${dir}/Scram.java`, String(s.port)]);
      expect(out).toContain('answer 1');
    }
  }, 120_000);

  it('a message other than a password during authentication is a protocol violation', async () => {
    const s = await serverWith('password');
    const c = await RawClient.connect(s.port);
    const raw = await import('./support/raw-client.ts');
    c.send(raw.startupMessage({ user: 'weir', database: 'dev' }));
    await c.readMessage();
    c.send(raw.query('SELECT 1'));
    const [e] = await c.readUntil('E');
    expect(errorFields(e!)).toMatchObject({ S: 'FATAL', C: '08P01' });
    await c.closed();
  });
});

describe('trust without a password', () => {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address;

  it.skipIf(external === undefined)('refuses a non-loopback client with 28000 and a hint', async () => {
    const s = await startTestServer({}, '0.0.0.0');
    servers.push(s);
    const c = new pg.Client({ host: external, port: s.port, user: 'weir', database: 'dev' });
    await expect(c.connect()).rejects.toMatchObject({
      code: '28000',
      message: `connection from ${external} refused: without a password only loopback connections are trusted`,
      hint: 'Configure a password for the SQL endpoint, or connect from this machine.',
    });
    // The same server trusts loopback.
    const local = new pg.Client({ host: '127.0.0.1', port: s.port, user: 'weir', database: 'dev' });
    await local.connect();
    await local.end();
  });

  it.skipIf(external === undefined)('accepts a non-loopback client when a password is set', async () => {
    const s = await startTestServer({ auth: { method: 'md5', password: 'pw' } }, '0.0.0.0');
    servers.push(s);
    const c = new pg.Client({ host: external, port: s.port, user: 'weir', database: 'dev', password: 'pw' });
    await c.connect();
    expect((await c.query('SELECT 2')).rows).toEqual([{ '?column?': 2 }]);
    await c.end();
  });
});
