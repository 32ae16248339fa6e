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
