/**
 * Oracle test for operators and casts: operator resolution (`pg_typeof(a op b)`), arithmetic
 * results and errors, and casts between types, all compared with a real PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import {
  OPERATOR_IMPLS, UNKNOWN, castFunction, commonType, formatType, formatValue, parseTypeName, resolveBinaryOperator,
  sessionWithTimeZone, type DataType, type SqlValue,
} from '../../../src/sql/types/index.ts';
import { usePostgres } from '../../support/postgres.ts';
import { digits, int, lit, pgOutcome, pick, rng, show, weirOutcome } from './oracle.ts';

const TZ = 'Europe/Berlin';
const pg = usePostgres({ timeZone: TZ });
const session = sessionWithTimeZone(TZ);

const TYPE_NAMES = ['smallint', 'integer', 'bigint', 'real', 'double precision', 'numeric', 'text', 'boolean', 'date', 'time',
  'timestamp', 'timestamptz', 'interval', 'jsonb', 'unknown'];

/** Weir's answer to `'a'::lt op 'b'::rt`, the way the binder and compiler will produce it. */
function evaluate(op: string, lt: DataType, a: string, rt: DataType, b: string): string | null {
  const sig = resolveBinaryOperator(op, lt, rt);
  const av = castFunction(lt, sig.left!, 'i', session)(castFunction(UNKNOWN, lt, 'e', session)(a)!);
  const bv = castFunction(rt, sig.right, 'i', session)(castFunction(UNKNOWN, rt, 'e', session)(b)!);
  const impl = OPERATOR_IMPLS[sig.impl];
  if (impl === undefined) throw new Error(`no impl ${sig.impl}`);
  return formatValue(sig.result, impl(av!, bv!, session) as SqlValue | null, session);
}

const SAMPLES: Record<string, string[]> = {
  smallint: ['0', '1', '-1', '7', '-7', '32767', '-32768', '181', '200'],
  integer: ['0', '1', '-1', '13', '-13', '2147483647', '-2147483648', '46341', '65536'],
  bigint: ['0', '1', '-1', '9223372036854775807', '-9223372036854775808', '3037000500', '4294967296', '9007199254740993', '-9007199254740993'],
  real: ['0', '1.5', '-2.25', '3.4e38', '1e-38', '1e-45', 'NaN', 'Infinity', '0.1'],
  'double precision': ['0', '0.1', '-0.3', '1e308', '5e-324', '2.5', 'NaN', '-Infinity', '3'],
  numeric: ['0', '1.50', '-2.345', '0.001', '123456789012345678901234567890.5', '3', '7', 'NaN', 'Infinity', '-Infinity', '1e-20', '0.0000', '-0.5'],
};

