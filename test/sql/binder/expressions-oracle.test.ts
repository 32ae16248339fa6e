/**
 * Bound and compiled expressions against PostgreSQL: for each expression, over a few rows
 * of a table, Weir's value (formatted as PostgreSQL prints it) or error SQLSTATE must equal
 * PostgreSQL's.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/sql/parser/index.ts';
import { bindExpr, type BindContext } from '../../../src/sql/binder/bind-expr.ts';
import { Scope } from '../../../src/sql/binder/scope.ts';
import { compileExpr } from '../../../src/sql/codegen/compile-expr.ts';
import { INTEGER, TEXT, BOOLEAN, numericType, SqlError, formatterFor, parserFor, sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { usePostgres } from '../../support/postgres.ts';

const pg = usePostgres({ timeZone: 'UTC' });
const session = sessionWithTimeZone('UTC');

const COLUMNS = [
  { name: 'a', relation: 't', type: INTEGER },
  { name: 'b', relation: 't', type: INTEGER },
  { name: 's', relation: 't', type: TEXT },
  { name: 'n', relation: 't', type: numericType(10, 2) },
  { name: 'f', relation: 't', type: BOOLEAN },
];
const ROWS: Array<Array<string | null>> = [
  ['1', '2', 'abc', '1.50', 't'],
  ['0', null, 'a_c', '-3.25', 'f'],
  [null, '7', null, null, null],
  ['2147483647', '1', 'ABC%', '99999999.99', 't'],
];

const EXPRESSIONS = [
  'a + b', 'a - b * 2', 'a / b', 'b / a', 'a % 3', '-a', 'a + 1', 'a * 2', // overflow on the last row
  'a = b', 'a <> b', 'a < b', 'a >= 1', 'a = 1.0', 'n > 0', 'n * 2', 'n / 3', 'n + a',
  'a > 0 AND f', 'a > 0 OR f', 'NOT f', 'f IS TRUE', 'f IS NOT FALSE', 'f IS UNKNOWN', 'a IS NULL', 's IS NOT NULL',
  "CASE WHEN a > 0 THEN 'pos' WHEN a = 0 THEN 'zero' ELSE 'neg or null' END",
  'CASE a WHEN 1 THEN 10 WHEN 2 THEN 20 END',
  'COALESCE(b, a, -1)', 'NULLIF(a, 0)', 'NULLIF(s, \'abc\')',
  'a IN (1, 2, 3)', 'a IN (5, NULL)', 'a NOT IN (5, NULL)', 'a NOT IN (1, 2)', "s IN ('abc', 'x')",
  "s LIKE 'a%'", "s LIKE 'a\\_c'", "s ILIKE 'abc%'", "s NOT LIKE '%c'",
  'a BETWEEN 0 AND 1', 'a NOT BETWEEN 0 AND 1', 'a IS DISTINCT FROM b', 'a IS NOT DISTINCT FROM b',
  "s || '!'", 'a::text', "'42'::int + a", 'n::int', 'a::numeric(5,1) / 3', "'2024-01-01'::date + a",
  "'2024-01-01 10:00'::timestamp + interval '1 day' * a", 'a::double precision / 3', 'b::bigint * 4294967296',
  // Functions, through the function library.
  'length(s)', 'upper(s)', 'substr(s, 2)', "replace(s, 'b', 'XY')", 'abs(a - 5)', 'round(n, 1)', 'greatest(a, b, 3)', 'least(a, b)',
  "date_trunc('month', '2024-03-17 10:30'::timestamp + interval '1 day' * a)", "extract(year from '2024-03-04'::date + a)",
  "s || a", "concat(s, '-', a, '-', n)", "interval '30' minute * a", "INTERVAL '2' HOUR + interval '1 day 2 hours' hour to minute", "interval(3) '1.23456 seconds' * b", 'mod(a, 7)', "split_part('a,b,c', ',', b)", "lpad(s, 6, '*')",
];

describe('expressions against PostgreSQL', () => {
  it.skipIf(Boolean(pg.skipReason))(`${EXPRESSIONS.length} expressions over ${ROWS.length} rows give PostgreSQL's results`, async () => {
    const client = pg.server.client;
    await client.query('CREATE TABLE t (a int, b int, s text, n numeric(10,2), f boolean, pos int)');
    for (const [i, r] of ROWS.entries()) await client.query('INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6)', [...r, i]);
    const scope = new Scope(COLUMNS);
    const parsers = COLUMNS.map((c) => parserFor(c.type, session));
    const rows = ROWS.map((r) => r.map((v, i) => (v === null ? null : parsers[i]!(v))));
    const mismatches: string[] = [];
    for (const expr of EXPRESSIONS) {
      for (const [i, row] of rows.entries()) {
        let want: string;
        try {
          const res = await client.query({ text: `SELECT (${expr})::text AS v FROM t WHERE pos = ${i}`, rowMode: 'array' });
          want = String((res.rows[0] as unknown[])[0]);
        } catch (e) {
          want = `ERROR ${(e as { code: string }).code}`;
        }
        let got: string;
        try {
          const stmt = parse(`SELECT ${expr}`)[0]!;
          const target = (stmt as { tree: { SelectStmt: { targetList: Array<{ ResTarget: { val: unknown } }> } } }).tree.SelectStmt.targetList[0]!.ResTarget.val;
          const ctx: BindContext = { scope, session };
          const bound = bindExpr(target as never, ctx);
          const value = compileExpr(bound, session).fn(row);
          // ::text of a boolean is true/false, while the output function prints t/f.
          got = value === null ? 'null' : bound.type.kind === 'boolean' ? (value ? 'true' : 'false') : formatterFor(bound.type, session)(value as never);
        } catch (e) {
          got = e instanceof SqlError ? `ERROR ${e.code}` : `JS ${(e as Error).message}`;
        }
        if (got !== want) mismatches.push(`${expr} @row${i}: weir ${got} / postgres ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
