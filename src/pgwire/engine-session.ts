/**
 * Sessions of the wire protocol over Weir's SQL engine: each statement of a Query message
 * runs through the engine in order, and its result is turned into wire events (column
 * descriptions with PostgreSQL's type OIDs, rows formatted by PostgreSQL's output
 * functions, command completion, notices).
 */
import { parse } from '../sql/parser/index.ts';
import type { SqlEngine } from '../sql/engine/engine.ts';
import { executeStatement } from '../sql/engine/execute.ts';
import { withStatementTimestamp } from '../sql/functions/index.ts';
import { withSettings } from '../sql/functions/settings.ts';
import type { HandlerContext } from '../sql/engine/handlers/context.ts';
import { closeCursors, type Cursor } from '../sql/engine/handlers/cursors.ts';
import type { Subscription } from '../sql/engine/subscription.ts';
import { copyFormat, copyLine } from '../sql/engine/copy-format.ts';
import { plannerFor, resultColumns } from '../sql/engine/query.ts';
import type { ResultColumn, StatementResult } from '../sql/engine/result.ts';
import { SqlError, formatterFor, sessionWithTimeZone, typeModifier, typeOid, type SessionContext } from '../sql/types/index.ts';
import type { ColumnDescription, ExecuteEvent, ExecuteOptions, SessionParams, SqlSession, SqlSessionFactory, StatementDescription, TextRow, TransactionStatus } from './session.ts';

export class EngineSessionFactory implements SqlSessionFactory {
  private readonly engine: SqlEngine;

  constructor(engine: SqlEngine) {
    this.engine = engine;
  }

  async open(params: SessionParams): Promise<SqlSession> {
    const tz = params.settings.get('TimeZone') ?? params.settings.get('timezone');
    let session = this.engine.defaults;
    if (tz !== undefined) {
      try {
        session = sessionWithTimeZone(tz);
      } catch {
        // An unknown zone from a client's startup packet: keep the server's.
      }
    }
    return new EngineSession(this.engine, session);
  }
}

function describeColumns(result: StatementResult): ColumnDescription[] {
  return (result.columns ?? []).map(columnDescription);
}

function columnDescription(c: ResultColumn): ColumnDescription {
  return {
    name: c.name, typeOid: typeOid(c.type), typeModifier: typeModifier(c.type),
    ...(c.origin != null && { tableOid: c.origin.relation, columnNumber: c.origin.column }),
  };
}

class EngineSession implements SqlSession {
  private readonly engine: SqlEngine;
  /** The session's context: its TimeZone follows `SET TimeZone`, else the one it connected with. */
  private session: SessionContext;
  private readonly initial: SessionContext;
  /** SET values of this session. */
  private readonly settings = new Map<string, string>();
  private readonly cursors = new Map<string, Cursor>();
  /** Subscriptions being streamed to the client (SUBSCRIBE, COPY (SUBSCRIBE ...) TO STDOUT). */
  private readonly streaming = new Set<Subscription>();
  /**
   * The transaction block, as clients see it: BEGIN opens one (each statement still commits
   * on its own — see the BEGIN warning), an error in it fails it until ROLLBACK, as in
   * PostgreSQL. Portals and cursors live until the block ends.
   */
  private block: TransactionStatus = 'idle';

  constructor(engine: SqlEngine, session: SessionContext) {
    this.engine = engine;
    this.session = session;
    this.initial = session;
  }

  private applySettings(): void {
    const tz = this.settings.get('timezone');
    if (tz === undefined) this.session = this.initial;
    else if (tz !== this.session.timeZone.name) this.session = sessionWithTimeZone(tz);
  }

