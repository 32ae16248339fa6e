/**
 * Greedy shrinking of a difference: the scenario is cut step by step — the changes, the rows,
 * the query's clauses, select-list items, conjuncts and FROM items, unused tables and columns
 * — keeping each cut after which the scenario still differs in the same way (same class, and
 * the same SQLSTATE on errors), until no cut is kept.
 */
import type { Cell, Data, Dml, Expr, From, Query, Table } from './ast.ts';
import { exprVariants, queryVariants } from './simplify.ts';
import { NoAnswer, sameFailure, type Verdict } from './outcome.ts';
import { dataAfterSteps, runScenario, type Scenario, type Sides } from './scenario.ts';

export interface ShrinkBudget {
  /** Scenario runs at most. */
  readonly runs: number;
  /** Date.now() after which no more runs start. */
  readonly deadline: number;
}

export interface Shrunk {
  readonly scenario: Scenario;
  readonly verdict: Verdict & { k: 'diff' };
  readonly runs: number;
}

/** Runs a scenario; Weir not answering is a verdict too (and Weir is replaced). */
export async function runSafely(sides: Sides, sc: Scenario): Promise<Verdict> {
  try {
    return await runScenario(sides, sc);
  } catch (e) {
    if (!(e instanceof NoAnswer)) throw e;
    await sides.restartWeir();
    return { k: 'diff', cls: 'hang', pg: { ok: true, rows: [], types: [], count: null }, weir: { ok: false, code: 'TIMEOUT', message: e.message }, at: 'no answer' };
  }
}

export async function shrink(sides: Sides, start: Scenario, target: Verdict & { k: 'diff' }, budget: ShrinkBudget): Promise<Shrunk> {
  let sc = start;
  let verdict = target;
  let runs = 0;
  const tryIt = async (cand: Scenario): Promise<boolean> => {
    if (runs >= budget.runs || Date.now() > budget.deadline) return false;
    runs++;
    const v = await runSafely(sides, cand);
    if (!sameFailure(v, target)) return false;
    sc = cand;
    verdict = v as Verdict & { k: 'diff' };
    return true;
  };
  const exhausted = (): boolean => runs >= budget.runs || Date.now() > budget.deadline;

  // A view that differs may be a query that differs: a SELECT is far cheaper to shrink.
  if (sc.mode === 'view') await tryIt({ ...sc, mode: 'select' });
  // Changes before the difference are only the rows they leave (unless a change itself differs).
  if (sc.steps.length > 0 && !verdict.at.startsWith('step')) {
    const after = await dataAfterSteps(sides, sc);
    if (after !== null) await tryIt({ ...sc, data: after, steps: [] });
  }
  const phases: ((s: Scenario) => Iterable<Scenario>)[] = [stepCuts, queryCuts, rowCuts, schemaCuts, stepSimplifications];
  for (let changed = true; changed && !exhausted();) {
    changed = false;
    for (const phase of phases) {
      for (let progress = true; progress && !exhausted();) {
        progress = false;
        for (const cand of phase(sc)) {
          if (exhausted()) break;
          if (await tryIt(cand)) {
            progress = changed = true;
            break;
          }
        }
      }
    }
  }
  return { scenario: sc, verdict, runs };
}

/** Steps after the one that differs are never needed; then each step, from the last. */
function* stepCuts(sc: Scenario): Generator<Scenario> {
  if (sc.steps.length === 0) return;
  yield { ...sc, steps: [] };
  for (let i = sc.steps.length - 1; i >= 0; i--) yield { ...sc, steps: sc.steps.filter((_, j) => j !== i) };
}

function* queryCuts(sc: Scenario): Generator<Scenario> {
  for (const q of queryVariants(sc.query)) yield { ...sc, query: q };
}

/** Rows by halves, then quarters, down to one row at a time. */
function* rowCuts(sc: Scenario): Generator<Scenario> {
  for (const t of sc.tables) {
    const rows = sc.data[t.name] ?? [];
    if (rows.length === 0) continue;
    yield { ...sc, data: { ...sc.data, [t.name]: [] } };
    for (let size = Math.floor(rows.length / 2); size >= 1; size = Math.floor(size / 2)) {
      for (let at = 0; at < rows.length; at += size) {
        yield { ...sc, data: { ...sc.data, [t.name]: [...rows.slice(0, at), ...rows.slice(at + size)] } };
      }
    }
  }
}

function* stepSimplifications(sc: Scenario): Generator<Scenario> {
  for (let i = 0; i < sc.steps.length; i++) {
    for (const d of dmlVariants(sc.steps[i]!)) yield { ...sc, steps: sc.steps.map((x, j) => (j === i ? d : x)) };
  }
}

