/** CREATE SINK: a query's changes written to a connector by a streaming job. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useWeir } from '../oracle/weir-server.ts';

const weir = useWeir();

describe('sinks', () => {
  it('writes an append-only query to CSV part files, and refuses one that retracts', async () => {
    const c = weir.client;
    const dir = mkdtempSync(join(tmpdir(), 'weir-sink-'));
    await c.query("CREATE SOURCE gen (id int, s varchar) WITH (connector = 'datagen', 'rows-per-second' = '0', 'number-of-rows' = '500', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '500', 'fields.s.length' = '3')");
    await c.query(`CREATE SINK evens AS SELECT id, s FROM gen WHERE id % 2 = 0 WITH (connector = 'file', path = '${dir}')`);
    await c.query('FLUSH');
    const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
    expect(files.length).toBeGreaterThan(0);
    const lines = files.flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'));
    expect(lines).toHaveLength(250);
    expect(lines.map((l) => Number(l.split(',')[0])).sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, i) => 2 * (i + 1)));
    await c.query('CREATE TABLE t (id int PRIMARY KEY, v int)');
    await expect(c.query(`CREATE SINK sums AS SELECT count(*) FROM t WITH (connector = 'file', path = '${dir}')`)).rejects.toMatchObject({ code: '0A000' });
    await c.query("CREATE SINK counted AS SELECT count(*) FROM t WITH (connector = 'blackhole')");
    await expect(c.query("CREATE SINK nowhere FROM t WITH (connector = 'kafka')")).rejects.toMatchObject({ code: '0A000' });
    await c.query('INSERT INTO t VALUES (1, 1)');
    await c.query('FLUSH');
    await c.query('DROP SINK counted');
    await expect(c.query('DROP TABLE gen')).rejects.toMatchObject({ code: '42809' });
  });
});