  async *execute(sql: string, options: ExecuteOptions = {}): AsyncIterable<ExecuteEvent> {
    const statements = parse(sql);
    if (statements.length === 0) {
      yield { kind: 'empty' };
      return;
    }
    for (const s of statements) {
      // now() and friends are constant within a statement.
      const h: HandlerContext = {
        engine: this.engine,
        // The session's SET values travel with it: current_setting() and set_config() use them.
        session: withSettings(withStatementTimestamp(this.session), this.settings),
        text: sql,
        settings: this.settings,
        cursors: this.cursors,
        ...(options.parameters !== undefined && { params: options.parameters }),
        ...(options.copyIn !== undefined && { copyIn: options.copyIn }),
      };
      const kind = s.kind === 'pg' && s.type === 'TransactionStmt' ? String(((s.tree as unknown as Record<string, Record<string, unknown>>).TransactionStmt ?? {}).kind) : null;
      if (this.block === 'failed' && kind !== 'TRANS_STMT_ROLLBACK' && kind !== 'TRANS_STMT_COMMIT') {
        throw new SqlError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
      }
      let result: StatementResult;
      try {
        result = await executeStatement(s, h);
      } catch (e) {
        if (this.block === 'in-transaction') this.block = 'failed';
        throw e;
      }
      if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') {
        if (this.block !== 'idle') result = { command: 'BEGIN', notices: [{ severity: 'WARNING', code: '25001', message: 'there is already a transaction in progress' }] };
        this.block = 'in-transaction';
      } else if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK') {
        // COMMIT of a failed block rolls back, and says so.
        if (kind === 'TRANS_STMT_COMMIT' && this.block === 'failed') result = { command: 'ROLLBACK' };
        else if (this.block === 'idle') result = { command: result.command, notices: [{ severity: 'WARNING', code: '25P01', message: 'there is no transaction in progress' }] };
        this.block = 'idle';
        closeCursors(this.cursors);
      }
      this.applySettings();
      for (const n of result.notices ?? []) yield { kind: 'notice', notice: { severity: n.severity, code: n.code, message: n.message } };
      if (result.subscription !== undefined) {
        yield* this.stream(result.subscription.source, result.subscription.as);
        continue;
      }
      if (result.columns !== undefined) {
        yield { kind: 'columns', columns: describeColumns(result) };
        const format = result.columns.map((c) => formatterFor(c.type, this.session));
        const rows: TextRow[] = (result.rows ?? []).map((r) => r.map((v, i) => (v === null || v === undefined ? null : format[i]!(v as never))));
        for (let i = 0; i < rows.length; i += 1000) yield { kind: 'rows', rows: rows.slice(i, i + 1000) };
      }
      if (result.copyOut !== undefined) {
        yield { kind: 'copy-out', columns: result.copyOut.columns };
        const lines = result.copyOut.lines;
        for (let i = 0; i < lines.length; i += 1000) yield { kind: 'copy-data', lines: lines.slice(i, i + 1000) };
      }
      yield { kind: 'complete', command: result.command, ...(result.rowCount !== undefined && { rowCount: result.rowCount }) };
    }
  }

  async describe(sql: string, parameterTypes: readonly number[]): Promise<StatementDescription> {
    const count = Math.max(parameterTypes.length, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    const types = Array.from({ length: count }, (_, i) => (parameterTypes[i] !== undefined && parameterTypes[i] !== 0 ? (parameterTypes[i] as number) : 25));
    const [s] = parse(sql);
    if (s === undefined || s.kind !== 'pg' || s.type !== 'SelectStmt') return { parameterTypes: types, columns: null };
    const planned = plannerFor(this.engine, { session: this.session, params: types.map(() => null) }).planQuery(
      (s.tree as unknown as Record<string, Record<string, unknown>>).SelectStmt as Record<string, unknown>,
    );
    return { parameterTypes: types, columns: resultColumns(planned).map(columnDescription) };
  }

  transactionStatus(): TransactionStatus {
    return this.block;
  }

  /**
   * A subscription's rows as they come, until the client cancels (then 57014, as for any
   * canceled statement) or its job fails.
   */
  private async *stream(sub: Subscription, as: 'rows' | 'copy'): AsyncGenerator<ExecuteEvent> {
    this.streaming.add(sub);
    try {
      const format = sub.columns.map((c) => formatterFor(c.type, this.session));
      const text = (r: readonly unknown[]): TextRow => r.map((v, i) => (v === null || v === undefined ? null : format[i]!(v as never)));
      if (as === 'rows') yield { kind: 'columns', columns: sub.columns.map(columnDescription) };
      else yield { kind: 'copy-out', columns: sub.columns.length };
      const copyText = copyFormat([], []);
      for (;;) {
        if (sub.available === 0) {
          yield { kind: 'flush' };
          await sub.wait();
        }
        if (sub.isClosed) throw new SqlError('57014', 'canceling statement due to user request');
        const rows = sub.take(1000).map(text);
        if (as === 'rows') yield { kind: 'rows', rows };
        else yield { kind: 'copy-data', lines: rows.map((r) => copyLine(copyText, r)) };
      }
    } finally {
      sub.close();
      this.streaming.delete(sub);
    }
  }

  cancel(): void {
    for (const sub of this.streaming) sub.close();
    // Statements run to completion; a canceled client stops waiting (pgwire answers 57014).
  }

  async close(): Promise<void> {
    for (const sub of this.streaming) sub.close();
    closeCursors(this.cursors);
  }
}
