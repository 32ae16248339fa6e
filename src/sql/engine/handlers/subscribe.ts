/**
 * SUBSCRIBE [TO] name | (query) [WITH (snapshot = true|false)]: opens a subscription (see
 * subscription.ts) and hands it to the session, which streams it as rows or COPY data until
 * the client cancels, or keeps it in a cursor for FETCH.
 */
import type { SubscribeStatement } from '../../parser/index.ts';
import { SqlError } from '../../types/index.ts';
import { Subscription, type SubscribeTarget } from '../subscription.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { relationOrError, searchPathOf } from '../names.ts';
import { planView } from './create-materialized-view.ts';
import { SqlState, duplicateCursor } from '../../../errors/index.ts';

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function snapshotOption(s: SubscribeStatement): boolean {
  let snapshot = true;
  for (const o of s.with) {
    if (o.key.toLowerCase() !== 'snapshot') throw new SqlError(SqlState.invalidParameterValue, `unrecognized SUBSCRIBE option "${o.key}"`, { hint: 'SUBSCRIBE takes WITH (SNAPSHOT = true | false).' });
    const v = String(o.value.value).toLowerCase();
    if (!['true', 'false', 'on', 'off', '1', '0'].includes(v)) throw new SqlError(SqlState.invalidParameterValue, `SNAPSHOT requires a Boolean value`);
    snapshot = ['true', 'on', '1'].includes(v);
  }
  return snapshot;
}

function target(s: SubscribeStatement, h: HandlerContext): SubscribeTarget {
  if (s.target.query !== null) {
    const { start, end } = s.target.query.span;
    const querySql = h.text.slice(start, end);
    const searchPath = searchPathOf(h.session);
    return { planned: planView(h.engine, querySql, undefined, searchPath), querySql, searchPath, label: 'query' };
  }
  const entry = relationOrError(h.engine, h.session, s.target.name.parts);
  const name = entry.name;
  if (entry.kind === 'table' || entry.kind === 'materialized view') return { entry };
  if (entry.kind === 'view' || entry.kind === 'source') {
    const querySql = `SELECT * FROM ${quoteIdent(entry.schema)}.${quoteIdent(name)}`;
    return { planned: planView(h.engine, querySql), querySql, label: name };
  }
  throw new SqlError(SqlState.wrongObjectType, `cannot subscribe to ${entry.kind} "${name}"`);
}

export async function subscribe(s: SubscribeStatement, h: HandlerContext): Promise<StatementResult> {
  const snapshot = snapshotOption(s);
  if (s.transport.kind === 'cursor') {
    const cursors = h.cursors;
    if (cursors === undefined) throw new SqlError(SqlState.featureNotSupported, 'cursors are available in client sessions only');
    if (cursors.has(s.transport.name)) throw duplicateCursor(s.transport.name);
    const subscription = await Subscription.open(h.engine, target(s, h), snapshot);
    cursors.set(s.transport.name, { columns: subscription.columns, rows: [], position: 0, subscription });
    return { command: 'DECLARE CURSOR' };
  }
  const subscription = await Subscription.open(h.engine, target(s, h), snapshot);
  return { command: 'SUBSCRIBE', columns: subscription.columns, subscription: { source: subscription, as: s.transport.kind } };
}
