/**
 * Temporal filters: a view over `ts > now() - INTERVAL '2 seconds'` drops rows as they age,
 * while an ad-hoc SELECT evaluates now() once, at its start.
 */
import { describe, expect, it } from 'vitest';
import { useWeir } from '../oracle/weir-server.ts';

const weir = useWeir();

describe('temporal filters', () => {
  it('retract rows from a view as now() moves past them', async () => {
    const c = weir.client;
    await c.query('CREATE TABLE events (id int PRIMARY KEY, ts timestamptz, kind text)');
    await c.query("CREATE MATERIALIZED VIEW recent AS SELECT id, kind FROM events WHERE ts > now() - INTERVAL '2 seconds' AND kind <> 'skip'");
    await c.query("CREATE MATERIALIZED VIEW recent_count AS SELECT count(*) AS n FROM events WHERE now() - INTERVAL '2 seconds' < ts");
    await c.query("INSERT INTO events VALUES (1, now(), 'a'), (2, now() - INTERVAL '1 hour', 'b'), (3, now() + INTERVAL '1 hour', 'c'), (4, now(), 'skip')");
    await c.query('FLUSH');
    const ids = async () => (await c.query('SELECT id FROM recent ORDER BY id')).rows.map((r: { id: number }) => r.id);
    expect(await ids()).toEqual([1, 3]);
    expect((await c.query('SELECT n FROM recent_count')).rows).toEqual([{ n: '3' }]);
    // Row 1 is older than 2 s after 2 s; the filter re-checks every second. Wait for it (a
    // busy machine delays timers), but not for less than 2 s.
    await new Promise((r) => setTimeout(r, 2000));
    const count = async () => (await c.query('SELECT n FROM recent_count')).rows[0].n as string;
    for (let i = 0; i < 100 && (JSON.stringify(await ids()) !== '[3]' || (await count()) !== '1'); i++) await new Promise((r) => setTimeout(r, 100));
    await c.query('FLUSH');
    expect(await ids()).toEqual([3]);
    // Rows 1 and 4 aged out of the count too; 3 (an hour ahead) stays.
    expect((await c.query('SELECT n FROM recent_count')).rows).toEqual([{ n: '1' }]);
    // Changes still flow through: a new row shows, a deleted one leaves.
    await c.query("INSERT INTO events VALUES (5, now(), 'e')");
    await c.query('DELETE FROM events WHERE id = 3');
    await c.query('FLUSH');
    expect(await ids()).toEqual([5]);
  }, 30_000);
});
