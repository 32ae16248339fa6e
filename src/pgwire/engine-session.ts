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
import { MILLISECOND_SETTINGS, millisecondSetting, withSettings } from '../sql/functions/settings.ts';
import type { HandlerContext } from '../sql/engine/handlers/context.ts';
import { closeCursors, type Cursor } from '../sql/engine/handlers/cursors.ts';
import { returningColumns } from '../sql/engine/handlers/returning.ts';
import type { Subscription } from '../sql/engine/subscription.ts';
import { copyFormat, copyLine } from '../sql/engine/copy-format.ts';
import { plannerFor, resultColumns } from '../sql/engine/query.ts';
import type { ResultColumn, StatementResult } from '../sql/engine/result.ts';
import { SqlError, formatterFor, resourceLimitError, sessionWithTimeZone, typeModifier, typeOid, type SessionContext } from '../sql/types/index.ts';
import type { ColumnDescription, ExecuteEvent, ExecuteOptions, IdleTimeouts, SessionParams, SqlSession, SqlSessionFactory, StatementDescription, TextRow, TransactionStatus } from './session.ts';
import { SqlState, undefinedParameter, queryCanceled } from '../errors/index.ts';

/** The statement's promise, or its signal's reason as soon as it is aborted. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

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
    const engineSession = new EngineSession(this.engine, session);
    // `-c idle_session_timeout=5s` in the startup packet, as in PostgreSQL.
    for (const name of MILLISECOND_SETTINGS) {
      const value = params.settings.get(name);
      if (value !== undefined) engineSession.setAtStartup(name, value);
    }
    return engineSession;
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

/**
 * PostgreSQL's bound on `$n` when a statement is prepared (variable_paramref_hook): beyond
 * it, or at $0 and below, there is no such parameter.
 */
const MAX_PARAMETER_NUMBER = Math.floor(0x7fffffff / 4);

/** The `$n` a parsed statement refers to, found without recursion (trees may be deep). */
function parameterNumbers(tree: unknown): Set<number> {
  const numbers = new Set<number>();
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (const child of node) stack.push(child);
      continue;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'ParamRef') numbers.add(Number((child as { number?: number }).number ?? 0));
      else stack.push(child);
    }
  }
  return numbers;
}

/**
 * The types of `$1..$n` for Parse: the client's, with unspecified ones text. As in PostgreSQL,
 * a parameter past the client's list that the statement never mentions has no type (42P18),
 * so the list is never longer than the statement's text allows, whatever `$n` says.
 */
