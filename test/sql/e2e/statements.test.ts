/** Smaller statement forms: CREATE INDEX, HAVING without GROUP BY, LIMIT in a subquery. */
import { describe, expect, it } from 'vitest';
import { useWeir } from '../oracle/weir-server.ts';

const weir = useWeir();

describe('statement forms', () => {
  it('records an index, drops it with its table, and answers queries the same', async () => {
    const c = weir.client;
    await c.query('CREATE TABLE ix (a int, b int)');
    await c.query('CREATE INDEX ix_a ON ix (a)');
    await expect(c.query('CREATE INDEX ix_a ON ix (b)')).rejects.toMatchObject({ code: '42P07' });
    await expect(c.query('CREATE INDEX ix_z ON ix (z)')).rejects.toMatchObject({ code: '42703' });
    await c.query('INSERT INTO ix VALUES (2, 20), (1, 10)');
    expect((await c.query('SELECT a FROM ix ORDER BY a')).rows).toEqual([{ a: 1 }, { a: 2 }]);
    await expect(c.query('DROP TABLE ix')).rejects.toMatchObject({ code: '2BP01' });
    await c.query('DROP TABLE ix CASCADE');
  });

  it('treats HAVING without GROUP BY as one group, and keeps a subquery\'s LIMIT', async () => {
    const c = weir.client;
    expect((await c.query('SELECT 1 AS x HAVING true')).rows).toEqual([{ x: 1 }]);
    expect((await c.query('SELECT 1 AS x HAVING false')).rows).toEqual([]);
    await c.query('CREATE TABLE lt (a int)');
    await c.query('INSERT INTO lt VALUES (1), (2), (3), (4)');
    expect((await c.query('SELECT count(*) AS n FROM lt HAVING count(*) > 3')).rows).toEqual([{ n: '4' }]);
    expect((await c.query('SELECT a FROM (SELECT a FROM lt ORDER BY a DESC LIMIT 2) AS top ORDER BY a')).rows).toEqual([{ a: 3 }, { a: 4 }]);
  });
});
