/**
 * The protocol byte by byte, for what drivers rarely send: row limits and PortalSuspended,
 * statement Describe, skip-until-Sync, binary formats, SSL/GSS refusal, protocol versions,
 * and malformed or garbage input (answered with an error; only that connection closes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RawClient,
  bind,
  close,
  commandTagOf,
  dataRow,
  describe as describeMessage,
  errorFields,
  execute,
  flush,
  gssencRequest,
  parse,
  query,
  rowDescription,
  sslRequest,
  startupMessage,
  sync,
  terminate,
  typed,
  types,
  untyped,
} from './support/raw-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function session(): Promise<RawClient> {
  const c = await RawClient.connect(server.port);
  const m = await c.startup();
  expect(m.at(-1)?.type).toBe('Z');
  return c;
}

const text = (b: Buffer | null | undefined): string | null => (b === null || b === undefined ? null : b.toString('utf8'));

describe('startup', () => {
  it('answers AuthenticationOk, ParameterStatus, BackendKeyData and ReadyForQuery(I)', async () => {
    const c = await RawClient.connect(server.port);
    const m = await c.startup({ user: 'weir', database: 'dev', application_name: 'raw' });
    expect(m[0]!.type).toBe('R');
    expect(m[0]!.body.readInt32BE(0)).toBe(0);
    const status = Object.fromEntries(
      m.filter((x) => x.type === 'S').map((x) => {
        const [k, v] = x.body.toString('utf8').split('\0');
        return [k, v];
      }),
    );
    expect(status).toMatchObject({ server_encoding: 'UTF8', client_encoding: 'UTF8', DateStyle: 'ISO, MDY', integer_datetimes: 'on', standard_conforming_strings: 'on', application_name: 'raw', session_authorization: 'weir' });
    expect(m.at(-2)!.type).toBe('K');
    expect(m.at(-1)!.body.toString()).toBe('I');
    c.send(terminate());
    await c.closed();
  });

  it('refuses SSL and GSS encryption with N, then accepts the startup message', async () => {
    const c = await RawClient.connect(server.port);
    c.send(gssencRequest());
    expect(await c.readByte()).toBe('N');
    c.send(sslRequest());
    expect(await c.readByte()).toBe('N');
    expect((await c.startup()).at(-1)!.type).toBe('Z');
    c.end();
  });

  it('negotiates protocol 3.0 with a client asking for 3.2 and _pq_ options', async () => {
    const c = await RawClient.connect(server.port);
    c.send(startupMessage({ user: 'weir', database: 'dev', _pq_fancy: 'x', '_pq_.fancy': 'on' }, (3 << 16) | 2));
    const m = await c.readUntil('Z');
    const v = m.find((x) => x.type === 'v')!;
    expect(v.body.readInt32BE(0)).toBe(3 << 16);
    expect(v.body.readInt32BE(4)).toBe(1);
    expect(v.body.toString('utf8', 8)).toBe('_pq_.fancy\0');
    c.end();
  });

  it('refuses protocol 2 with a FATAL error and closes', async () => {
    const c = await RawClient.connect(server.port);
    c.send(startupMessage({ user: 'weir' }, 2 << 16));
    const [e] = await c.readUntil('E');
    expect(errorFields(e!)).toMatchObject({ S: 'FATAL', C: '0A000', M: 'unsupported frontend protocol 2.0: server supports 3.0 to 3.0' });
    await c.closed();
  });

  it('refuses a startup message without user (28000)', async () => {
    const c = await RawClient.connect(server.port);
    c.send(startupMessage({ database: 'dev' }));
    const [e] = await c.readUntil('E');
    expect(errorFields(e!)).toMatchObject({ S: 'FATAL', C: '28000', M: 'no PostgreSQL user name specified in startup packet' });
    await c.closed();
  });

  it('answers a malformed startup packet with 08P01 and closes; other sessions keep working', async () => {
    const other = await session();
    const c = await RawClient.connect(server.port);
    // Length 12, protocol 3.0, then a parameter name without terminator.
    c.send(untyped(Buffer.from([0, 3, 0, 0]), Buffer.from('user')));
    const [e] = await c.readUntil('E');
    expect(errorFields(e!)).toMatchObject({ S: 'FATAL', C: '08P01' });
    await c.closed();
    other.send(query('SELECT 1'));
    expect(types(await other.readUntil('Z'))).toBe('TDCZ');
    other.end();
  });

  it('answers garbage bytes (an HTTP request) with 08P01 and closes', async () => {
    const c = await RawClient.connect(server.port);
    c.send(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    const [e] = await c.readUntil('E');
    expect(errorFields(e!)).toMatchObject({ S: 'FATAL', C: '08P01', M: 'invalid length of startup packet (1195725856 bytes)' });
    await c.closed();
  });

  it('answers an unknown message type after startup with 08P01 and closes', async () => {
    const c = await session();
    c.send(Buffer.from([0x7a, 0, 0, 0, 4]));
    const [e] = await c.readUntil('E');
    expect(errorFields(e!)).toMatchObject({ S: 'FATAL', C: '08P01', M: 'invalid frontend message type 122' });
    await c.closed();
  });

  it('answers a message whose length is impossible with 08P01 and closes', async () => {
    const c = await session();
    c.send(Buffer.from([0x51, 0x7f, 0xff, 0xff, 0xff]));
    const [e] = await c.readUntil('E');
    expect(errorFields(e!)).toMatchObject({ S: 'FATAL', C: '08P01' });
    await c.closed();
  });
});

describe('simple query', () => {
  it('answers RowDescription with table oid, attnum, type oid, size, typmod and format', async () => {
    const c = await session();
    c.send(query('SELECT * FROM items'));
    const m = await c.readUntil('Z');
    expect(types(m)).toBe('TDDDCZ');
    expect(rowDescription(m[0]!)[2]).toEqual({ name: 'price', tableOid: 16384, columnNumber: 3, typeOid: 1700, typeSize: -1, typeModifier: ((10 << 16) | 2) + 4, format: 0 });
    expect(dataRow(m[3]!).map(text)).toEqual(['3', null, '10.00', 't', null]);
    expect(commandTagOf(m[4]!)).toBe('SELECT 3');
    c.end();
  });

  it('an empty query answers EmptyQueryResponse; comments only too', async () => {
    const c = await session();
    c.send(query('  ;  '));
    expect(types(await c.readUntil('Z'))).toBe('IZ');
    c.send(query('-- nothing here'));
    expect(types(await c.readUntil('Z'))).toBe('IZ');
    c.end();
  });

  it('reports the transaction status in ReadyForQuery: T in a block, E after an error', async () => {
    const c = await session();
    c.send(query('BEGIN'));
    expect((await c.readUntil('Z')).at(-1)!.body.toString()).toBe('T');
    c.send(query('SELECT 1/0'));
    expect((await c.readUntil('Z')).at(-1)!.body.toString()).toBe('E');
    c.send(query('ROLLBACK'));
    expect((await c.readUntil('Z')).at(-1)!.body.toString()).toBe('I');
    c.end();
  });

  it('COPY messages outside a COPY are ignored, as PostgreSQL does', async () => {
    const c = await session();
    c.send(Buffer.concat([typed('d', Buffer.from('A')), typed('c'), sync()]));
    const m = await c.readUntil('Z');
    expect(types(m)).toBe('Z');
    c.end();
  });
});

describe('extended query', () => {
  it('Parse/Describe statement: ParameterDescription and RowDescription; NoData for no rows', async () => {
    const c = await session();
    c.send(Buffer.concat([parse('s', 'SELECT * FROM items WHERE id = $1'), describeMessage('S', 's'), parse('i', "INSERT INTO log VALUES ('d')"), describeMessage('S', 'i'), sync()]));
    const m = await c.readUntil('Z');
    expect(types(m)).toBe('1tT1tnZ');
    expect(m[1]!.body.readInt16BE(0)).toBe(1);
    expect(m[1]!.body.readInt32BE(2)).toBe(23);
    expect(rowDescription(m[2]!).map((f) => f.name)).toEqual(['id', 'name', 'price', 'active', 'created']);
    expect(m[4]!.body.readInt16BE(0)).toBe(0);
    c.end();
  });

  it('Execute with a row limit answers PortalSuspended, then resumes until CommandComplete', async () => {
    const c = await session();
    c.send(Buffer.concat([parse('', 'SELECT generate_series(1, 250)'), bind('cur', '', []), describeMessage('P', 'cur'), execute('cur', 100), flush()]));
    let m = await c.readUntil('s');
    expect(types(m)).toBe('12T' + 'D'.repeat(100) + 's');
    expect(text(dataRow(m[3]!)[0])).toBe('1');
    c.send(execute('cur', 100));
    c.send(flush());
    m = await c.readUntil('s');
    expect(m.length).toBe(101);
    expect(text(dataRow(m[0]!)[0])).toBe('101');
    c.send(Buffer.concat([execute('cur', 100), sync()]));
    m = await c.readUntil('Z');
    expect(types(m)).toBe('D'.repeat(50) + 'CZ');
    expect(text(dataRow(m[49]!)[0])).toBe('250');
    // The tag counts the rows of this Execute, as PostgreSQL's does.
    expect(commandTagOf(m[50]!)).toBe('SELECT 50');
    c.end();
  });

  it('a limit that ends exactly at the last row suspends; the next Execute completes with 0', async () => {
    const c = await session();
    c.send(Buffer.concat([parse('', 'SELECT * FROM items'), bind('', '', []), execute('', 3), execute('', 3), sync()]));
    const m = await c.readUntil('Z');
    expect(types(m)).toBe('12DDDsCZ');
    expect(commandTagOf(m[6]!)).toBe('SELECT 0');
    c.end();
  });

  it('portals end at Sync outside a transaction block; named statements stay', async () => {
    const c = await session();
    c.send(Buffer.concat([parse('keep', 'SELECT * FROM items'), bind('p', 'keep', []), sync()]));
    expect(types(await c.readUntil('Z'))).toBe('12Z');
    c.send(Buffer.concat([execute('p'), sync()]));
    let m = await c.readUntil('Z');
    expect(types(m)).toBe('EZ');
    expect(errorFields(m[0]!)).toMatchObject({ C: '34000', M: 'portal "p" does not exist' });
    c.send(Buffer.concat([bind('p', 'keep', []), execute('p'), close('P', 'p'), close('S', 'keep'), bind('', 'keep', []), sync()]));
    m = await c.readUntil('Z');
    expect(types(m)).toBe('2DDDC33EZ');
    expect(errorFields(m[7]!)).toMatchObject({ C: '26000', M: 'prepared statement "keep" does not exist' });
    c.end();
  });

  it('after an error, messages are skipped until Sync: one error, one ReadyForQuery', async () => {
    const c = await session();
    c.send(Buffer.concat([parse('', 'SELECT * FROM nope'), bind('', '', []), describeMessage('P', ''), execute(''), query('SELECT 1'), sync()]));
    const m = await c.readUntil('Z');
    expect(types(m)).toBe('EZ');
    expect(errorFields(m[0]!)).toMatchObject({ S: 'ERROR', C: '42P01', M: 'relation "nope" does not exist', P: '15' });
    c.send(query('SELECT 2'));
    expect(types(await c.readUntil('Z'))).toBe('TDCZ');
    c.end();
  });

  it('a run-time error inside Execute after rows were sent, then recovery', async () => {
    const c = await session();
    c.send(Buffer.concat([parse('', 'SELECT 1/0'), bind('', '', []), execute(''), sync()]));
    const m = await c.readUntil('Z');
    expect(types(m)).toBe('12EZ');
    expect(errorFields(m[2]!)).toMatchObject({ C: '22012' });
    c.end();
  });

  it('refuses a duplicate named statement (42P05) and a duplicate portal (42P03)', async () => {
    const c = await session();
    c.send(Buffer.concat([parse('dup', 'SELECT 1'), parse('dup', 'SELECT 1'), sync()]));
    let m = await c.readUntil('Z');
    expect(types(m)).toBe('1EZ');
    expect(errorFields(m[1]!)).toMatchObject({ C: '42P05', M: 'prepared statement "dup" already exists' });
    c.send(Buffer.concat([query('BEGIN')]));
    await c.readUntil('Z');
    c.send(Buffer.concat([bind('c1', 'dup', []), bind('c1', 'dup', []), sync()]));
    m = await c.readUntil('Z');
    expect(types(m)).toBe('2EZ');
    expect(errorFields(m[1]!)).toMatchObject({ C: '42P03', M: 'cursor "c1" already exists' });
    c.end();
  });

  it('checks the number of parameters in Bind (08P01, the session stays)', async () => {
    const c = await session();
    c.send(Buffer.concat([parse('', 'SELECT * FROM items WHERE id = $1'), bind('', '', []), sync()]));
    const m = await c.readUntil('Z');
    expect(types(m)).toBe('1EZ');
    expect(errorFields(m[1]!).M).toBe('bind message supplies 0 parameters, but unnamed prepared statement requires 1');
    c.send(query('SELECT 1'));
    expect(types(await c.readUntil('Z'))).toBe('TDCZ');
    c.end();
  });

  it('rejects a multi-statement Parse (42601)', async () => {
    const c = await session();
    c.send(Buffer.concat([parse('', 'SELECT 1; SELECT 2'), sync()]));
    const m = await c.readUntil('Z');
    expect(errorFields(m[0]!)).toMatchObject({ C: '42601', M: 'cannot insert multiple commands into a prepared statement' });
    c.end();
  });

  it('binary parameters and results for int4/int8/float8/bool/text', async () => {
    const c = await session();
    const i4 = Buffer.alloc(4);
    i4.writeInt32BE(-7);
    const i8 = Buffer.alloc(8);
    i8.writeBigInt64BE(9007199254740993n);
    const f8 = Buffer.alloc(8);
    f8.writeDoubleBE(2.5);
    c.send(Buffer.concat([
      parse('', 'SELECT $1 AS a, $2 AS b, $3 AS c, $4 AS d, $5 AS e', [23, 20, 701, 16, 25]),
      bind('', '', [i4, i8, f8, Buffer.from([1]), 'héllo'], [1, 1, 1, 1, 0], [1]),
      describeMessage('P', ''),
      execute(''),
      sync(),
    ]));
    const m = await c.readUntil('Z');
    expect(types(m)).toBe('12TDCZ');
    expect(rowDescription(m[2]!).map((f) => f.format)).toEqual([1, 1, 1, 1, 1]);
    const [a, b, cc, d, e] = dataRow(m[3]!);
    expect(a!.readInt32BE(0)).toBe(-7);
    expect(b!.readBigInt64BE(0)).toBe(9007199254740993n);
    expect(cc!.readDoubleBE(0)).toBe(2.5);
    expect([...d!]).toEqual([1]);
    expect(e!.toString('utf8')).toBe('héllo');
    c.end();
  });

  it('binary results for a type without a binary form answer 0A000 at Bind', async () => {
    const c = await session();
    // An interval result ($1 typed interval, echoed back) has no binary form in Weir yet.
    c.send(Buffer.concat([parse('', 'SELECT $1 AS span', [1186]), bind('', '', ['1 day'], [], [1]), execute(''), sync()]));
    const m = await c.readUntil('Z');
    expect(types(m)).toBe('1EZ');
    expect(errorFields(m[1]!)).toMatchObject({ C: '0A000', M: 'binary format for result column "span" of type interval is not supported yet' });
    c.end();
  });

  it('Execute of an empty statement answers EmptyQueryResponse', async () => {
    const c = await session();
    c.send(Buffer.concat([parse('', ''), bind('', '', []), describeMessage('P', ''), execute(''), sync()]));
    expect(types(await c.readUntil('Z'))).toBe('12nIZ');
    c.end();
  });
});
