/**
 * Overload resolution against PostgreSQL: for every function in the catalogue, random
 * argument-type combinations (including untyped literals) must resolve to the same result
 * type as pg_typeof reports, or fail with the same SQLSTATE (42883 / 42725 / 42804).
 */
import { describe, it } from 'vitest';
import { formatType, formatTypeName, sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { FUNCTIONS, resolveFunction, resolveOperatorFunction, EXTENDED_OPERATORS } from '../../../src/sql/functions/index.ts';
import { SYSTEM_FUNCTIONS } from '../../../src/sql/functions/system-functions.ts';
import { usePostgres } from '../../support/postgres.ts';
import { pick, rng } from '../types/oracle.ts';
import { compareCalls, expectAllMatch, functionCall, typeOf, type Arg, type Call } from './harness.ts';

const pg = usePostgres({ timeZone: 'UTC' });
const session = sessionWithTimeZone('UTC');

const TYPES: readonly (string | null)[] = [null, null, 'integer', 'smallint', 'bigint', 'numeric', 'double precision', 'real', 'text', 'character varying',
  'boolean', 'timestamp', 'timestamptz', 'date', 'time', 'interval', 'jsonb', 'character', 'bytea'];
/** Keyword forms (CURRENT_DATE …) that PostgreSQL has no callable function for. */
const NOT_CALLABLE = new Set(['current_timestamp', 'current_date', 'localtimestamp']);
/** json(b)_build_object's argument-count and null-key errors are run-time errors, not resolution. */
const RUNTIME_ERRORS = new Set(['jsonb_build_object', 'json_build_object']);
/**
 * The system information functions take and return PostgreSQL's catalog types (oid, name,
 * regclass), which Weir models as integer and text, so their resolution over random types
 * differs by design; test/pgwire/catalog.test.ts checks their answers against PostgreSQL.
 */
const CATALOG_TYPED = new Set(SYSTEM_FUNCTIONS.map((f) => f.name));
/** set_config(NULL, ...) fails when it runs (22004); Weir's pg_typeof does not run its argument (show.slt checks it). */
const FAILS_WHEN_RUN = new Set(['set_config']);
/**
 * Functions the oracle's PostgreSQL 15 does not have: PostgreSQL 18's gamma, lgamma, crc32,
 * crc32c, array_sort, array_reverse and RisingWave's array_min/max/sum/join
 * (test/sql/array-functions.slt and gamma-crc.slt check their answers). reverse(bytea) is
 * PostgreSQL 18's too: calls of reverse with a bytea argument are left out below.
 */
const NEWER_THAN_POSTGRES_15 = new Set(['gamma', 'lgamma', 'crc32', 'crc32c', 'array_sort', 'array_reverse', 'array_min', 'array_max', 'array_sum', 'array_join']);

const expr = (t: string | null): string => (t === null ? 'NULL' : `NULL::${t}`);

describe.skipIf(pg.skipReason)('function and operator resolution matches PostgreSQL', () => {
  it('resolves random argument types like PostgreSQL', async () => {
    const r = rng(77);
    const calls: Call[] = [];
    const names = [...new Set(FUNCTIONS.map((f) => f.name))].filter((n) => !NOT_CALLABLE.has(n) && !RUNTIME_ERRORS.has(n) && !CATALOG_TYPED.has(n) && !FAILS_WHEN_RUN.has(n) && !NEWER_THAN_POSTGRES_15.has(n));
    for (const name of names) {
      const arities = new Set<number>();
      for (const f of FUNCTIONS.filter((g) => g.name === name)) {
        arities.add(f.params.length);
        if (f.variadic !== null) { arities.add(f.params.length + 1); arities.add(f.params.length + 2); }
        if (f.minArgs < f.params.length) arities.add(f.minArgs);
      }
      for (const n of arities) {
        const tries = n === 0 ? 1 : 24;
        for (let k = 0; k < tries; k++) {
          const types = Array.from({ length: n }, () => pick(r, TYPES));
          // The right arity with the declared types, so every overload is exercised at least once.
          calls.push({
            sql: `SELECT pg_typeof(pg_catalog.${name}(${types.map(expr).join(', ')}))::text AS v`,
            weir: () => formatTypeName(resolveFunction(name, types.map((t) => (t === null ? null : typeOf(t))), session).returnType),
          });
        }
      }
      for (const f of FUNCTIONS.filter((g) => g.name === name)) {
        const types = f.params.map((p) => (p.kind === 'any' ? 'integer' : formatType(p as never)));
        calls.push({
          sql: `SELECT pg_typeof(pg_catalog.${name}(${types.map(expr).join(', ')}))::text AS v`,
          weir: () => formatTypeName(resolveFunction(name, types.map(typeOf), session).returnType),
        });
      }
    }
    calls.push({ sql: 'SELECT pg_typeof(pg_catalog.no_such_function(1))::text AS v', weir: () => formatType(resolveFunction('no_such_function', [typeOf('integer')]).returnType) });
    // Deviation: Weir has no time with time zone, so timezone(text, time) does not exist.
    const tally = await compareCalls(pg, calls.filter((c) => !/pg_catalog\.reverse\(.*bytea/.test(c.sql)), { ignore: (_sql, o) => 'text' in o && o.text === 'time with time zone' });
    expectAllMatch('function resolution', tally, 2500);
  });

  it('resolves the added operators like PostgreSQL', async () => {
    const calls: Call[] = [];
    for (const op of EXTENDED_OPERATORS) for (const l of TYPES) for (const rt of TYPES) {
      calls.push({
        sql: `SELECT pg_typeof(${expr(l)} ${op} ${expr(rt)})::text AS v`,
        weir: () => formatType(resolveOperatorFunction(op, l === null ? null : typeOf(l), rt === null ? null : typeOf(rt), session).returnType),
      });
    }
    // Deviation: PostgreSQL's @> and <@ also exist on arrays, ranges and geometric types, which
    // makes an untyped operand beside a non-jsonb one ambiguous there (42725); Weir knows jsonb only.
    const ignore = (sql: string): boolean => /(@>|<@)/.test(sql) && !/NULL::jsonb (@>|<@) NULL(::jsonb)?\)|NULL (@>|<@) NULL::jsonb/.test(sql);
    const tally = await compareCalls(pg, calls, { ignore });
    expectAllMatch('operator resolution', tally, 3000);
  });

  it('reads typename(x) as a cast where PostgreSQL does, and applies type modifiers by their functions', async () => {
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    const VALUES: Arg[] = [['integer', '42'], ['bigint', '-7'], ['numeric', '2.5'], ['double precision', '1e10'], ['real', '0.5'], ['text', '12'], ['text', 'x'],
      ['character varying', '2024-01-02'], ['boolean', 'true'], ['date', '2024-02-29'], ['timestamp', '2024-02-29 10:11:12.5'], ['timestamptz', '2024-02-29 10:11:12.5+00'],
      ['time', '10:11:12.5'], ['interval', '1 day 02:00'], ['jsonb', '{"a": 1}'], [null, '7'], [null, '2024-03-01'], [null, 'true'], ['integer', null]];
    for (const name of ['bool', 'int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'text', 'varchar', 'date', 'time', 'timestamp', 'timestamptz', 'interval', 'jsonb']) {
      for (const v of VALUES) f(`pg_catalog.${name}`, v);
    }
    for (const [v, m] of [['123.456', (5 << 16 | 2) + 4], ['123.456', (2 << 16 | 1) + 4], ['-1.5', -1], ['99.995', (4 << 16 | 2) + 4], ['1234', (3 << 16 | ((-1) & 0x7ff)) + 4], ['NaN', (3 << 16) + 4]] as const)
      f('pg_catalog.numeric', ['numeric', v], ['integer', String(m)]);
    for (const [v, m] of [['1 year 2 mons 3 days 04:05:06.789', -1], ['1 year 2 mons 3 days 04:05:06.789', (4 << 16) | 0xffff], ['3 days 04:05:06.789', (0x7fff << 16) | 1],
      ['3 days 04:05:06.789', (8 << 16) | 0xffff], ['3 days 04:05:06.789', ((1 << 10 | 1 << 11 | 1 << 12) << 16) | 2], ['1 day', 2], ['1 day', (5 << 16) | 3]] as const)
      f('pg_catalog.interval', ['interval', v], ['integer', String(m)]);
    for (const p of [-1, 0, 2, 6, 7]) f('pg_catalog.time', ['time', '10:11:12.123456'], ['integer', String(p)]);
    for (const [v, m, e] of [['abcdef', 7, 'true'], ['abcdef', 7, 'false'], ['abc   ', 7, 'false'], ['abc', 2, 'false'], ['abc', -1, 'false']] as const)
      f('pg_catalog.varchar', ['character varying', v], ['integer', String(m)], ['boolean', e]);
    const tally = await compareCalls(pg, calls);
    expectAllMatch('function-style casts and type modifiers', tally, 250);
  });
});