describe.skipIf(pg.skipReason)('operators and casts match PostgreSQL', () => {
  it('resolves operators to the same result types and errors', async () => {
    const mismatches: string[] = [];
    let n = 0;
    for (const op of ['+', '-', '*', '/', '%', '=', '<']) {
      for (const l of TYPE_NAMES) for (const r of TYPE_NAMES) {
        const expr = (t: string): string => (t === 'unknown' ? 'NULL' : `NULL::${t}`);
        const expected = await pgOutcome(pg, `SELECT pg_typeof(${expr(l)} ${op} ${expr(r)})::text AS v`);
        const actual = weirOutcome(() => formatType(resolveBinaryOperator(op, parseTypeName(l), parseTypeName(r)).result));
        n++;
        if (show(expected) !== show(actual)) mismatches.push(`${l} ${op} ${r}: pg ${show(expected)} | weir ${show(actual)}`);
      }
    }
    expect(n).toBeGreaterThan(1500);
    expect(mismatches).toEqual([]);
  });

  it('finds the same common types as CASE does', async () => {
    const mismatches: string[] = [];
    for (const l of TYPE_NAMES) for (const r of TYPE_NAMES) {
      const expr = (t: string): string => (t === 'unknown' ? 'NULL' : `NULL::${t}`);
      const expected = await pgOutcome(pg, `SELECT pg_typeof(CASE WHEN true THEN ${expr(l)} ELSE ${expr(r)} END)::text AS v`);
      const actual = weirOutcome(() => formatType(commonType(parseTypeName(l), parseTypeName(r))));
      if (show(expected) !== show(actual)) mismatches.push(`CASE ${l} / ${r}: pg ${show(expected)} | weir ${show(actual)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('computes numeric-category arithmetic with the same results and errors', async () => {
    const r = rng(7);
    const cases: Array<[string, string, string, string, string]> = [];
    const types = Object.keys(SAMPLES);
    for (const op of ['+', '-', '*', '/', '%']) {
      for (const lt of types) for (const rt of types) {
        for (let i = 0; i < 3; i++) cases.push([op, lt, pick(r, SAMPLES[lt]!), rt, pick(r, SAMPLES[rt]!)]);
      }
    }
    // Random exact numerics with mixed scales, including division's scale selection.
    for (let i = 0; i < 200; i++) {
      const num = (): string => `${pick(r, ['', '-'])}${digits(r, int(r, 1, 25))}.${digits(r, int(r, 0, 20))}`;
      cases.push([pick(r, ['+', '-', '*', '/', '%']), 'numeric', num(), 'numeric', num()]);
    }
    for (let i = 0; i < 40; i++) cases.push(['/', 'numeric', `0.${digits(r, int(r, 1, 8))}`, 'numeric', `${int(r, 1, 99999)}${pick(r, ['', '000000', '.5'])}`]);
    await compareAll(cases);
  });

  it('computes date/time arithmetic, including across DST, with the same results', async () => {
    const r = rng(11);
    const stamps = ['2024-03-31 01:30', '2024-03-30 02:30', '2024-10-27 02:30', '2024-01-31 10:00', '2024-02-29 00:00', '2023-12-31 23:59:59.5',
      '1999-12-31 12:00', '2024-10-26 12:00', '0001-01-01 00:00', 'infinity', '294276-12-30 00:00'];
    const spans = ['1 day', '1 mon', '-1 mon', '1 year 2 mons 3 days 04:05:06', '-1 day +02:00', '25 hours', '0.5 days', '1.5 mons', '1000000 days', '-36:00'];
    const cases: Array<[string, string, string, string, string]> = [];
    for (const s of stamps) for (const i of spans) {
      cases.push(['+', 'timestamp', s, 'interval', i], ['-', 'timestamp', s, 'interval', i]);
      cases.push(['+', 'timestamptz', s, 'interval', i], ['-', 'timestamptz', s, 'interval', i]);
    }
    for (let k = 0; k < 40; k++) {
      const a = pick(r, stamps.filter((s) => !s.includes('infinity'))), b = pick(r, stamps.filter((s) => !s.includes('infinity')));
      cases.push(['-', 'timestamp', a, 'timestamp', b], ['-', 'timestamptz', a, 'timestamptz', b]);
    }
    for (const d of ['2024-01-31', '2024-02-29', '1970-01-01', '5874897-12-31']) {
      cases.push(['+', 'date', d, 'integer', String(int(r, -1000, 1000))], ['-', 'date', d, 'date', '2000-01-01'],
        ['+', 'date', d, 'interval', pick(r, spans)], ['-', 'date', d, 'interval', pick(r, spans)], ['+', 'date', d, 'time', '10:30'], ['+', 'date', d, 'integer', '1']);
    }
    for (const t of ['00:00', '23:30', '12:00:00.5']) for (const i of spans) cases.push(['+', 'time', t, 'interval', i], ['-', 'time', t, 'interval', i]);
    cases.push(['-', 'time', '10:00', 'time', '12:30:00.25']);
    for (const i of spans) {
      for (const f of ['2', '0.5', '-1.5', '3.14159', '1e-7', '0']) cases.push(['*', 'interval', i, 'double precision', f], ['/', 'interval', i, 'double precision', f]);
      cases.push(['+', 'interval', i, 'interval', pick(r, spans)], ['-', 'interval', i, 'interval', pick(r, spans)]);
    }
    cases.push(['->', 'jsonb', '{"a": {"b": [1, 2]}}', 'text', 'a'], ['->>', 'jsonb', '{"a": "x\\ny"}', 'text', 'a'], ['->>', 'jsonb', '[1, null, "z"]', 'integer', '-1'],
      ['->', 'jsonb', '[1, 2]', 'integer', '5'], ['->>', 'jsonb', '{"a": null}', 'text', 'a'], ['||', 'text', 'ab', 'text', 'cd']);
    await compareAll(cases);
  });

  it('casts between types with the same results and errors', async () => {
    const pairs: Array<[string, string, string]> = [];
    const numericTypes = Object.keys(SAMPLES);
    for (const from of numericTypes) for (const to of [...numericTypes, 'text', 'numeric(5,2)', 'varchar(3)']) {
      for (const v of SAMPLES[from]!) pairs.push([from, to, v]);
    }
    for (const v of ['0.5', '1.5', '2.5', '-2.5', '-0.5', '32767.5', '2147483647.4', '2147483647.5', '9223372036854775807.5', '1e20', '0.1', '123.456e10', '1e-10'])
      for (const from of ['double precision', 'real', 'numeric']) for (const to of ['smallint', 'integer', 'bigint', 'numeric', 'real']) pairs.push([from, to, v]);
    for (const v of ['2024-03-31 01:30', '2024-10-27 02:30', '2024-06-01 23:59:59.999999', 'infinity', '1900-01-01'])
      for (const [from, to] of [['timestamp', 'timestamptz'], ['timestamptz', 'timestamp'], ['timestamptz', 'date'], ['timestamp', 'date'], ['timestamp', 'time'], ['timestamptz', 'time'], ['date', 'timestamptz'], ['timestamptz', 'timestamp(0)']])
        pairs.push([from!, to!, v]);
    for (const v of ['1 day 25:00:00', '-01:00', '36 hours']) pairs.push(['interval', 'time', v]);
    for (const v of ['true', '1', '"1"', '1.5', 'null', '{"a": 1}', '[1]']) for (const to of ['boolean', 'integer', 'numeric', 'double precision', 'text']) pairs.push(['jsonb', to, v]);
    for (const v of ['true', 'false']) pairs.push(['boolean', 'integer', v], ['boolean', 'text', v]);
    for (const v of ['0', '5']) pairs.push(['integer', 'boolean', v]);
    const mismatches: string[] = [];
    for (const [from, to, v] of pairs) {
      const expected = await pgOutcome(pg, `SELECT ${lit(v)}::${from}::${to} AS v`);
      const ft = typeOf(from), tt = typeOf(to);
      const actual = weirOutcome(() => formatValue(tt, castFunction(ft, tt, 'e', session)(castFunction(UNKNOWN, ft, 'e', session)(v)!), session));
      if (show(expected) !== show(actual)) mismatches.push(`${lit(v)}::${from}::${to}: pg ${show(expected)} | weir ${show(actual)}`);
    }
    expect(pairs.length).toBeGreaterThan(400);
    expect(mismatches).toEqual([]);
  });
});

function typeOf(name: string): DataType {
  const m = /^(\w[\w ]*?)(?:\((-?\d+)(?:,(-?\d+))?\))?$/.exec(name)!;
  return parseTypeName(m[1]!, [m[2], m[3]].filter((x) => x !== undefined).map(Number));
}

async function compareAll(cases: Array<[string, string, string, string, string]>): Promise<void> {
  const mismatches: string[] = [];
  for (const [op, lt, a, rt, b] of cases) {
    const sql = `SELECT (${lit(a)}::${lt} ${op} ${lit(b)}::${rt}) AS v`;
    const expected = await pgOutcome(pg, sql);
    const actual = weirOutcome(() => evaluate(op, typeOf(lt), a, typeOf(rt), b));
    if (show(expected) !== show(actual)) mismatches.push(`${sql}: pg ${show(expected)} | weir ${show(actual)}`);
  }
  expect(mismatches).toEqual([]);
}
