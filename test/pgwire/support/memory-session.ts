/**
 * TEST SCAFFOLDING — not a SQL engine. A fixed set of statements, recognised by regular
 * expressions, over an in-memory table, so the wire protocol can be driven by real clients
 * (psql, node-postgres) before the SQL layer implements `SqlSession`. Nothing in src/ uses it.
 *
 * Statements it knows (case-insensitive):
 *   SELECT * FROM items [WHERE id = $1]      five typed columns, three rows (one with NULLs)
 *   SELECT generate_series(1, N)             N int4 rows, in batches of 100
 *   SELECT $1 AS a[, $2 AS b ...]            echoes its parameters (text unless typed)
 *   SELECT <integer>                         one int4 row named ?column?
 *   SELECT pg_sleep(S)                       waits S seconds; cancel() ends it with 57014
 *   SELECT 1/0                               22012 division by zero (at run time)
 *   SELECT crash()                           throws a plain Error (an internal error, XX000)
 *   SELECT raise_notice('text')              a NOTICE, then one row
 *   SELECT * FROM <other name>               42P01 with the position of the name
 *   SELECT count(*) FROM log / INSERT INTO log VALUES ('x')   a log shared by all sessions
 *   UPDATE items ... / DELETE FROM items ... / CREATE TABLE ...  tags only
 *   SET name = value / SET name TO value / SHOW name
 *   BEGIN / COMMIT / ROLLBACK                transaction status, failed after an error
 *   a statement of comments only             EmptyQueryResponse
 * Anything else is a syntax error (42601) at its first word, found before any statement of
 * the message runs, as PostgreSQL parses the whole message first.
 */
import { BackendError, TYPE_OID, type ColumnDescription, type ExecuteEvent, type ExecuteOptions, type SessionParams, type SqlSession, type SqlSessionFactory, type StatementDescription, type TextRow, type TransactionStatus } from '../../../src/pgwire/index.ts';

const ITEMS_OID = 16384;

export const ITEMS_COLUMNS: readonly ColumnDescription[] = [
  { name: 'id', typeOid: TYPE_OID.int4, tableOid: ITEMS_OID, columnNumber: 1 },
  { name: 'name', typeOid: TYPE_OID.varchar, typeModifier: 20 + 4, tableOid: ITEMS_OID, columnNumber: 2 },
  { name: 'price', typeOid: TYPE_OID.numeric, typeModifier: ((10 << 16) | 2) + 4, tableOid: ITEMS_OID, columnNumber: 3 },
  { name: 'active', typeOid: TYPE_OID.bool, tableOid: ITEMS_OID, columnNumber: 4 },
  { name: 'created', typeOid: TYPE_OID.timestamp, tableOid: ITEMS_OID, columnNumber: 5 },
];

export const ITEMS_ROWS: readonly TextRow[] = [
  ['1', 'apple', '1.50', 't', '2024-01-02 03:04:05'],
  ['2', 'banana', '0.25', 'f', '2024-01-03 00:00:00'],
  ['3', null, '10.00', 't', null],
];

/** What the sessions of one factory share, and what tests look at. */
export class MemoryDatabase implements SqlSessionFactory {
  readonly log: string[] = [];
  readonly opened: SessionParams[] = [];
  closed = 0;
  cancels = 0;
  /** Databases `open` accepts; others are refused with 3D000. */
  readonly databases = new Set(['dev', 'weir', 'postgres']);

  async open(params: SessionParams): Promise<SqlSession> {
    if (!this.databases.has(params.database)) throw new BackendError('3D000', `database "${params.database}" does not exist`);
    this.opened.push(params);
    return new MemorySession(this, params);
  }
}

interface Statement {
  readonly text: string;
  /** 0-based offset of the statement in the message, for error positions. */
  readonly offset: number;
}

interface Known {
  readonly columns: readonly ColumnDescription[] | null;
  /** Types of $1..$n when the client leaves them unspecified. */
  readonly defaultParameterType: number;
  run(options: ExecuteOptions): AsyncGenerator<ExecuteEvent>;
}

class MemorySession implements SqlSession {
  private readonly db: MemoryDatabase;
  private readonly settings: Map<string, string>;
  private status: TransactionStatus = 'idle';
  private cancelRequested: (() => void) | null = null;

  constructor(db: MemoryDatabase, params: SessionParams) {
    this.db = db;
    this.settings = new Map(params.settings);
    this.settings.set('application_name', params.applicationName);
  }

  transactionStatus(): TransactionStatus {
    return this.status;
  }

  cancel(): void {
    this.db.cancels++;
    this.cancelRequested?.();
  }

  async close(): Promise<void> {
    this.db.closed++;
  }

