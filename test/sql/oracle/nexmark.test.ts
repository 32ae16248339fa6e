/**
 * The Nexmark queries of examples/nexmark over the same generated events in Weir and in
 * PostgreSQL. The events go into tables (so PostgreSQL can hold them too); Weir maintains
 * each query as a materialized view, PostgreSQL runs it once; the answers must agree.
 * Window queries use PostgreSQL's date_bin/generate_series for the windows. Top-N queries
 * compare the columns their ranking decides (ties may pick either row).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NexmarkConfig } from '../../../src/connectors/nexmark/config.ts';
import { NexmarkGenerator } from '../../../src/connectors/nexmark/generator.ts';
import { usePostgres } from '../../support/postgres.ts';
import { useWeir } from './weir-server.ts';

const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();
const EXAMPLES = resolve(import.meta.dirname, '../../../examples/nexmark');
const EVENTS = 20_000;

/** The query of an example file: the SELECT after `CREATE MATERIALIZED VIEW name AS`. */
function query(n: string): string {
  const text = readFileSync(join(EXAMPLES, `${n}.sql`), 'utf8').replace(/^--.*$/gm, '');
  return text.slice(text.indexOf(' AS') + 3).trim().replace(/;\s*$/, '');
}

const TUMBLE_PG = (t: string) =>
  `(SELECT *, date_bin('10 seconds', date_time, timestamp '1970-01-01') AS window_start, date_bin('10 seconds', date_time, timestamp '1970-01-01') + interval '10 seconds' AS window_end FROM ${t}) AS tumbled`;
const HOP_PG = `(SELECT b.*, w AS window_start, w + interval '10 seconds' AS window_end FROM bid b, generate_series(date_bin('2 seconds', b.date_time, timestamp '1970-01-01') - interval '8 seconds', date_bin('2 seconds', b.date_time, timestamp '1970-01-01'), interval '2 seconds') AS w) AS hopped`;

/** Sessions numbered with window functions: a bid 10 s or more after the bidder's previous one starts a new one. */
const Q11_PG = `SELECT bidder, count(*) AS bid_count, min(date_time) AS starttime, max(date_time) + interval '10 seconds' AS endtime FROM (
    SELECT *, sum(fresh) OVER (PARTITION BY bidder ORDER BY date_time, auction, price) AS sid FROM (
      SELECT *, CASE WHEN date_time - lag(date_time) OVER (PARTITION BY bidder ORDER BY date_time, auction, price) < interval '10 seconds' THEN 0 ELSE 1 END AS fresh
      FROM bid) a) b
  GROUP BY bidder, sid`;

/** PostgreSQL 15 wants an alias on a subquery in FROM (16 does not, nor does Weir). */
const pg15Alias = (q: string): string => q.replace(/\)\s*WHERE (rownum|rank_number)/, ') AS ranked WHERE $1');

/** [name, PostgreSQL's form of the query, columns to compare in the view (null: all)]. */
const CASES: Array<[string, (q: string) => string, string | null]> = [
  ['q0', (q) => q, null],
  ['q1', (q) => q, null],
  ['q2', (q) => q, null],
  ['q3', (q) => q, null],
  ['q4', (q) => q, null],
  ['q5', (q) => q.replaceAll("HOP(bid, date_time, INTERVAL '2' SECOND, INTERVAL '10' SECOND)", HOP_PG), null],
  ['q7', (q) => q.replace("TUMBLE(bid, date_time, INTERVAL '10' SECOND)", TUMBLE_PG('bid')), null],
  ['q8', (q) => q.replace("TUMBLE(person, date_time, INTERVAL '10' SECOND)", TUMBLE_PG('person')).replace("TUMBLE(auction, date_time, INTERVAL '10' SECOND)", TUMBLE_PG('auction')), null],
  ['q9', pg15Alias, 'id, price, bid_date_time'],
  ['q11', () => Q11_PG, null],
  ['q18', pg15Alias, 'auction, bidder, date_time'],
  ['q19', pg15Alias, 'auction, price, rank_number'],
  ['q20', (q) => q, null],
  ['q14', (q) => q, null],
  ['q15', (q) => q, null],
  ['q16', (q) => q, null],
  ['q17', (q) => q, null],
  ['q21', (q) => q, null],
  ['q22', (q) => q, null],
];

