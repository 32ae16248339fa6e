/**
 * The fuzzing loop. Each case is one random schema with its rows, on both sides; then
 * - a few one-off queries, compared;
 * - a few materialized views, compared after CREATE and after each change;
 * - a few changes (INSERT/UPDATE/DELETE), whose outcomes must agree;
 * - every table's rows, then more queries over the changed rows.
 * A case is reproducible alone from (seed, case number). Differences are shrunk after their
 * case, named by signature, and checked against the known ones.
 */
import { rng } from '../sql/types/oracle.ts';
import type { Query, Select, Table } from './ast.ts';
import { familyOf } from './ast.ts';
import { genDml, type DmlState } from './gen-dml.ts';
import { genQuery, newGen } from './gen-query.ts';
import { compare, DIFF_CLASSES, NoAnswer, run, sameFailure, type DiffClass, type Verdict } from './outcome.ts';
import { printQuery } from './print.ts';
import { errorKey, reproScript, signature } from './report.ts';
import { applyStep, compareQuery, compareView, setUp, type Scenario, type Sides } from './scenario.ts';
import { generateData, generateSchema } from './schema.ts';
import { runSafely, shrink } from './shrink.ts';

export interface FuzzOptions {
  readonly seed: number;
  /** The first case's number (a case alone: firstCase = N, cases = 1). */
  readonly firstCase?: number;
  /** Cases at most. */
  readonly cases: number;
  /** Asked before each case: true stops the run. */
  readonly stopped?: () => boolean;
  /** No case starts after this Date.now(). */
  readonly deadline: number;
  readonly known: ReadonlySet<string>;
  /** Scenario runs and milliseconds one shrink may take. */
  readonly shrinkRuns: number;
  readonly shrinkMs: number;
  /** Called once per signature, when it is first found in this run. */
  readonly onFound?: (f: Found) => void;
  readonly log?: (line: string) => void;
}

export interface Found {
  readonly signature: string;
  readonly cls: DiffClass;
  readonly known: boolean;
  readonly repro: string;
  /** Where it was first seen: case number and check. */
  readonly origin: string;
  /** Times it was hit in this run. */
  hits: number;
}

export interface FuzzStats {
  cases: number;
  /** Comparisons made: queries, views (each read), changes, table contents. */
  checks: number;
  matched: number;
  /** Statements PostgreSQL refused (42xxx, 0A000): not counted as checks. */
  discarded: number;
  /** Differences seen (each check that differed), by class. */
  readonly byClass: Record<DiffClass, number>;
  /** Checks and matches by what was compared. */
  readonly byKind: Record<CheckKind, { checks: number; matched: number }>;
  /** Differences that did not come back when their scenario ran again alone. */
  flaky: number;
  readonly found: Map<string, Found>;
}

export type CheckKind = 'set-up' | 'query' | 'view' | 'change' | 'table';
const CHECK_KINDS: readonly CheckKind[] = ['set-up', 'query', 'view', 'change', 'table'];

const SELECT_ONE: Select = { k: 'select', distinct: false, items: [{ e: { k: 'lit', sql: '1', t: 'num' }, as: 'c1' }], from: [], where: null, groupBy: [], having: null, order: [], limit: null };

function tableQuery(t: Table): Query {
  return {
    ...SELECT_ONE,
    items: t.columns.map((c, i) => ({ e: { k: 'col', q: 'a', name: c.name, t: familyOf(c.type) }, as: `c${i + 1}` })),
    from: [{ k: 'table', name: t.name, as: 'a' }],
  };
}

export const caseSeed = (seed: number, caseNo: number): number => (Math.imul(seed, 7919) + Math.imul(caseNo, 104729) + 1) >>> 0;

interface Pending { readonly sc: Scenario; readonly v: Verdict & { k: 'diff' }; readonly origin: string }

export function newStats(): FuzzStats {
  return { cases: 0, checks: 0, matched: 0, discarded: 0, byClass: Object.fromEntries(DIFF_CLASSES.map((c) => [c, 0])) as Record<DiffClass, number>,
    byKind: Object.fromEntries(CHECK_KINDS.map((k) => [k, { checks: 0, matched: 0 }])) as Record<CheckKind, { checks: number; matched: number }>, flaky: 0, found: new Map() };
}

export async function fuzz(sides: Sides, opts: FuzzOptions, stats: FuzzStats = newStats()): Promise<FuzzStats> {
  const errorKeys = new Map<string, string>();
  const first = opts.firstCase ?? 1;
  for (let caseNo = first; caseNo < first + opts.cases && Date.now() < opts.deadline && !opts.stopped?.(); caseNo++) {
    const pending: Pending[] = [];
    try {
      await runCase(sides, opts.seed, caseNo, stats, pending);
    } catch (e) {
      if (!(e instanceof NoAnswer)) throw e;
      opts.log?.(`case ${caseNo}: Weir did not answer; restarting it`);
      await sides.restartWeir();
    }
    stats.cases++;
    for (const p of pending) await settle(sides, opts, stats, p, errorKeys);
  }
  return stats;
}

