/**
 * jsonb functions and the operators this library adds (jsonb #> #>> @> <@ ? ?| ?& ||, text ||
 * with non-text sides) and the boolean comparison functions, against PostgreSQL on generated documents.
 */
import { describe, it } from 'vitest';
import { UNKNOWN, castFunction, formatValue, sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { resolvePrefixOperatorFunction } from '../../../src/sql/functions/index.ts';
import { usePostgres } from '../../support/postgres.ts';
import { int, pick, rng } from '../types/oracle.ts';
import { compareCalls, expectAllMatch, functionCall, operatorCall, typeOf, type Arg, type Call } from './harness.ts';

const TZ = 'America/Sao_Paulo';
const pg = usePostgres({ timeZone: TZ });
const session = sessionWithTimeZone(TZ);

function randomJson(r: () => number, depth = 0): string {
  const k = int(r, 0, depth > 2 ? 3 : 6);
  switch (k) {
    case 0: return pick(r, ['1', '-2.50', '0', '1e3', '3.14']);
    case 1: return pick(r, ['"a"', '"b"', '"x y"', '""', '"1"']);
    case 2: return pick(r, ['true', 'false']);
    case 3: return 'null';
    case 4: case 5: {
      const n = int(r, 0, 3);
      return `{${Array.from({ length: n }, () => `"${pick(r, ['a', 'b', 'c', 'aa', '1'])}": ${randomJson(r, depth + 1)}`).join(', ')}}`;
    }
    default: return `[${Array.from({ length: int(r, 0, 3) }, () => randomJson(r, depth + 1)).join(', ')}]`;
  }
}
const j = (v: string): Arg => ['jsonb', v];
const t = (v: string | null): Arg => ['text', v];

describe.skipIf(pg.skipReason)('jsonb functions and added operators match PostgreSQL', () => {
  it('on generated documents', async () => {
    const r = rng(21);
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    const o = (op: string, a: Arg, b: Arg): void => { calls.push(operatorCall(op, a, b, session)); };
    const paths = ['{}', '{a}', '{a,b}', '{0}', '{-1}', '{a,0}', '{1,a}', '{"x y"}', '{a,NULL}', '{b,c,aa}', '{x', '{0,0}', '{" a"}'];
    for (let k = 0; k < 150; k++) {
      const a = randomJson(r), b = randomJson(r);
      f('jsonb_typeof', j(a)); f('jsonb_array_length', j(a)); f('jsonb_strip_nulls', j(a));
      f('jsonb_extract_path', j(a), t(pick(r, ['a', '0', 'b'])), t(pick(r, ['a', '0', '-1'])));
      f('jsonb_extract_path_text', j(a), t(pick(r, ['a', '1', 'c'])));
      f('jsonb_extract_path', j(a), t(null));
      o('#>', j(a), [null, pick(r, paths)]); o('#>>', j(a), [null, pick(r, paths)]);
      o('@>', j(a), j(b)); o('<@', j(a), j(b)); o('@>', j(a), j(a)); o('||', j(a), j(b));
      o('?', j(a), t(pick(r, ['a', 'b', '1', 'x y']))); o('?|', j(a), [null, pick(r, ['{a,b}', '{c}', '{}'])]); o('?&', j(a), [null, pick(r, ['{a,b}', '{a}', '{}'])]);
      // `->`/`->>` belong to the type system; `'"b"'::jsonb ->> 0` (a scalar as a one-element array) differs there, see the report.
      o('->', j(a), t('a')); if (a.startsWith('[') || a.startsWith('{')) o('->>', j(a), ['integer', '0']);
    }
    for (const [a, b] of [['[1,2,3]', '1'], ['[1,[2,3]]', '[[3]]'], ['{"a":[1,2]}', '{"a":1}'], ['{"a":{"b":1,"c":2}}', '{"a":{"b":1}}'], ['"foo"', '"foo"'], ['1', '[1]'],
      ['[1.0]', '[1]'], ['{"a":1}', '{}'], ['[]', '[]'], ['[{"a":1,"b":2}]', '[{"a":1}]'], ['["a"]', '"a"'], ['{"a":null}', '{"a":null}']] as const) {
      o('@>', j(a), j(b)); o('<@', j(b), j(a));
    }
    const values: Arg[] = [['integer', '5'], ['numeric', '1.50'], ['numeric', 'NaN'], ['double precision', '1e100'], ['double precision', 'Infinity'], ['real', '0.1'],
      ['boolean', 'true'], t('he said "hi"\n'), ['date', '2024-02-29'], ['timestamp', '2024-02-29 10:00:00.5'], ['timestamptz', '2024-02-29 10:00:00.5'],
      ['timestamptz', '1850-01-01 00:00'], ['time', '10:00'], ['interval', '1 day 02:00'], j('{"k": [1, 2]}'), [null, 'lit'], ['bigint', '9223372036854775807'], ['timestamp', 'infinity']];
    for (const v of values) { f('to_jsonb', v); f('jsonb_build_array', v, t(null), v); f('jsonb_build_object', t('k'), v); f('jsonb_build_object', v, ['integer', '1']); }
    f('jsonb_build_object'); f('jsonb_build_array'); f('jsonb_build_object', t('a'), ['integer', '1'], t('a'), ['integer', '2'], t('b'), t(null));
    f('jsonb_build_object', t('a')); f('jsonb_build_object', t(null), ['integer', '1']);
    // text || anything and anything || text (anytextcat/textanycat), and what has no operator.
    for (const v of values) { o('||', t('x'), v); o('||', v, t('y')); }
    o('||', [null, 'a'], ['integer', '1']); o('||', ['integer', '1'], [null, 'b']); o('||', [null, 'a'], [null, 'b']); o('||', ['integer', '1'], ['integer', '2']);
    o('||', ['character varying', 'a'], ['character varying', 'b']); o('||', j('{"a":1}'), [null, '{"b":2}']); o('||', [null, '[1]'], j('2'));
    // Boolean comparisons by their function names (booleq …), over both values, NULL and untyped literals.
    const bools: Arg[] = [['boolean', 'true'], ['boolean', 'false'], ['boolean', null], [null, 't'], [null, 'off']];
    for (const name of ['booleq', 'boolne', 'boollt', 'boolgt', 'boolle', 'boolge']) for (const a of bools) for (const b of bools) f(name, a, b);
    const tally = await compareCalls(pg, calls);
    expectAllMatch('jsonb functions and operators', tally, 2500);
  });

  it('jsonb_set, jsonb_set_lax, jsonb_insert, #-, - text[], jsonb_object and jsonb_pretty', async () => {
    const r = rng(5);
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    const o = (op: string, a: Arg, b: Arg): void => { calls.push(operatorCall(op, a, b, session)); };
    const paths = ['{}', '{a}', '{a,b}', '{0}', '{-1}', '{-5}', '{5}', '{a,0}', '{a,-1}', '{1,a}', '{a,NULL}', '{NULL}', '{b,c,aa}', '{0,0}', '{" 1"}', '{x}', '{a,x}', '{1.5}', '{99999999999}'];
    const bool: Arg[] = [['boolean', 'true'], ['boolean', 'false']];
    for (let k = 0; k < 150; k++) {
      const a = randomJson(r), v = randomJson(r, 2), p: Arg = ['text[]', pick(r, paths)];
      f('jsonb_set', j(a), p, j(v)); f('jsonb_set', j(a), p, j(v), pick(r, bool));
      f('jsonb_insert', j(a), p, j(v)); f('jsonb_insert', j(a), p, j(v), pick(r, bool));
      f('jsonb_set_lax', j(a), p, j(v)); f('jsonb_set_lax', j(a), p, ['jsonb', null], pick(r, bool), t(pick(r, ['use_json_null', 'delete_key', 'return_target', 'raise_exception', 'bogus'])));
      o('#-', j(a), p); o('-', j(a), ['text[]', pick(r, ['{a}', '{a,b,NULL}', '{}', '{"x y",1}'])]);
      o('#>', j(a), p); o('#>>', j(a), p); o('?|', j(a), ['text[]', pick(r, ['{a,b}', '{c}', '{}'])]); o('?&', j(a), ['text[]', pick(r, ['{a,b}', '{a}', '{}'])]);
      f('jsonb_pretty', j(a));
    }
    f('jsonb_set_lax', j('{"a":1}'), ['text[]', '{a}'], ['jsonb', null], ['boolean', 'true'], t(null));
    f('jsonb_set_lax', j('{"a":1}'), ['text[]', '{a}'], ['jsonb', null], ['boolean', null], t('use_json_null'));
    f('jsonb_set_lax', ['jsonb', null], ['text[]', '{a}'], j('1'));
    for (const arr of ['{}', '{a,1}', '{a,1,b}', '{a,NULL}', '{NULL,1}', '{a,1,a,2}', '{"x y",z}'])
      f('jsonb_object', ['text[]', arr]);
    for (const [k, v] of [['{a,b}', '{1,2}'], ['{}', '{}'], ['{a}', '{}'], ['{}', '{a}'], ['{a,b}', '{1}'], ['{a,NULL}', '{1,2}'], ['{a}', '{NULL}'], ['{b,a}', '{1,2}']] as const)
      f('jsonb_object', ['text[]', k], ['text[]', v]);
    const tally = await compareCalls(pg, calls);
    expectAllMatch('jsonb edits', tally, 1500);
  });

  it('the prefix and binary operators over numbers and text PostgreSQL has beside the usual ones', async () => {
    const calls: Call[] = [];
    const o = (op: string, a: Arg, b: Arg): void => { calls.push(operatorCall(op, a, b, session)); };
    const prefix = (op: string, a: Arg): void => {
      const [type, text] = a;
      const arg = text === null ? (type === null ? 'NULL' : `NULL::${type}`) : type === null ? `'${text}'` : `'${text}'::${type}`;
      calls.push({ sql: `SELECT (${op} ${arg}) AS v`, weir: () => {
        const f = resolvePrefixOperatorFunction(op, type === null ? null : typeOf(type), session);
        const value = text === null ? null : castFunction(UNKNOWN, f.argTypes[0]!, 'e', session)(text);
        return value === null ? null : formatValue(f.returnType, f.impl([value], session) as never, session);
      } });
    };
    for (const [type, v] of [['smallint', '-5'], ['smallint', '-32768'], ['integer', '-2147483648'], ['integer', '7'], ['bigint', '-9223372036854775808'], ['real', '-1.5'],
      ['double precision', '-0'], ['numeric', '-2.50'], ['numeric', 'NaN'], [null, '-3'], ['double precision', 'NaN'], ['integer', null]] as const) prefix('@', [type, v]);
    for (const v of ['16', '2', '-1', '0', 'Infinity', 'NaN', '27', '-8', '1e-320']) { prefix('|/', ['double precision', v]); prefix('||/', ['double precision', v]); prefix('|/', ['numeric', v]); }
    prefix('|/', [null, '9']); prefix('||/', ['integer', '64']);
    for (const [a, b] of [['2', '10'], ['2', '0.5'], ['-8', '0.333'], ['0', '-1'], ['10', '400'], ['1.5', '2']] as const) {
      o('^', ['double precision', a], ['double precision', b]); o('^', ['numeric', a], ['numeric', b]); o('^', ['integer', a], [null, b]);
    }
    for (const [a, b] of [['abc', 'ab'], ['abc', ''], ['ab', 'abc'], ['é', 'e'], ['b', 'a'], ['a', 'a'], ['A', 'a'], ['😀', 'z']] as const) {
      for (const op of ['^@', '~<~', '~<=~', '~>=~', '~>~']) o(op, t(a), t(b));
    }
    const tally = await compareCalls(pg, calls);
    expectAllMatch('extra operators', tally, 95);
  });
});
