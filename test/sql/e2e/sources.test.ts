/** CREATE SOURCE with the Nexmark and datagen connectors, read by SELECT ... LIMIT and by views. */
import { describe, expect, it } from 'vitest';
import { useWeir } from '../oracle/weir-server.ts';

const weir = useWeir();

describe('sources', () => {
  it('reads Nexmark bids: first rows with LIMIT, a bounded count, and views kept by streaming jobs', async () => {
    const c = weir.client;
    await c.query(
      "CREATE SOURCE bid (auction bigint, bidder bigint, price bigint, channel varchar, url varchar, date_time timestamp, extra varchar) WITH (connector = 'nexmark', nexmark.table.type = 'Bid', nexmark.event.num = '50000')",
    );
    const first = await c.query('SELECT auction, date_time FROM bid LIMIT 3');
    expect(first.rows).toHaveLength(3);
    expect(first.rows[0].date_time).toBeInstanceOf(Date);
    // 46 of every 50 events are bids.
    expect((await c.query('SELECT count(*) AS n FROM bid')).rows).toEqual([{ n: String((50000 / 50) * 46) }]);
    await c.query('CREATE MATERIALIZED VIEW q2 AS SELECT auction, price FROM bid WHERE auction % 123 = 0');
    await c.query('CREATE MATERIALIZED VIEW per_auction AS SELECT auction, count(*) AS n, max(price) AS top FROM bid GROUP BY auction');
    await c.query('FLUSH');
    const q2 = await c.query('SELECT count(*) AS n FROM q2');
    const adhoc = await c.query('SELECT count(*) AS n FROM bid WHERE auction % 123 = 0');
    expect(q2.rows).toEqual(adhoc.rows);
    expect(Number(q2.rows[0].n)).toBeGreaterThan(0);
    const total = await c.query('SELECT sum(n) AS s FROM per_auction');
    expect(total.rows).toEqual([{ s: String((50000 / 50) * 46) }]);
  });

  it('refuses a never-ending SELECT over an unbounded source, with a hint', async () => {
    const c = weir.client;
    await c.query("CREATE SOURCE gen (id int, v double precision) WITH (connector = 'datagen', 'rows-per-second' = '0')");
    await expect(c.query('SELECT * FROM gen')).rejects.toMatchObject({ code: '0A000', message: 'SELECT from the unbounded source "gen" needs a LIMIT' });
    expect((await c.query('SELECT id FROM gen LIMIT 5')).rows).toHaveLength(5);
    await expect(c.query("CREATE SOURCE bad (x int) WITH (connector = 'kafka')")).rejects.toMatchObject({ code: '0A000' });
  });
});