/** Shrinks a difference (unless its error was seen and shrunk already) and records its signature. */
async function settle(sides: Sides, opts: FuzzOptions, stats: FuzzStats, p: Pending, errorKeys: Map<string, string>): Promise<void> {
  const key = errorKey(p.v);
  const seen = key === null ? undefined : errorKeys.get(key);
  if (seen !== undefined) {
    stats.found.get(seen)!.hits++;
    return;
  }
  let sc = p.sc;
  let v = p.v;
  if (v.cls !== 'hang') {
    const again = await runSafely(sides, sc);
    if (!sameFailure(again, v)) {
      stats.flaky++;
      opts.log?.(`${p.origin}: a ${v.cls} difference did not come back when run alone:\n${reproScript(sc, v)}`);
      return;
    }
    const t0 = Date.now();
    const shrunk = await shrink(sides, sc, v, { runs: opts.shrinkRuns, deadline: Date.now() + opts.shrinkMs });
    ({ scenario: sc, verdict: v } = shrunk);
    opts.log?.(`${p.origin}: shrunk in ${shrunk.runs} runs, ${Date.now() - t0} ms`);
  }
  const sig = signature(sc, v);
  if (key !== null) errorKeys.set(key, sig);
  const had = stats.found.get(sig);
  if (had !== undefined) {
    had.hits++;
    return;
  }
  const found: Found = { signature: sig, cls: v.cls, known: opts.known.has(sig), repro: reproScript(sc, v), origin: p.origin, hits: 1 };
  stats.found.set(sig, found);
  opts.onFound?.(found);
}

async function runCase(sides: Sides, seed: number, caseNo: number, stats: FuzzStats, pending: Pending[]): Promise<void> {
  const r = rng(caseSeed(seed, caseNo));
  const schema = generateSchema(r);
  const data = generateData(r, schema);
  const base: Scenario = { tables: schema.tables, data, mode: 'select', query: SELECT_ONE, steps: [] };
  const origin = (what: string): string => `seed ${seed} case ${caseNo} ${what}`;
  /** Counts a verdict; a difference is kept for shrinking after the case. True when it matched. */
  const judge = (kind: CheckKind, v: Verdict, sc: Scenario, what: string): boolean => {
    if (v.k === 'discard') { stats.discarded++; return true; }
    stats.checks++;
    stats.byKind[kind].checks++;
    if (v.k === 'match') { stats.matched++; stats.byKind[kind].matched++; return true; }
    stats.byClass[v.cls]++;
    pending.push({ sc, v, origin: origin(what) });
    return false;
  };
  const query = (role: 'top' | 'view'): Query => genQuery(newGen(r, schema), [], role);

  if (!judge('set-up', await setUp(sides, schema.tables, data), base, 'set-up')) return;
  for (let i = 1; i <= 5; i++) {
    const q = query('top');
    judge('query', await compareQuery(sides, q, 'query'), { ...base, query: q }, `query ${i}`);
  }
  const views: { name: string; q: Query }[] = [];
  for (let i = 1; i <= 3; i++) {
    const q = query('view');
    const name = `v${i}`;
    const sc: Scenario = { ...base, mode: 'view', query: q };
    const created = await run(sides.weir, `CREATE MATERIALIZED VIEW ${name} AS ${printQuery(q)}`);
    if (!created.ok) {
      judge('view', compare(await run(sides.pg, printQuery(q)), created, false, 'CREATE MATERIALIZED VIEW'), sc, `view ${i}`);
      continue;
    }
    if (judge('view', await compareView(sides, name, q, 'view after CREATE'), sc, `view ${i}`)) views.push({ name, q });
  }
  const state: DmlState = { nextKey: 1000, step: 0 };
  const steps = [];
  const g = newGen(r, schema);
  for (let i = 1; i <= 4; i++) {
    const d = genDml(g, state);
    steps.push(d);
    // Once a change differs, the tables differ too: nothing after it is comparable.
    if (!judge('change', await applyStep(sides, schema.tables, d, `step ${i}`), { ...base, steps: [...steps] }, `step ${i}`)) return;
    for (const view of [...views]) {
      const sc: Scenario = { ...base, mode: 'view', query: view.q, steps: [...steps] };
      if (!judge('view', await compareView(sides, view.name, view.q, `view after step ${i}`), sc, `${view.name} after step ${i}`)) views.splice(views.indexOf(view), 1);
    }
  }
  const changed: Scenario = { ...base, steps };
  for (const t of schema.tables) {
    const q = tableQuery(t);
    if (!judge('table', await compareQuery(sides, q, 'query'), { ...changed, query: q }, `table ${t.name}`)) return;
  }
  for (let i = 1; i <= 3; i++) {
    const q = query('top');
    judge('query', await compareQuery(sides, q, 'query'), { ...changed, query: q }, `query ${i} after changes`);
  }
}

/** The summary printed at the end of a run. */
export function summary(stats: FuzzStats): string {
  const diffs = DIFF_CLASSES.filter((c) => stats.byClass[c] > 0).map((c) => `${c} ${stats.byClass[c]}`).join(', ');
  const found = [...stats.found.values()];
  const lines = [
    `${stats.cases} cases: ${stats.checks} checks, ${stats.matched} matched, ${stats.checks - stats.matched} differed (${diffs || 'none'}); ${stats.discarded} statements PostgreSQL refused were discarded${stats.flaky ? `; ${stats.flaky} differences did not reproduce alone` : ''}`,
    `  by kind: ${CHECK_KINDS.filter((k) => stats.byKind[k].checks > 0).map((k) => `${k} ${stats.byKind[k].matched}/${stats.byKind[k].checks}`).join(', ')} matched`,
    `${found.length} distinct differences (${found.filter((f) => !f.known).length} new, ${found.filter((f) => f.known).length} known):`,
  ];
  for (const f of found) lines.push(`  ${f.known ? 'known' : 'NEW  '} ×${f.hits}  ${f.signature}`);
  return lines.join('\n');
}
