/** The small pure pieces: command tags, the startup `options` parameter, SQLSTATE mapping. */
import { describe, expect, it } from 'vitest';
import { BackendError, commandTag, toBackendError } from '../../src/pgwire/index.ts';
import { parseOptionsParameter } from '../../src/pgwire/protocol/frontend/startup-packets.ts';

describe('codecs', () => {
  it('formats command tags as PostgreSQL does', () => {
    expect(commandTag('SELECT', 3)).toBe('SELECT 3');
    expect(commandTag('INSERT', 2)).toBe('INSERT 0 2');
    expect(commandTag('UPDATE', 0)).toBe('UPDATE 0');
    expect(commandTag('DELETE', 5)).toBe('DELETE 5');
    expect(commandTag('CREATE TABLE', undefined)).toBe('CREATE TABLE');
    expect(commandTag('SET', 0)).toBe('SET');
  });

  it('parses -c and -- words of the options parameter, with backslash escapes', () => {
    expect([...parseOptionsParameter('-c search_path=a\\ b --statement-timeout=5s -cwork_mem=4MB')]).toEqual([
      ['search_path', 'a b'],
      ['statement_timeout', '5s'],
      ['work_mem', '4MB'],
    ]);
    expect(() => parseOptionsParameter('-x')).toThrow(/invalid command-line argument/);
  });

  it('maps errors to SQLSTATE in one place', () => {
    const sqlLayerError = Object.assign(new Error('column "prise" does not exist'), { sqlState: '42703', hint: 'Did you mean "price"?', position: 8 });
    expect(toBackendError(sqlLayerError)).toMatchObject({ code: '42703', message: 'column "prise" does not exist', hint: 'Did you mean "price"?', position: 8, severity: 'ERROR' });
    const e = new BackendError('22012', 'division by zero');
    expect(toBackendError(e)).toBe(e);
    expect(toBackendError(new TypeError('x is undefined'))).toMatchObject({ code: 'XX000', message: 'internal error: x is undefined' });
    expect(toBackendError(Object.assign(new Error('no such file'), { code: 'ENOENT' }))).toMatchObject({ code: 'XX000' });
  });
});

describe('binary value formats', () => {
  it('round-trips numeric, date and timestamp through their binary forms', async () => {
    const { decodeBinary, encodeBinary } = await import('../../src/pgwire/protocol/value-formats.ts');
    const { TYPE_OID } = await import('../../src/pgwire/types.ts');
    const cases: Array<[number, string]> = [
      [TYPE_OID.numeric, '0'],
      [TYPE_OID.numeric, '12.50'],
      [TYPE_OID.numeric, '-0.0001'],
      [TYPE_OID.numeric, '100000000.000000001'],
      [TYPE_OID.numeric, '12345678901234567890.5'],
      [TYPE_OID.numeric, '10000'],
      [TYPE_OID.numeric, 'NaN'],
      [TYPE_OID.numeric, '-Infinity'],
      [TYPE_OID.date, '2024-03-01'],
      [TYPE_OID.date, '1999-12-31'],
      [TYPE_OID.date, '0044-03-15 BC'],
      [TYPE_OID.date, 'infinity'],
      [TYPE_OID.timestamp, '2024-03-01 12:00:05'],
      [TYPE_OID.timestamp, '1969-07-20 20:17:40.123456'],
      [TYPE_OID.timestamptz, '2024-03-01 12:00:05.5+00'],
    ];
    for (const [oid, text] of cases) expect(decodeBinary(oid, encodeBinary(oid, text), 0)).toBe(text);
    // PostgreSQL's own bytes for 12.50: ndigits 2, weight 0, sign +, dscale 2, digits 12 5000.
    expect(encodeBinary(TYPE_OID.numeric, '12.50').toString('hex')).toBe('0002000000000002000c1388');
    // A timestamptz with another offset arrives as the same instant.
    expect(decodeBinary(TYPE_OID.timestamptz, encodeBinary(TYPE_OID.timestamptz, '2024-03-01 14:00:05+02'), 0)).toBe('2024-03-01 12:00:05+00');
    expect(() => decodeBinary(TYPE_OID.numeric, Buffer.from([0, 1]), 0)).toThrow(/incorrect binary data format in bind parameter 1/);
  });
});
