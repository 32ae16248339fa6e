/**
 * How a difference is named and shown: its signature (what the ratchet file known.txt
 * lists), and its reproduction as a script to paste into psql.
 *
 * A signature is the class, Weir's SQLSTATE on errors, the scenario's mode and change kinds,
 * and the minimal statement with names and literals made generic: `t2 a3.i2` becomes
 * `T A.i`, `'ab'` becomes `S`, `12.50` becomes `N`. So the same bug found from another seed
 * or over other tables gets the same signature.
 */
import { readFileSync } from 'node:fs';
import type { Expr } from './ast.ts';
import type { Outcome, Verdict } from './outcome.ts';
import { showOutcome } from './outcome.ts';
import { printCreateTable, printDml, printInsert, printQuery } from './print.ts';
import type { Scenario } from './scenario.ts';

/** Aliases (a7) and tables (t3) renumbered by first appearance, so the same shape reads the same. */
export function renumber(sql: string, pattern: RegExp, prefix: string): string {
  const seen = new Map<string, string>();
  return sql.replace(pattern, (m) => {
    if (!seen.has(m)) seen.set(m, `${prefix}${seen.size + 1}`);
    return seen.get(m)!;
  });
}

export function normalizeSql(sql: string): string {
  const generic = sql
    .replace(/'(?:[^']|'')*'/g, 'S')
    .replace(/\b(ts|[ilnsvbd])\d+\b/g, '$1')
    .replace(/\bc\d+\b/g, 'c')
    .replace(/(?<![\w.])-?\d+(\.\d+)?\b/g, 'N')
    .replace(/(?<!\w)\(N\)/g, 'N')
    .replace(/\s+/g, ' ')
    .trim();
  return renumber(renumber(generic, /\bt[1-4]\b/g, 'T'), /\ba\d+\b/g, 'A');
}

const TYPE_NAMES: Record<number, string> = {
  16: 'boolean', 20: 'bigint', 21: 'smallint', 23: 'integer', 25: 'text', 700: 'real', 701: 'double precision', 705: 'unknown',
  1043: 'varchar', 1082: 'date', 1083: 'time', 1114: 'timestamp', 1184: 'timestamptz', 1186: 'interval', 1700: 'numeric',
};
export const typeName = (oid: number): string => TYPE_NAMES[oid] ?? `oid ${oid}`;

/** The outermost kind of an expression, looking through scalar subqueries: max, case, col, ... */
function exprKind(e: Expr): string {
  switch (e.k) {
    case 'agg': case 'fn': return e.name;
    case 'win': return `${e.name} OVER`;
    case 'sub': return e.mode === 'scalar' && e.q.k === 'select' && e.q.items[0] ? `(SELECT ${exprKind(e.q.items[0].e)})` : e.mode;
    case 'op': return e.op;
    default: return e.k;
  }
}

/** A column's type differs: named by the two types and the kind of expression, whatever the query. */
function typeSignature(sc: Scenario, v: Verdict & { k: 'diff' }): string {
  if (!v.pg.ok || !v.weir.ok) return 'wrong-type';
  const { types: p } = v.pg;
  const { types: w } = v.weir;
  const i = p.findIndex((t, j) => t !== w[j]);
  const q = sc.query;
  const item = q.k === 'select' ? q.items[i] : undefined;
  return `wrong-type | PostgreSQL ${typeName(p[i]!)}, Weir ${typeName(w[i]!)} | ${item ? exprKind(item.e) : 'set operation'}`;
}

const isSetup = (at: string): boolean => at.startsWith('INSERT') || at.startsWith('CREATE TABLE');

const codeOf = (o: Outcome): string => (o.ok ? '' : o.code);

export function signature(sc: Scenario, v: Verdict & { k: 'diff' }): string {
  if (v.cls === 'wrong-type') return typeSignature(sc, v);
  const code = v.cls === 'wrong-result' || v.cls === 'missing-error' ? '' : ` ${codeOf(v.weir)}`;
  const stepAt = /^step (\d+)$/.exec(v.at);
  const setup = isSetup(v.at);
  const table = setup ? sc.tables.find((t) => v.at.includes(` ${t.name} `) || v.at.endsWith(` ${t.name}`)) : undefined;
  const statement = stepAt
    ? printDml(sc.steps[Number(stepAt[1]) - 1]!, sc.tables)
    : table !== undefined && v.at.startsWith('INSERT') ? printInsert(table, sc.data[table.name] ?? []) : setup ? v.at : printQuery(sc.query);
  const steps = sc.steps.map((d) => d.k).join(',');
  const mode = stepAt ? 'dml' : setup ? 'setup' : sc.mode;
  return `${v.cls}${code} | ${mode}${steps && !stepAt ? `[${steps}]` : ''} | ${normalizeSql(statement)}`;
}

/** An error message with its names and numbers made generic, to recognise a repeated error. */
export function errorKey(v: Verdict & { k: 'diff' }): string | null {
  if (v.weir.ok) return null;
  return `${v.cls} ${v.weir.code} ${normalizeSql(v.weir.message.replace(/"[^"]*"/g, 'N'))}`;
}

const indent = (s: string): string => s.split('\n').map((l) => `--   ${l}`).join('\n');

/** The scenario as a psql script, with both sides' answers as comments. */
export function reproScript(sc: Scenario, v: Verdict & { k: 'diff' }): string {
  const lines = [`-- ${v.cls} at ${v.at}`];
  for (const t of sc.tables) {
    lines.push(`${printCreateTable(t)};`);
    const rows = sc.data[t.name] ?? [];
    if (rows.length > 0) lines.push(`${printInsert(t, rows)};`);
  }
  const stepAt = /^step (\d+)$/.exec(v.at);
  const types = (o: Outcome): string => (o.ok && v.cls === 'wrong-type' ? ` (types: ${o.types.map(typeName).join(', ')})` : '');
  const answers = `-- PostgreSQL${types(v.pg)}:\n${indent(showOutcome(v.pg))}\n-- Weir${types(v.weir)}:\n${indent(showOutcome(v.weir))}`;
  if (sc.mode === 'view' && !stepAt) {
    lines.push(`CREATE MATERIALIZED VIEW v AS ${printQuery(sc.query)};`);
    const through = /after step (\d+)/.exec(v.at);
    for (const d of sc.steps.slice(0, through ? Number(through[1]) : 0)) lines.push(`${printDml(d, sc.tables)};`);
    lines.push('FLUSH;  -- Weir only', 'SELECT * FROM v;', `-- the view's query, whose answer PostgreSQL gives:`, `${printQuery(sc.query)};`, answers);
    return renumber(lines.join('\n'), /\ba\d+\b/g, 'a');
  }
  const steps = stepAt ? sc.steps.slice(0, Number(stepAt[1])) : sc.steps;
  for (const d of steps) lines.push(`${printDml(d, sc.tables)};`);
  if (!stepAt && !isSetup(v.at)) lines.push(`${printQuery(sc.query)};`);
  lines.push(answers);
  return renumber(lines.join('\n'), /\ba\d+\b/g, 'a');
}

/** The signatures listed in a ratchet file: every line that is neither blank nor a # comment. */
export function readKnown(path: string): Set<string> {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return new Set();
  }
  return new Set(text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')));
}

/** An entry for known.txt: the reproduction as comments, then the signature. */
export function knownEntry(sig: string, repro: string): string {
  return `${repro.split('\n').map((l) => `# ${l}`).join('\n')}\n${sig}\n`;
}
