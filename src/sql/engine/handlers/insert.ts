/** INSERT INTO t [(cols)] VALUES ... | SELECT ...: one atomic, durable commit of all its rows. */
import { bindExpr, coerce, notSupported, type BindContext } from '../../binder/bind-expr.ts';
import { Scope } from '../../binder/scope.ts';
import { compileProjection } from '../../codegen/compile-expr.ts';
import { INSERT, TableConstraintError, type Change } from '../../../connectors/table/table-store.ts';
import type { PgNode } from '../../parser/index.ts';
import { SqlError, castFunction, type DataType } from '../../types/index.ts';
import { plannerFor, runQuery } from '../query.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { checkNotNull, targetTable } from './table-target.ts';
import { withReturning } from './returning.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

export async function insert(n: Obj, h: HandlerContext): Promise<StatementResult> {
  if (n.onConflictClause !== undefined) throw notSupported('INSERT ... ON CONFLICT');
  const t = targetTable(n.relation, h, 'insert into');
  const names = t.entry.columns.map((c) => c.name);
  const targets = n.cols === undefined ? names.map((_, i) => i) : list(n.cols).map((c) => {
    const name = String(obj(obj(c).ResTarget).name);
    const i = names.indexOf(name);
    if (i < 0) throw new SqlError('42703', `column "${name}" of relation "${t.entry.name}" does not exist`);
    return i;
  });
  const select = obj(obj(n.selectStmt).SelectStmt);
  let values: unknown[][];
  if (select.valuesLists !== undefined) {
    const bind: BindContext = { scope: new Scope([]), session: h.session, clause: 'VALUES', ...(h.params && { params: h.params }), ...(h.scalarFunction && { scalarFunction: h.scalarFunction }) };
    values = list(select.valuesLists).map((r) => {
      const items = list(r);
      if (items.length > targets.length) throw new SqlError('42601', 'INSERT has more expressions than target columns');
      const exprs = items.map((e, i) => {
        if ('SetToDefault' in (e as Obj)) return { kind: 'literal', value: null, type: t.types[targets[i] as number] as DataType } as const;
        return coerce(bindExpr(e, bind), t.types[targets[i] as number] as DataType, bind, 'a');
      });
      // Constants (what VALUES rows almost always are, once folded) need no compiled code.
      if (exprs.every((e) => e.kind === 'literal')) return exprs.map((e) => (e as { value: unknown }).value);
      return compileProjection(exprs, h.session).fn([]);
    });
  } else {
    const planned = plannerFor(h.engine, { session: h.session, ...(h.params && { params: h.params }) }).planQuery(select);
    if (planned.columns.length > targets.length) throw new SqlError('42601', 'INSERT has more expressions than target columns');
    const casts = planned.columns.map((c, i) => castFunction(c.type, t.types[targets[i] as number] as DataType, 'a', h.session));
    values = (await runQuery(h.engine, planned, h.session)).map((r) => r.map((v, i) => (v === null ? null : casts[i]!(v as never))));
  }
  const changes: Change[] = values.map((v) => {
    const row: unknown[] = names.map(() => null);
    v.forEach((x, i) => (row[targets[i] as number] = x));
    checkNotNull(t, row);
    return [INSERT, row];
  });
  // A table with a watermark drops rows that come below it (RisingWave's rule).
  const store = h.engine.store(t.entry);
  const kept = changes.filter((c) => !store.isLate(c[1]));
  commit(h, t.entry, kept);
  const result = withReturning(n, t, h, kept.map((c) => c[1]), { command: 'INSERT', rowCount: kept.length });
  const late = changes.length - kept.length;
  if (late === 0) return result;
  const message = `${late} ${late === 1 ? 'row was' : 'rows were'} below the watermark of "${t.entry.name}" and dropped as late`;
  return { ...result, notices: [...(result.notices ?? []), { severity: 'NOTICE', code: '01000', message }] };
}

/** Commits a batch to a table, turning key violations into SQL errors. */
export function commit(h: HandlerContext, entry: Parameters<HandlerContext['engine']['store']>[0], changes: Change[]): void {
  try {
    h.engine.store(entry).commit(changes, 'strict');
  } catch (e) {
    if (e instanceof TableConstraintError) throw new SqlError(e.sqlState, e.message, { detail: e.detail });
    throw e;
  }
}