function parameterTypesOf(numbers: ReadonlySet<number>, given: readonly number[]): number[] {
  let max = given.length;
  for (const n of numbers) {
    if (n <= 0 || n > MAX_PARAMETER_NUMBER) throw undefinedParameter(n);
    if (n > max) max = n;
  }
  for (let k = given.length + 1; k <= max; k++) {
    if (!numbers.has(k)) throw new SqlError(SqlState.indeterminateDatatype, `could not determine data type of parameter $${k}`);
  }
  return Array.from({ length: max }, (_, i) => (given[i] !== undefined && given[i] !== 0 ? given[i]! : 25));
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
  /** The statement running now, to abort on cancel, timeout or disconnect. */
  private running: AbortController | null = null;
  private timeout: NodeJS.Timeout | null = null;
  /** The idle timeouts' values (ms) and the SET text they came from, for pgwire's `idleTimeouts`. */
  private idle = new Map<string, { readonly text: string; readonly ms: number }>();

  constructor(engine: SqlEngine, session: SessionContext) {
    this.engine = engine;
    this.session = session;
    this.initial = session;
  }

  private applySettings(): void {
    const tz = this.settings.get('timezone');
    if (tz === undefined) this.session = this.initial;
    else if (tz !== this.session.timeZone.name) this.session = sessionWithTimeZone(tz);
    for (const name of MILLISECOND_SETTINGS) {
      const text = this.settings.get(name);
      if (text === undefined) this.idle.delete(name);
      else if (text !== this.idle.get(name)?.text) {
        try {
          this.idle.set(name, { text, ms: millisecondSetting(name, text) });
        } catch (e) {
          // SET refused: the setting keeps its value.
          const before = this.idle.get(name)?.text;
          if (before === undefined) this.settings.delete(name);
          else this.settings.set(name, before);
          throw e;
        }
      }
    }
  }

  /** A setting from the startup packet; an invalid one is ignored (the default stays). */
  setAtStartup(name: string, value: string): void {
    this.settings.set(name, value);
    try {
      this.applySettings();
    } catch {
      this.settings.delete(name);
    }
  }

  idleTimeouts(): IdleTimeouts {
    return {
      inTransactionMs: this.idle.get('idle_in_transaction_session_timeout')?.ms ?? 0,
      sessionMs: this.idle.get('idle_session_timeout')?.ms ?? 0,
    };
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
        signal: this.beginStatement(),
      };
      const kind = s.kind === 'pg' && s.type === 'TransactionStmt' ? String(((s.tree as unknown as Record<string, Record<string, unknown>>).TransactionStmt ?? {}).kind) : null;
      if (this.block === 'failed' && kind !== 'TRANS_STMT_ROLLBACK' && kind !== 'TRANS_STMT_COMMIT') {
        throw new SqlError(SqlState.inFailedSqlTransaction, 'current transaction is aborted, commands ignored until end of transaction block');
      }
      let result: StatementResult;
      try {
        result = await untilAborted(executeStatement(s, h), h.signal!);
      } catch (e) {
        if (this.block === 'in-transaction') this.block = 'failed';
        throw e;
      } finally {
        this.endStatement();
      }
      if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') {
        if (this.block !== 'idle') result = { command: 'BEGIN', notices: [{ severity: 'WARNING', code: SqlState.activeSqlTransaction, message: 'there is already a transaction in progress' }] };
        this.block = 'in-transaction';
      } else if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK') {
        // COMMIT of a failed block rolls back, and says so.
        if (kind === 'TRANS_STMT_COMMIT' && this.block === 'failed') result = { command: 'ROLLBACK' };
        else if (this.block === 'idle') result = { command: result.command, notices: [{ severity: 'WARNING', code: SqlState.noActiveSqlTransaction, message: 'there is no transaction in progress' }] };
        this.block = 'idle';
        closeCursors(this.cursors);
      }
      this.applySettings();
      // pgwire honours these (SET's handler calls every setting it does not know ignored).
      if ((s.kind === 'set' || s.kind === 'reset') && s.name !== undefined && s.name !== null && MILLISECOND_SETTINGS.has(s.name.toLowerCase())) result = { ...result, notices: [] };
      for (const n of result.notices ?? []) yield { kind: 'notice', notice: { severity: n.severity, code: n.code, message: n.message, ...(n.detail !== undefined && { detail: n.detail }) } };
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
    const [s] = parse(sql);
    const types = parameterTypesOf(parameterNumbers(s), parameterTypes);
    if (s !== undefined && s.kind === 'pg' && (s.type === 'InsertStmt' || s.type === 'UpdateStmt' || s.type === 'DeleteStmt')) {
      // RETURNING's columns, as the statement will give them.
      const h: HandlerContext = { engine: this.engine, session: withSettings(this.session, this.settings), text: sql, params: types.map(() => null) };
      const node = (s.tree as unknown as Record<string, Record<string, unknown>>)[s.type] as Record<string, unknown>;
      const columns = returningColumns(s.type, node, h);
      return { parameterTypes: types, columns: columns === null ? null : columns.map(columnDescription) };
    }
    if (s === undefined || s.kind !== 'pg' || s.type !== 'SelectStmt') return { parameterTypes: types, columns: null };
    let planned;
    try {
      planned = plannerFor(this.engine, { session: this.session, params: types.map(() => null) }).planQuery(
        (s.tree as unknown as Record<string, Record<string, unknown>>).SelectStmt as Record<string, unknown>,
      );
    } catch (e) {
      throw resourceLimitError(e) ?? e;
    }
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
        if (sub.isClosed) throw queryCanceled();
        const rows = sub.take(1000).map(text);
        if (as === 'rows') yield { kind: 'rows', rows };
        else yield { kind: 'copy-data', lines: rows.map((r) => copyLine(copyText, r)) };
      }
    } finally {
      sub.close();
      this.streaming.delete(sub);
    }
  }

  /**
   * The signal of the statement starting now: aborted by a cancel request, by
   * statement_timeout, or by the client leaving. A statement on a slot stops at once (its
   * thread is ended); one on this thread stops at its next wait.
   */
  private beginStatement(): AbortSignal {
    const controller = new AbortController();
    this.running = controller;
    const setting = this.settings.get('statement_timeout');
    let ms = 0;
    try {
      ms = setting === undefined ? 0 : millisecondSetting('statement_timeout', setting);
    } catch {
      // SET refused nothing it could not read; an unreadable value means no limit.
    }
    if (ms > 0) {
      this.timeout = setTimeout(() => controller.abort(new SqlError(SqlState.queryCanceled, 'canceling statement due to statement timeout')), ms);
      this.timeout.unref();
    }
    return controller.signal;
  }

  private endStatement(): void {
    this.running = null;
    if (this.timeout !== null) clearTimeout(this.timeout);
    this.timeout = null;
  }

  cancel(): void {
    for (const sub of this.streaming) sub.close();
    this.running?.abort(queryCanceled());
  }

  async close(): Promise<void> {
    // The client is gone: what it was running stops.
    this.running?.abort(new SqlError(SqlState.adminShutdown, 'terminating statement: the client disconnected'));
    for (const sub of this.streaming) sub.close();
    closeCursors(this.cursors);
  }
}