  async describe(sql: string, parameterTypes: readonly number[]): Promise<StatementDescription> {
    const statements = split(sql);
    if (statements.length > 1) throw new BackendError('42601', 'cannot insert multiple commands into a prepared statement');
    const statement = statements[0] ?? { text: '', offset: 0 };
    const known = this.recognise(statement);
    const count = Math.max(parameterTypes.length, ...[...statement.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    const types = Array.from({ length: count }, (_, i) => (parameterTypes[i] ?? 0) || known.defaultParameterType);
    const columns = /^select\s+\$1/i.test(statement.text) ? echoColumns(statement.text, types) : known.columns;
    return { parameterTypes: types, columns };
  }

  async *execute(sql: string, options: ExecuteOptions = {}): AsyncGenerator<ExecuteEvent> {
    const statements = split(sql);
    // Like PostgreSQL: a syntax error anywhere means nothing runs.
    const plans = statements.map((s) => this.recognise(s));
    if (plans.length === 0) {
      yield { kind: 'empty' };
      return;
    }
    for (let i = 0; i < plans.length; i++) {
      const text = statements[i]!.text;
      if (this.status === 'failed' && !/^(rollback|commit|abort)\b/i.test(text)) {
        throw new BackendError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
      }
      try {
        yield* plans[i]!.run(options);
      } catch (e) {
        if (this.status === 'in-transaction') this.status = 'failed';
        throw e;
      }
    }
  }

  /** The statement's plan, or a syntax error. */
  private recognise(s: Statement): Known {
    const t = s.text.replace(/\s+/g, ' ');
    let m: RegExpExecArray | null;
    if (t === '') return this.plan(null, async function* () {
      yield { kind: 'empty' };
    });
    if (/^select \* from items( where id = \$1)?$/i.test(t)) {
      const filtered = t.includes('$1');
      return { ...this.plan(ITEMS_COLUMNS, async function* (o) {
        yield { kind: 'columns', columns: ITEMS_COLUMNS };
        yield { kind: 'rows', rows: filtered ? ITEMS_ROWS.filter((r) => r[0] === o.parameters?.[0]) : ITEMS_ROWS };
        yield { kind: 'complete', command: 'SELECT' };
      }), defaultParameterType: TYPE_OID.int4 };
    }
    if ((m = /^select generate_series\(1,\s*(\d+)\)$/i.exec(t)) !== null) {
      const n = Number(m[1]);
      const columns = [{ name: 'generate_series', typeOid: TYPE_OID.int4 }];
      return this.plan(columns, async function* () {
        yield { kind: 'columns', columns };
        for (let start = 1; start <= n; start += 100) {
          const rows: TextRow[] = [];
          for (let i = start; i <= Math.min(n, start + 99); i++) rows.push([String(i)]);
          yield { kind: 'rows', rows };
        }
        yield { kind: 'complete', command: 'SELECT' };
      });
    }
    if (/^select \$1/i.test(t)) {
      return this.plan(null, async function* (o) {
        const columns = echoColumns(t, o.parameterTypes ?? []);
        yield { kind: 'columns', columns };
        yield { kind: 'rows', rows: [o.parameters ?? []] };
        yield { kind: 'complete', command: 'SELECT' };
      });
    }
    if ((m = /^select (\d+)$/i.exec(t)) !== null) {
      const value = m[1]!;
      const columns = [{ name: '?column?', typeOid: TYPE_OID.int4 }];
      return this.plan(columns, async function* () {
        yield { kind: 'columns', columns };
        yield { kind: 'rows', rows: [[value]] };
        yield { kind: 'complete', command: 'SELECT' };
      });
    }
    if ((m = /^select pg_sleep\((\$1|[\d.]+)\)$/i.exec(t)) !== null) {
      const arg = m[1]!;
      const columns = [{ name: 'pg_sleep', typeOid: 2278 }];
      const session = this;
      return this.plan(columns, async function* (o) {
        const ms = Number(arg === '$1' ? o.parameters?.[0] : arg) * 1000;
        yield { kind: 'columns', columns };
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, ms);
          session.cancelRequested = () => {
            clearTimeout(timer);
            reject(new BackendError('57014', 'canceling statement due to user request'));
          };
        }).finally(() => (session.cancelRequested = null));
        yield { kind: 'rows', rows: [['']] };
        yield { kind: 'complete', command: 'SELECT' };
      });
    }
    if (/^select 1\/0$/i.test(t)) {
      const columns = [{ name: '?column?', typeOid: TYPE_OID.int4 }];
      return this.plan(columns, async function* () {
        yield { kind: 'columns', columns };
        throw new BackendError('22012', 'division by zero');
      });
    }
    if (/^select crash\(\)$/i.test(t)) {
      return this.plan([{ name: 'crash', typeOid: TYPE_OID.int4 }], async function* () {
        throw new Error('scaffolding crashed on purpose');
      });
    }
    if ((m = /^select raise_notice\('([^']*)'\)$/i.exec(t)) !== null) {
      const message = m[1]!;
      const columns = [{ name: 'raise_notice', typeOid: TYPE_OID.text }];
      return this.plan(columns, async function* () {
        yield { kind: 'notice', notice: { severity: 'NOTICE', code: '00000', message, hint: 'a hint' } };
        yield { kind: 'columns', columns };
        yield { kind: 'rows', rows: [['done']] };
        yield { kind: 'complete', command: 'SELECT' };
      });
    }
    if (/^select count\(\*\) from log$/i.test(t)) {
      const columns = [{ name: 'count', typeOid: TYPE_OID.int8 }];
      const db = this.db;
      return this.plan(columns, async function* () {
        yield { kind: 'columns', columns };
        yield { kind: 'rows', rows: [[String(db.log.length)]] };
        yield { kind: 'complete', command: 'SELECT' };
      });
    }
    if ((m = /^select \* from (\w+)$/i.exec(t)) !== null) {
      const name = m[1]!;
      throw new BackendError('42P01', `relation "${name}" does not exist`, { position: s.offset + s.text.lastIndexOf(name) + 1 });
    }
    if ((m = /^insert into log values \('([^']*)'\)$/i.exec(t)) !== null) {
      const value = m[1]!;
      const db = this.db;
      return this.plan(null, async function* () {
        db.log.push(value);
        yield { kind: 'complete', command: 'INSERT', rowCount: 1 };
      });
    }
    if (/^update items\b/i.test(t)) return this.tag('UPDATE', 2);
    if (/^delete from items\b/i.test(t)) return this.tag('DELETE', 1);
    if (/^create table\b/i.test(t)) return this.tag('CREATE TABLE');
    if ((m = /^set (\w+)\s*(?:=|to)\s*'?([^']*)'?$/i.exec(t)) !== null) {
      const [, name, value] = m as unknown as [string, string, string];
      const session = this;
      return this.plan(null, async function* () {
        session.settings.set(name.toLowerCase(), value);
        if (name.toLowerCase() === 'application_name') yield { kind: 'parameter', name: 'application_name', value };
        yield { kind: 'complete', command: 'SET' };
      });
    }
    if ((m = /^show (\w+)$/i.exec(t)) !== null) {
      const name = m[1]!.toLowerCase();
      const columns = [{ name, typeOid: TYPE_OID.text }];
      const settings = this.settings;
      return this.plan(columns, async function* () {
        yield { kind: 'columns', columns };
        yield { kind: 'rows', rows: [[settings.get(name) ?? null]] };
        yield { kind: 'complete', command: 'SHOW' };
      });
    }
    if (/^(begin|start transaction)$/i.test(t)) return this.transaction('BEGIN', 'in-transaction');
    if (/^(commit|end)$/i.test(t)) return this.transaction('COMMIT', 'idle');
    if (/^(rollback|abort)$/i.test(t)) return this.transaction('ROLLBACK', 'idle');
    const word = /^\S+/.exec(t)?.[0] ?? t;
    throw new BackendError('42601', `syntax error at or near "${word}"`, { position: s.offset + 1 });
  }

  private plan(columns: readonly ColumnDescription[] | null, run: (o: ExecuteOptions) => AsyncGenerator<ExecuteEvent>): Known {
    return { columns, defaultParameterType: TYPE_OID.text, run };
  }

  private tag(command: string, rowCount?: number): Known {
    return this.plan(null, async function* () {
      yield rowCount === undefined ? { kind: 'complete', command } : { kind: 'complete', command, rowCount };
    });
  }

  private transaction(command: string, next: TransactionStatus): Known {
    const session = this;
    return this.plan(null, async function* () {
      const wasFailed = session.status === 'failed';
      session.status = next;
      yield { kind: 'complete', command: wasFailed && command === 'COMMIT' ? 'ROLLBACK' : command };
    });
  }
}

function echoColumns(text: string, types: readonly number[]): ColumnDescription[] {
  const names = [...text.matchAll(/\$(\d+)(?:::\w+)?\s+as\s+(\w+)/gi)].map((m) => m[2]!);
  return types.map((t, i) => ({ name: names[i] ?? '?column?', typeOid: t === 0 ? TYPE_OID.text : t }));
}

/**
 * Splits at semicolons outside single quotes; drops `--` comments. Statements of comments
 * only become '' (EmptyQueryResponse) when they are the whole message.
 */
function split(sql: string): Statement[] {
  const out: Statement[] = [];
  let start = 0;
  let inQuote = false;
  const push = (end: number): void => {
    const raw = sql.slice(start, end);
    const text = raw.replace(/--[^\n]*/g, '').trim();
    if (text !== '') out.push({ text, offset: start + raw.indexOf(text.slice(0, 1)) });
  };
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'") inQuote = !inQuote;
    else if (c === ';' && !inQuote) {
      push(i);
      start = i + 1;
    }
  }
  push(sql.length);
  return out;
}