const DDL = [
  'CREATE TABLE person (id bigint, name varchar, email_address varchar, credit_card varchar, city varchar, state varchar, date_time timestamp, extra varchar)',
  'CREATE TABLE auction (id bigint, item_name varchar, description varchar, initial_bid bigint, reserve bigint, date_time timestamp, expires timestamp, seller bigint, category bigint, extra varchar)',
  'CREATE TABLE bid (auction bigint, bidder bigint, price bigint, channel varchar, url varchar, date_time timestamp, extra varchar)',
];

const ts = (ms: number): string => `'${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}'`;
const str = (s: string): string => `'${s.replace(/'/g, "''")}'`;

async function rows(c: unknown, sql: string): Promise<string[]> {
  const r = await (c as { query(q: object): Promise<{ rows: unknown[][] }> }).query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
  return r.rows.map((x) => JSON.stringify(x)).sort();
}

describe.skipIf(Boolean(pgdb.skipReason))('Nexmark queries equal PostgreSQL', () => {
  it(`${CASES.length} queries over ${EVENTS} events`, async () => {
    const both = async (sql: string) => {
      await weir.client.query(sql);
      await pgdb.server.client.query(sql);
    };
    for (const d of DDL) await both(d);
    for (const [name] of CASES) await weir.client.query(`CREATE MATERIALIZED VIEW nexmark_${name} AS ${query(name)}`);
    const gen = new NexmarkGenerator(new NexmarkConfig({ seed: 7 }));
    const people: string[] = [];
    const auctions: string[] = [];
    const bids: string[] = [];
    for (let n = 0; n < EVENTS; n++) {
      const e = gen.event(n);
      if (e.person !== null) {
        const p = e.person;
        people.push(`(${p.id}, ${str(p.name)}, ${str(p.emailAddress)}, ${str(p.creditCard)}, ${str(p.city)}, ${str(p.state)}, ${ts(p.dateTime)}, ${str(p.extra)})`);
      } else if (e.auction !== null) {
        const a = e.auction;
        auctions.push(`(${a.id}, ${str(a.itemName)}, ${str(a.description)}, ${a.initialBid}, ${a.reserve}, ${ts(a.dateTime)}, ${ts(a.expires)}, ${a.seller}, ${a.category}, ${str(a.extra)})`);
      } else if (e.bid !== null) {
        const b = e.bid;
        bids.push(`(${b.auction}, ${b.bidder}, ${b.price}, ${str(b.channel)}, ${str(b.url)}, ${ts(b.dateTime)}, ${str(b.extra)})`);
      }
    }
    for (const [table, values] of [['person', people], ['auction', auctions], ['bid', bids]] as const) {
      for (let i = 0; i < values.length; i += 1000) await both(`INSERT INTO ${table} VALUES ${values.slice(i, i + 1000).join(', ')}`);
    }
    await weir.client.query('FLUSH');
    const mismatches: string[] = [];
    for (const [name, pgForm, columns] of CASES) {
      const q = query(name);
      const want = await rows(pgdb.server.client, columns === null ? pgForm(q) : `SELECT ${columns} FROM (${pgForm(q)}) AS x`);
      const got = await rows(weir.client, `SELECT ${columns ?? '*'} FROM nexmark_${name}`);
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${name}: Weir ${got.length} rows, PostgreSQL ${want.length}`);
      else if (want.length === 0 && name !== 'q3') mismatches.push(`${name}: no rows at all; the test data should exercise it`);
    }
    expect(mismatches).toEqual([]);
  });
});
