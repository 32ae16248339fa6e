/**
 * What a statement gave on one side (rows as printed text, or an SQLSTATE), and how the two
 * sides' outcomes compare: a match, a query PostgreSQL rejects (discarded, not counted), or a
 * difference of one class.
 */
import type pg from 'pg';
import type { Cell } from './ast.ts';

export type Outcome =
  | { readonly ok: true; readonly rows: readonly (readonly Cell[])[]; readonly types: readonly number[]; readonly count: number | null }
  | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * - wrong-result: both answered, with different rows;
 * - wrong-type: the same text, but a column of another type;
 * - spurious-error: Weir failed (XX000 included) where PostgreSQL answered;
 * - unsupported: Weir refused with 0A000 where PostgreSQL answered;
 * - missing-error: PostgreSQL failed, Weir answered;
 * - wrong-error: both failed, with SQLSTATEs of different classes;
 * - hang: Weir did not answer in time (57014 from its statement_timeout, or no answer at all).
 */
export type DiffClass = 'wrong-result' | 'wrong-type' | 'spurious-error' | 'unsupported' | 'missing-error' | 'wrong-error' | 'hang';

export const DIFF_CLASSES: readonly DiffClass[] = ['wrong-result', 'wrong-type', 'spurious-error', 'unsupported', 'missing-error', 'wrong-error', 'hang'];

export type Verdict =
  | { readonly k: 'match' }
  | { readonly k: 'discard'; readonly why: string }
  | { readonly k: 'diff'; readonly cls: DiffClass; readonly pg: Outcome; readonly weir: Outcome; readonly at: string };

/** No answer at all within this long: the client gives up (statement_timeout should come first). */
export const HARD_TIMEOUT_MS = 45_000;

export class NoAnswer extends Error {}

/** Runs `sql`, every value as the server's text. Throws NoAnswer when the server does not answer. */
export async function run(c: pg.Client, sql: string): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(`no answer in ${HARD_TIMEOUT_MS} ms to: ${sql.slice(0, 200)}`)), HARD_TIMEOUT_MS);
  });
  try {
    const q = c.query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } } as never) as unknown as Promise<pg.QueryResult<Cell[]>>;
    const r = await Promise.race([q, late]);
    return { ok: true, rows: r.rows ?? [], types: (r.fields ?? []).map((f) => f.dataTypeID), count: r.rowCount ?? null };
  } catch (e) {
    if (e instanceof NoAnswer) throw e;
    const err = e as { code?: string; message?: string };
    return { ok: false, code: err.code ?? 'JS', message: err.message ?? String(e) };
  } finally {
    clearTimeout(timer);
  }
}

const FLOAT_TYPES = new Set([700, 701]);

/** Floats to 12 significant digits: the last digits of a sum may depend on its order. */
function normalize(o: Outcome & { ok: true }, floatCols: readonly boolean[]): string[] {
  return o.rows.map((row) =>
    JSON.stringify(row.map((v, i) => (v !== null && floatCols[i] && /^-?[\d.]+(e[-+]?\d+)?$/.test(v) ? String(Number(Number(v).toPrecision(12))) : v))),
  );
}

/** The SQLSTATE classes for which PostgreSQL's refusal means the query is not worth comparing. */
const DISCARD_CLASSES = new Set(['42', '0A', '57', '53', '54']);

/** Compares PostgreSQL's outcome with Weir's: ordered compares the rows in order. */
export function compare(pgOut: Outcome, weirOut: Outcome, ordered: boolean, at: string): Verdict {
  const diff = (cls: DiffClass): Verdict => ({ k: 'diff', cls, pg: pgOut, weir: weirOut, at });
  if (!pgOut.ok) {
    if (DISCARD_CLASSES.has(pgOut.code.slice(0, 2))) return { k: 'discard', why: `PostgreSQL: ${pgOut.code} ${pgOut.message}` };
    if (weirOut.ok) return diff('missing-error');
    if (weirOut.code.slice(0, 2) === pgOut.code.slice(0, 2)) return { k: 'match' };
    return diff(weirErrorClass(weirOut.code) ?? 'wrong-error');
  }
  if (!weirOut.ok) return diff(weirErrorClass(weirOut.code) ?? 'spurious-error');
  const floats = pgOut.types.map((t) => FLOAT_TYPES.has(t));
  const a = normalize(pgOut, floats);
  const b = normalize(weirOut, floats);
  if (!ordered) {
    a.sort();
    b.sort();
  }
  if (pgOut.types.length !== weirOut.types.length || a.length !== b.length || a.some((x, i) => x !== b[i])) return diff('wrong-result');
  if (pgOut.types.some((t, i) => t !== weirOut.types[i])) return diff('wrong-type');
  if (pgOut.count !== null && weirOut.count !== null && pgOut.rows.length === 0 && pgOut.count !== weirOut.count) return diff('wrong-result');
  return { k: 'match' };
}

function weirErrorClass(code: string): DiffClass | null {
  if (code === '0A000') return 'unsupported';
  if (code === '57014' || code === 'TIMEOUT') return 'hang';
  return null;
}

/** Two differences are the same failure when their class (and Weir's SQLSTATE on errors) agree. */
export function sameFailure(a: Verdict, b: Verdict): boolean {
  if (a.k !== 'diff' || b.k !== 'diff' || a.cls !== b.cls) return false;
  const code = (o: Outcome): string => (o.ok ? '' : o.code);
  return code(a.weir) === code(b.weir) && code(a.pg).slice(0, 2) === code(b.pg).slice(0, 2);
}

/** An outcome in a line or a few: rows as PostgreSQL prints them, or the error. */
export function showOutcome(o: Outcome, maxRows = 12): string {
  if (!o.ok) return `ERROR ${o.code}: ${o.message}`;
  if (o.rows.length === 0) return o.count !== null && o.types.length === 0 ? `(${o.count} rows affected)` : '(0 rows)';
  const rows = o.rows.slice(0, maxRows).map((r) => r.map((v) => (v === null ? 'NULL' : v)).join(' | '));
  return rows.join('\n') + (o.rows.length > maxRows ? `\n... (${o.rows.length} rows)` : `\n(${o.rows.length} row${o.rows.length === 1 ? '' : 's'})`);
}
