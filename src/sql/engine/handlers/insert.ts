/** INSERT INTO t [(cols)] VALUES ... | SELECT ...: one atomic, durable commit of all its rows. */
import { asCondition, bindExpr, coerce, notSupported, type BindContext } from '../../binder/bind-expr.ts';
import type { BoundExpr } from '../../binder/bound-expr.ts';
import { Scope } from '../../binder/scope.ts';
import { compilePredicate, compileProjection } from '../../codegen/compile-expr.ts';
import { INSERT, TableConstraintError, UPDATE_AFTER, UPDATE_BEFORE, type Change } from '../../../connectors/table/table-store.ts';
import type { PgNode } from '../../parser/index.ts';
import { SqlError, castFunction, type DataType } from '../../types/index.ts';
import { plannerFor, runQuery } from '../query.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { checkNotNull, columnDefaults, targetTable, type TargetTable } from './table-target.ts';
import { withReturning } from './returning.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

/** Stands for DEFAULT in a VALUES row until the row is built. */
const DEFAULT = Symbol('DEFAULT');

export async function insert(n: Obj, h: HandlerContext): Promise<StatementResult> {
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
        if ('SetToDefault' in (e as Obj)) return { kind: 'literal', value: DEFAULT, type: t.types[targets[i] as number] as DataType } as const;
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
    values = (await runQuery(h.engine, planned, h.session, { tree: select, ...(h.params && { params: h.params }), ...(h.signal && { signal: h.signal }) })).map((r) => r.map((v, i) => (v === null ? null : casts[i]!(v as never))));
  }
  // Columns left out, and DEFAULT in VALUES, take the column's default (evaluated per row).
  const defaults = columnDefaults(t, h);
  const changes: Change[] = values.map((v) => {
    const row: unknown[] = names.map((_, i) => (targets.includes(i) ? null : defaults[i]!()));
    v.forEach((x, i) => (row[targets[i] as number] = x === DEFAULT ? defaults[targets[i] as number]!() : x));
    checkNotNull(t, row, h.session);
    return [INSERT, row];
  });
  // A table with a watermark drops rows that come below it (RisingWave's rule).
  const store = h.engine.store(t.entry);
  if (n.onConflictClause !== undefined) return upsert(n, t, h, changes.filter((c) => !store.isLate(c[1])).map((c) => c[1]));
  const kept = changes.filter((c) => !store.isLate(c[1]));
  commit(h, t.entry, kept);
  const result = withReturning(n, t, h, kept.map((c) => c[1]), { command: 'INSERT', rowCount: kept.length });
  const late = changes.length - kept.length;
  if (late === 0) return result;
  const message = `${late} ${late === 1 ? 'row was' : 'rows were'} below the watermark of "${t.entry.name}" and dropped as late`;
  return { ...result, notices: [...(result.notices ?? []), { severity: 'NOTICE', code: '01000', message }] };
}

/**
 * INSERT ... ON CONFLICT (key) DO NOTHING | DO UPDATE SET ... [WHERE ...]: a proposed row
 * whose primary key exists (in the table, or earlier in the same statement) is skipped, or
 * updates the existing row, with `excluded.col` naming the proposed values. One commit.
 */
function upsert(n: Obj, t: TargetTable, h: HandlerContext, proposed: ReadonlyArray<readonly unknown[]>): StatementResult {
  const clause = obj(n.onConflictClause);
  const pk = t.entry.primaryKey;
  const names = t.entry.columns.map((c) => c.name);
  const target = list(obj(clause.infer).indexElems).map((e) => String(obj(obj(e).IndexElem).name));
  const matches = pk !== null && (target.length === 0 || (target.length === pk.length && target.every((c) => pk.includes(c))));
  if (!matches) {
    throw new SqlError('42P10', 'there is no unique or exclusion constraint matching the ON CONFLICT specification', {
      ...(pk === null && { hint: `Table "${t.entry.name}" has no primary key.` }),
    });
  }
  if (clause.action === 'ONCONFLICT_UPDATE' && target.length === 0) throw new SqlError('42601', 'ON CONFLICT DO UPDATE requires inference specification or constraint name');
  const keyIdx = (pk as readonly string[]).map((c) => names.indexOf(c));
  const keyText = (row: readonly unknown[]): string => JSON.stringify(keyIdx.map((i) => String(row[i])));
  const store = h.engine.store(t.entry);
  // SET and WHERE see the existing row (by the table's name or alias) and `excluded`.
  const alias = obj(n.relation).alias === undefined ? t.entry.name : String(obj(obj(n.relation).alias).aliasname);
  const scope = new Scope([
    ...t.entry.columns.map((c, i) => ({ name: c.name, relation: alias, type: t.types[i] as DataType })),
    ...t.entry.columns.map((c, i) => ({ name: c.name, relation: 'excluded', type: t.types[i] as DataType, hidden: true })),
  ]);
  const bind: BindContext = { scope, session: h.session, clause: 'ON CONFLICT', ...(h.params && { params: h.params }), ...(h.scalarFunction && { scalarFunction: h.scalarFunction }) };
  const exprs: BoundExpr[] = names.map((name, i) => ({ kind: 'column', index: i, type: t.types[i] as DataType, name }));
  for (const target of list(clause.targetList)) {
    const rt = obj(obj(target).ResTarget);
    const i = names.indexOf(String(rt.name));
    if (i < 0) throw new SqlError('42703', `column "${String(rt.name)}" of relation "${t.entry.name}" does not exist`);
    if (keyIdx.includes(i)) throw notSupported('ON CONFLICT DO UPDATE that changes the primary key');
    exprs[i] = coerce(bindExpr(rt.val as PgNode, bind), t.types[i] as DataType, bind, 'a');
  }
  const project = compileProjection(exprs, h.session).fn;
  const where = clause.whereClause === undefined ? null : compilePredicate(asCondition(bindExpr(clause.whereClause as PgNode, bind), bind, 'WHERE'), h.session).fn;
  const changes: Change[] = [];
  const written: Array<readonly unknown[]> = [];
  const seen = new Map<string, readonly unknown[]>();
  for (const row of proposed) {
    const k = keyText(row);
    const existing = seen.get(k) ?? store.lookup(keyIdx.map((i) => row[i]));
    if (existing === undefined) {
      changes.push([INSERT, row]);
      seen.set(k, row);
      written.push(row);
      continue;
    }
    if (clause.action !== 'ONCONFLICT_UPDATE') continue;
    if (seen.has(k) && written.includes(seen.get(k)!)) {
      throw new SqlError('21000', 'ON CONFLICT DO UPDATE command cannot affect row a second time', {
        hint: 'Ensure that no rows proposed for insertion within the same command have duplicate constrained values.',
      });
    }
    const both = [...existing, ...row];
    if (where !== null && !where(both)) continue;
    const next = project(both);
    checkNotNull(t, next, h.session);
    changes.push([UPDATE_BEFORE, existing], [UPDATE_AFTER, next]);
    seen.set(k, next);
    written.push(next);
  }
  commit(h, t.entry, changes);
  return withReturning(n, t, h, written, { command: 'INSERT', rowCount: written.length });
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