function* dmlVariants(d: Dml): Generator<Dml> {
  if (d.k === 'insert') {
    if (d.rows.length > 1) for (let i = 0; i < d.rows.length; i++) yield { ...d, rows: d.rows.filter((_, j) => j !== i) };
    return;
  }
  if (d.k === 'update' && d.set.length > 1) for (let i = 0; i < d.set.length; i++) yield { ...d, set: d.set.filter((_, j) => j !== i) };
  if (d.where !== null) {
    yield { ...d, where: null };
    for (const w of exprVariants(d.where)) yield { ...d, where: w };
  }
  if (d.k === 'update') {
    for (let i = 0; i < d.set.length; i++) for (const e of exprVariants(d.set[i]!.e)) yield { ...d, set: d.set.map((s, j) => (j === i ? { ...s, e } : s)) };
  }
}

/** Tables nothing names, then columns nothing names (with their cells). */
function* schemaCuts(sc: Scenario): Generator<Scenario> {
  const used = usedColumns(sc);
  for (const t of sc.tables) {
    if (used.has(t.name)) continue;
    const data: Record<string, readonly (readonly Cell[])[]> = { ...sc.data };
    delete data[t.name];
    yield { ...sc, tables: sc.tables.filter((x) => x !== t), data };
  }
  for (const t of sc.tables) {
    const cols = used.get(t.name);
    if (cols === undefined) continue;
    for (let i = 0; i < t.columns.length; i++) {
      const c = t.columns[i]!;
      if (cols.has(c.name) || t.columns.length <= 1) continue;
      const table: Table = { ...t, columns: t.columns.filter((_, j) => j !== i), pk: t.pk === c.name ? null : t.pk };
      const cut = (rows: readonly (readonly Cell[])[]): Cell[][] => rows.map((r) => r.filter((_, j) => j !== i));
      const data: Data = { ...sc.data, [t.name]: cut(sc.data[t.name] ?? []) };
      const steps = sc.steps.map((d) => (d.k === 'insert' && d.table === t.name ? { ...d, rows: cut(d.rows) } : d));
      yield { ...sc, tables: sc.tables.map((x) => (x === t ? table : x)), data, steps };
    }
  }
}

/** Table → the columns the query and the steps name (by any alias). */
function usedColumns(sc: Scenario): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  const mark = (table: string, column: string | null): void => {
    const set = used.get(table) ?? new Set<string>();
    if (column !== null) set.add(column);
    used.set(table, set);
  };
  const aliases = new Map<string, string>();
  const names: { q: string | null; name: string }[] = [];
  walkQuery(sc.query, (f) => { if (f.k === 'table') { aliases.set(f.as, f.name); mark(f.name, null); } }, (e) => { if (e.k === 'col') names.push(e); });
  for (const d of sc.steps) {
    mark(d.table, null);
    aliases.set(d.table, d.table);
    if (d.k === 'update') for (const s of d.set) { mark(d.table, s.col); walkExpr(s.e, () => {}, (e) => { if (e.k === 'col') names.push(e); }); }
    if (d.k !== 'insert' && d.where !== null) walkExpr(d.where, (f) => { if (f.k === 'table') { aliases.set(f.as, f.name); mark(f.name, null); } }, (e) => { if (e.k === 'col') names.push(e); });
  }
  for (const n of names) {
    const table = n.q === null ? undefined : aliases.get(n.q);
    if (table !== undefined) mark(table, n.name);
  }
  return used;
}

function walkQuery(q: Query, onFrom: (f: From) => void, onExpr: (e: Expr) => void): void {
  if (q.k === 'setop') {
    walkQuery(q.l, onFrom, onExpr);
    walkQuery(q.r, onFrom, onExpr);
    return;
  }
  const from = (f: From): void => {
    onFrom(f);
    if (f.k === 'join') { from(f.l); from(f.r); walkExpr(f.on, onFrom, onExpr); }
    if (f.k === 'derived') walkQuery(f.q, onFrom, onExpr);
  };
  q.from.forEach(from);
  for (const e of [...q.items.map((i) => i.e), ...q.groupBy, q.where, q.having]) if (e !== null) walkExpr(e, onFrom, onExpr);
}

function walkExpr(e: Expr, onFrom: (f: From) => void, onExpr: (e: Expr) => void): void {
  onExpr(e);
  const sub = (x: Expr | null): void => { if (x !== null) walkExpr(x, onFrom, onExpr); };
  switch (e.k) {
    case 'col': case 'lit': return;
    case 'op': sub(e.l); sub(e.r); return;
    case 'not': case 'isnull': case 'like': sub(e.e); return;
    case 'in': sub(e.e); e.list.forEach(sub); return;
    case 'between': sub(e.e); sub(e.lo); sub(e.hi); return;
    case 'case': e.whens.forEach((w) => { sub(w.c); sub(w.v); }); sub(e.else); return;
    case 'fn': e.args.forEach(sub); return;
    case 'agg': e.args.forEach(sub); sub(e.filter); sub(e.order); return;
    case 'win': e.args.forEach(sub); e.partition.forEach(sub); e.order.forEach((o) => sub(o.e)); return;
    case 'sub': sub(e.e); walkQuery(e.q, onFrom, onExpr); return;
  }
}
