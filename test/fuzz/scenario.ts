/**
 * A scenario is one difference's whole story, runnable from nothing: the tables and their
 * rows, then either a query (after some changes) or a materialized view followed through
 * changes. The shrinker runs smaller scenarios until none still differs; the reproduction
 * printed is a scenario too.
 */
import type pg from 'pg';
import type { Data, Dml, Query, Table } from './ast.ts';
import { isTotalOrder } from './ast.ts';
import { compare, run, type Outcome, type Verdict } from './outcome.ts';
import { printCreateTable, printDml, printInsert, printQuery } from './print.ts';

export interface Scenario {
  readonly tables: readonly Table[];
  readonly data: Data;
  /** select: the steps, then the query; view: the view, then each step (compared after each). */
  readonly mode: 'select' | 'view';
  readonly query: Query;
  readonly steps: readonly Dml[];
}

/** The two servers, each with a client whose session is set up alike. */
export interface Sides {
  pg: pg.Client;
  weir: pg.Client;
  /** What the tables hold now, as JSON of tables, data and steps applied; null when unknown. */
  loaded: string | null;
  /** Weir did not answer: replaced by a fresh Weir (and client) before the next statement. */
  restartWeir(): Promise<void>;
}

export const TABLE_NAMES = ['t1', 't2', 't3', 't4'];

/** Drops every table the fuzzer makes (and, by CASCADE, the views over them) on both sides. */
export async function dropAll(sides: Sides): Promise<void> {
  sides.loaded = null;
  for (const t of TABLE_NAMES) {
    await run(sides.pg, `DROP TABLE IF EXISTS ${t} CASCADE`);
    await run(sides.weir, `DROP TABLE IF EXISTS ${t} CASCADE`);
  }
}

/** Runs a statement on both sides: PostgreSQL's outcome and Weir's. */
export async function both(sides: Sides, sql: string): Promise<[Outcome, Outcome]> {
  return [await run(sides.pg, sql), await run(sides.weir, sql)];
}

/** Creates the tables with their rows; a difference here (Weir refusing a table or a row) is a verdict. */
export async function setUp(sides: Sides, tables: readonly Table[], data: Data): Promise<Verdict> {
  await dropAll(sides);
  for (const t of tables) {
    const ddl = printCreateTable(t);
    const [p, w] = await both(sides, ddl);
    const v = compare(p, w, false, ddl);
    if (v.k !== 'match') return v;
    const rows = data[t.name] ?? [];
    if (rows.length === 0) continue;
    const ins = printInsert(t, rows);
    const [pi, wi] = await both(sides, ins);
    const vi = compare(pi, wi, false, `INSERT INTO ${t.name}`);
    if (vi.k !== 'match') return vi;
  }
  return { k: 'match' };
}

/** Applies a change to both sides; their outcomes (error class, rows affected) must agree. */
export async function applyStep(sides: Sides, tables: readonly Table[], d: Dml, at: string): Promise<Verdict> {
  const [p, w] = await both(sides, printDml(d, tables));
  return compare(p, w, false, at);
}

/** A query's outcome on both sides, compared in order when its ORDER BY is total. */
export async function compareQuery(sides: Sides, q: Query, at: string): Promise<Verdict> {
  const sql = printQuery(q);
  const [p, w] = await both(sides, sql);
  return compare(p, w, isTotalOrder(q), at);
}

/** A view read on Weir (after FLUSH) against its query on PostgreSQL. */
export async function compareView(sides: Sides, view: string, q: Query, at: string): Promise<Verdict> {
  const p = await run(sides.pg, printQuery(q));
  const f = await run(sides.weir, 'FLUSH');
  if (!f.ok) return compare({ ok: true, rows: [], types: [], count: null }, f, false, `${at} (FLUSH)`);
  const w = await run(sides.weir, `SELECT * FROM ${view}`);
  return compare(p, w, false, at);
}

const fingerprint = (sc: Scenario): string => JSON.stringify([sc.tables, sc.data, sc.steps]);

/** Runs a scenario from nothing and returns its first difference, a discard, or a match. */
export async function runScenario(sides: Sides, sc: Scenario): Promise<Verdict> {
  if (sc.mode === 'select' && sides.loaded === fingerprint(sc)) return compareQuery(sides, sc.query, 'query');
  const s = await setUp(sides, sc.tables, sc.data);
  if (s.k !== 'match') return s;
  if (sc.mode === 'select') {
    for (const [i, d] of sc.steps.entries()) {
      const v = await applyStep(sides, sc.tables, d, `step ${i + 1}`);
      if (v.k !== 'match') return v;
    }
    sides.loaded = fingerprint(sc);
    return compareQuery(sides, sc.query, 'query');
  }
  const create = await run(sides.weir, `CREATE MATERIALIZED VIEW v AS ${printQuery(sc.query)}`);
  // Weir refusing the view is a difference when PostgreSQL answers its query.
  if (!create.ok) return compare(await run(sides.pg, printQuery(sc.query)), create, false, 'CREATE MATERIALIZED VIEW');
  let v = await compareView(sides, 'v', sc.query, 'view after CREATE');
  if (v.k !== 'match') return v;
  for (const [i, d] of sc.steps.entries()) {
    v = await applyStep(sides, sc.tables, d, `step ${i + 1}`);
    if (v.k !== 'match') return v;
    v = await compareView(sides, 'v', sc.query, `view after step ${i + 1}`);
    if (v.k !== 'match') return v;
  }
  return v;
}

/** The tables' rows after the scenario's steps, read from PostgreSQL. */
export async function dataAfterSteps(sides: Sides, sc: Scenario): Promise<Data | null> {
  const s = await setUp(sides, sc.tables, sc.data);
  if (s.k !== 'match') return null;
  for (const d of sc.steps) await run(sides.pg, printDml(d, sc.tables));
  sides.loaded = null;
  const data: Record<string, (string | null)[][]> = {};
  for (const t of sc.tables) {
    const o = await run(sides.pg, `SELECT * FROM ${t.name}`);
    if (!o.ok) return null;
    data[t.name] = o.rows.map((r) => [...r]);
  }
  return data;
}
