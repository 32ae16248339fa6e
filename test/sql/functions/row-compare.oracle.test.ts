/**
 * Row constructor comparisons against PostgreSQL: `(a, b) op (c, d)` for = <> < <= > >= with
 * NULLs and mixed types, row IN / NOT IN lists, as expressions, as filters (keyset paging)
 * and in a view kept through changes.
 */
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { int, pick, rng } from '../types/oracle.ts';
import { sortedRows } from '../oracle/sorted-rows.ts';
import { textOutcome, useWeir } from '../oracle/weir-server.ts';

const pg = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

describe.skipIf(pg.skipReason)('row comparisons match PostgreSQL', () => {
  it('as expressions, filters and views', async () => {
    const r = rng(42);
    const v = (): string => pick(r, ['1', '2', '3', 'NULL', '2.5', "'2'"]);
    const exprs: string[] = [];
    for (let k = 0; k < 150; k++) {
      const n = int(r, 1, 3);
      const row = (): string => `(${Array.from({ length: n }, v).join(', ')})`;
      const op = pick(r, ['=', '<>', '<', '<=', '>', '>=']);
      exprs.push(`${row()} ${op} ${row()}`);
      exprs.push(`ROW${row()} ${op} ROW${row()}`);
      exprs.push(`${row()} ${pick(r, ['IN', 'NOT IN'])} (${row()}, ${row()})`);
    }
    exprs.push('(1, 2) = (1, 2, 3)', "(1, 'a') < (1, 2)", '(1, 2) ~~ (1, 2)', 'ROW(1) = ROW(1)', '(1, NULL) IS NULL');
    const mismatches: string[] = [];
    for (const e of exprs) {
      const sql = `SELECT ${e}`;
      const [mine, theirs] = [await textOutcome(weir.client, sql), await textOutcome(pg.server.client, sql)];
      if (mine !== theirs) mismatches.push(`${sql}: Weir ${mine}, PostgreSQL ${theirs}`);
    }
    const both = async (sql: string): Promise<void> => {
      await weir.client.query(sql);
      await pg.server.client.query(sql);
    };
    await both('CREATE TABLE kp (id int PRIMARY KEY, a int, b text)');
    const queries = [
      "SELECT id, a, b FROM kp WHERE (a, b) > (3, 'm')", "SELECT id FROM kp WHERE (a, b, id) <= (5, 'k', 40)", "SELECT id FROM kp WHERE (a, b) IN ((1, 'a'), (2, 'b'), (NULL, 'c'))",
      "SELECT id FROM kp WHERE (a, b) NOT IN ((1, 'a'), (2, 'b'))", "SELECT id, (a, b) < (4, 'x') AS lt, (a, id) = (2, id) AS eq FROM kp",
    ];
    for (const [i, q] of queries.entries()) await weir.client.query(`CREATE MATERIALIZED VIEW rcv${i} AS ${q}`);
    const row = (id: number): string => `(${id}, ${r() < 0.15 ? 'NULL' : int(r, 0, 8)}, ${r() < 0.15 ? 'NULL' : `'${pick(r, ['a', 'b', 'c', 'k', 'm', 'x', 'z'])}'`})`;
    await both(`INSERT INTO kp VALUES ${Array.from({ length: 60 }, (_, i) => row(i)).join(', ')}`);
    const check = async (phase: string): Promise<void> => {
      await weir.client.query('FLUSH');
      for (const [i, q] of queries.entries()) {
        const want = await sortedRows(pg.server.client, q);
        if (JSON.stringify(await sortedRows(weir.client, q)) !== JSON.stringify(want)) mismatches.push(`${phase}: ${q}`);
        if (JSON.stringify(await sortedRows(weir.client, `SELECT * FROM rcv${i}`)) !== JSON.stringify(want)) mismatches.push(`${phase}: view ${q}`);
      }
    };
    await check('after inserts');
    await both("UPDATE kp SET a = a + 1, b = 'z' WHERE id % 3 = 0");
    await both('DELETE FROM kp WHERE id % 5 = 0');
    await check('after changes');
    expect(mismatches).toEqual([]);
  });
});
