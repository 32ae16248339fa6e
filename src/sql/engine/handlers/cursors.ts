/**
 * Cursors: DECLARE name CURSOR FOR query, FETCH/MOVE [FORWARD] n FROM name, CLOSE name |
 * ALL — what drivers use to read a large result in parts (psycopg2's named cursors,
 * pgJDBC's fetch size). The query runs once at DECLARE, as a bounded job over the data as
 * it is then; FETCH hands out its rows in order. Cursors live in the session. Scrolling
 * backwards is refused (0A000).
 */
import type { PgNode } from '../../parser/index.ts';
import type { ResultColumn, StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { select } from './select.ts';
import type { Subscription } from '../subscription.ts';
import { notSupported, undefinedCursor, duplicateCursor, queryCanceled } from '../../../errors/index.ts';

export interface Cursor {
  readonly columns: readonly ResultColumn[];
  readonly rows: ReadonlyArray<readonly unknown[]>;
  position: number;
  /** A cursor over SUBSCRIBE: FETCH takes the changes waiting, or waits for the next. */
  readonly subscription?: Subscription;
}

/** Closes cursors (and the subscriptions they follow): CLOSE ALL, the end of a transaction. */
export function closeCursors(cursors: Map<string, Cursor>): void {
  for (const c of cursors.values()) c.subscription?.close();
  cursors.clear();
}

type Obj = Record<string, unknown>;

function cursorsOf(h: HandlerContext): Map<string, Cursor> {
  if (h.cursors === undefined) throw notSupported('cursors outside a client session');
  return h.cursors;
}

export async function declareCursor(n: Obj, h: HandlerContext): Promise<StatementResult> {
  const cursors = cursorsOf(h);
  const name = String(n.portalname);
  if (cursors.has(name)) throw duplicateCursor(name);
  const options = Number(n.options ?? 0);
  // CURSOR_OPT_SCROLL = 0x0002 in PostgreSQL's parsenodes.h.
  if ((options & 0x0002) !== 0) throw notSupported('SCROLL cursors', 'Declare the cursor NO SCROLL and read it forward.');
  const query = n.query as PgNode;
  if (!('SelectStmt' in (query as Obj))) throw notSupported('cursors over statements other than SELECT');
  const result = await select((query as unknown as { SelectStmt: Obj }).SelectStmt, h);
  cursors.set(name, { columns: result.columns ?? [], rows: result.rows ?? [], position: 0 });
  return { command: 'DECLARE CURSOR' };
}

export async function fetchCursor(n: Obj, h: HandlerContext): Promise<StatementResult> {
  const name = String(n.portalname);
  const cursor = cursorsOf(h).get(name);
  if (cursor === undefined) throw undefinedCursor(name);
  const direction = String(n.direction ?? 'FETCH_FORWARD');
  // FETCH ALL parses as a count of LONG_MAX; FETCH NEXT as 1.
  const count = n.howMany === undefined ? 1 : Number(n.howMany);
  if (direction !== 'FETCH_FORWARD' || count < 0) throw notSupported('fetching backwards or at absolute positions', 'Fetch FORWARD (or NEXT, or ALL).');
  const sub = cursor.subscription;
  if (sub !== undefined) {
    // At least one change: what is waiting, else the next to come (as Materialize's FETCH).
    if (count > 0 && sub.available === 0) await sub.wait();
    if (sub.isClosed) throw queryCanceled();
    const changes = sub.take(count);
    if (n.ismove === true) return { command: 'MOVE', rowCount: changes.length };
    return { command: 'FETCH', rowCount: changes.length, columns: cursor.columns, rows: changes };
  }
  const rows = cursor.rows.slice(cursor.position, cursor.position + count);
  cursor.position += rows.length;
  if (n.ismove === true) return { command: 'MOVE', rowCount: rows.length };
  return { command: 'FETCH', rowCount: rows.length, columns: cursor.columns, rows };
}

export function closeCursor(n: Obj, h: HandlerContext): StatementResult {
  const cursors = cursorsOf(h);
  if (n.portalname === undefined) closeCursors(cursors);
  else {
    const name = String(n.portalname);
    const cursor = cursors.get(name);
    if (cursor === undefined) throw undefinedCursor(name);
    cursor.subscription?.close();
    cursors.delete(name);
  }
  return { command: 'CLOSE CURSOR' };
}
