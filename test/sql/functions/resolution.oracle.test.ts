/**
 * Overload resolution against PostgreSQL: for every function in the catalogue, random
 * argument-type combinations (including untyped literals) must resolve to the same result
 * type as pg_typeof reports, or fail with the same SQLSTATE (42883 / 42725 / 42804).
 */
import { describe, it } from 'vitest';
import { formatType, sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { FUNCTIONS, resolveFunction, resolveOperatorFunction, EXTENDED_OPERATORS } from '../../../src/sql/functions/index.ts';
import { SYSTEM_FUNCTIONS } from '../../../src/sql/functions/system-functions.ts';
import { usePostgres } from '../../support/postgres.ts';
import { pick, rng } from '../types/oracle.ts';
import { compareCalls, expectAllMatch, typeOf, type Call } from './harness.ts';

const pg = usePostgres({ timeZone: 'UTC' });
const session = sessionWithTimeZone('UTC');

const TYPES: readonly (string | null)[] = [null, null, 'integer', 'smallint', 'bigint', 'numeric', 'double precision', 'real', 'text', 'character varying',
  'boolean', 'timestamp', 'timestamptz', 'date', 'time', 'interval', 'jsonb'];
/** Keyword forms (CURRENT_DATE …) that PostgreSQL has no callable function for. */
const NOT_CALLABLE = new Set(['current_timestamp', 'current_date', 'localtimestamp']);
/** jsonb_build_object's argument-count and null-key errors are run-time errors, not resolution. */
const RUNTIME_ERRORS = new Set(['jsonb_build_object']);
/**
 * The system information functions take and return PostgreSQL's catalog types (oid, name,
 * regclass), which Weir models as integer and text, so their resolution over random types
 * differs by design; test/pgwire/catalog.test.ts checks their answers against PostgreSQL.
 */
const CATALOG_TYPED = new Set(SYSTEM_FUNCTIONS.map((f) => f.name));
/** json_build_object and friends build jsonb (Weir has no json type): they resolve alike but type differently. */
const JSON_AS_JSONB = new Set(['json_build_object', 'json_build_array', 'to_json']);
/** set_config(NULL, ...) fails when it runs (22004); Weir's pg_typeof does not run its argument (show.slt checks it). */
const FAILS_WHEN_RUN = new Set(['set_config']);

const expr = (t: string | null): string => (t === null ? 'NULL' : `NULL::${t}`);

describe.skipIf(pg.skipReason)('function and operator resolution matches PostgreSQL', () => {
  it('resolves random argument types like PostgreSQL', async () => {
    const r = rng(77);
    const calls: Call[] = [];
    const names = [...new Set(FUNCTIONS.map((f) => f.name))].filter((n) => !NOT_CALLABLE.has(n) && !RUNTIME_ERRORS.has(n) && !CATALOG_TYPED.has(n) && !JSON_AS_JSONB.has(n) && !FAILS_WHEN_RUN.has(n));
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
            weir: () => formatType(resolveFunction(name, types.map((t) => (t === null ? null : typeOf(t))), session).returnType),
          });
        }
      }
      for (const f of FUNCTIONS.filter((g) => g.name === name)) {
        const types = f.params.map((p) => (p.kind === 'any' ? 'integer' : formatType(p as never)));
        calls.push({
          sql: `SELECT pg_typeof(pg_catalog.${name}(${types.map(expr).join(', ')}))::text AS v`,
          weir: () => formatType(resolveFunction(name, types.map(typeOf), session).returnType),
        });
      }
    }
    calls.push({ sql: 'SELECT pg_typeof(pg_catalog.no_such_function(1))::text AS v', weir: () => formatType(resolveFunction('no_such_function', [typeOf('integer')]).returnType) });
    // Deviation: Weir has no time with time zone, so timezone(text, time) does not exist.
    const tally = await compareCalls(pg, calls, { ignore: (_sql, o) => 'text' in o && o.text === 'time with time zone' });
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
});
