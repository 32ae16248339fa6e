/**
 * psql's aligned format, errors and timing lines. The expected texts were printed by psql 16
 * for the same results from a Weir server; the end-to-end test compares with psql live.
 */
import { describe, expect, it } from 'vitest';
import { formatAlignedTable, formatServerMessage, formatTiming, positionLines } from '../../../src/cli/repl/index.ts';

const INT4 = 23;
const TEXT = 25;
const NUMERIC = 1700;
const FLOAT8 = 701;

describe('aligned table', () => {
  it('centres headers, right-aligns numbers, prints NULL as nothing, wraps newlines with +', () => {
    const columns = [
      { name: 'id', typeOid: INT4 },
      { name: 'name', typeOid: TEXT },
      { name: 'price', typeOid: NUMERIC },
      { name: 'note', typeOid: TEXT },
    ];
    const rows = [
      ['1', 'apple', '1.50', 'a'],
      ['2', 'kiwi fruit', '22.25', null],
      ['3', 'x', null, 'multi\nline'],
    ];
    expect(formatAlignedTable(columns, rows)).toBe(
      [
        ' id |    name    | price | note  ',
        '----+------------+-------+-------',
        '  1 | apple      |  1.50 | a',
        '  2 | kiwi fruit | 22.25 | ',
        '  3 | x          |       | multi+',
        '    |            |       | line',
        '(3 rows)',
        '',
        '',
      ].join('\n'),
    );
  });

  it('wraps headers and values of inner columns, and counts one row as (1 row)', () => {
    const columns = [
      { name: 'x\ny', typeOid: TEXT },
      { name: 'z', typeOid: INT4 },
    ];
    expect(formatAlignedTable(columns, [['a\nbb', '1']])).toBe([' x +| z ', ' y  |   ', '----+---', ' a +| 1', ' bb | ', '(1 row)', '', ''].join('\n'));
  });

  it('prints empty results and results without columns as psql does', () => {
    expect(formatAlignedTable([{ name: 'f', typeOid: FLOAT8 }], [])).toBe([' f ', '---', '(0 rows)', '', ''].join('\n'));
    expect(formatAlignedTable([], [[]])).toBe(['--', '(1 row)', '', ''].join('\n'));
  });

  it('measures wide characters as two columns', () => {
    expect(formatAlignedTable([{ name: 'j', typeOid: TEXT }, { name: 'n', typeOid: INT4 }], [['日本語', '1']])).toBe(
      ['   j    | n ', '--------+---', ' 日本語 | 1', '(1 row)', '', ''].join('\n'),
    );
  });
});

describe('server messages', () => {
  const error = { severity: 'ERROR', code: '42703', message: 'column "nope" does not exist', hint: 'Perhaps you meant "note".', position: '8' };

  it('prints ERROR, the position, DETAIL and HINT; the SQLSTATE when verbose', () => {
    expect(formatServerMessage(error, 'default', 'SELECT nope FROM t')).toBe(
      'ERROR:  column "nope" does not exist\nLINE 1: SELECT nope FROM t\n               ^\nHINT:  Perhaps you meant "note".\n',
    );
    expect(formatServerMessage({ ...error, position: undefined, detail: 'more' }, 'verbose', null, 'weir:f.sql:3: ')).toBe(
      'weir:f.sql:3: ERROR:  42703: column "nope" does not exist\nDETAIL:  more\nHINT:  Perhaps you meant "note".\n',
    );
    expect(formatServerMessage(error, 'terse', 'SELECT nope FROM t')).toBe('ERROR:  column "nope" does not exist\n');
  });

  it('points at the line of a multi-line statement', () => {
    expect(positionLines('SELECT 1,\n  nope', 13)).toBe('LINE 2:   nope\n          ^\n');
  });

  it('formats \\timing as psql', () => {
    expect(formatTiming(1.5)).toBe('Time: 1.500 ms\n');
    expect(formatTiming(61_234.567)).toBe('Time: 61234.567 ms (01:01.235)\n');
  });
});
