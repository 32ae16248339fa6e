/**
 * CREATE [OR REPLACE] FUNCTION name(args) RETURNS type LANGUAGE sql AS 'SELECT expr' (or
 * `RETURN expr`), and DROP FUNCTION: scalar SQL functions, inlined into the expressions
 * that call them, as PostgreSQL inlines simple SQL functions. The body is checked at
 * CREATE: it must be one expression over the parameters (no FROM), of the return type.
 */
import type { FunctionEntry } from '../../../catalog/index.ts';
import { CatalogError } from '../../../catalog/index.ts';
import { bindExpr, coerce, typeOf, type BindContext } from '../../binder/bind-expr.ts';
import type { BoundExpr } from '../../binder/bound-expr.ts';
import { Scope } from '../../binder/scope.ts';
import { parse, type PgNode } from '../../parser/index.ts';
import { rewrite } from '../../planner/expr-utils.ts';
import { SqlError, formatType, type DataType } from '../../types/index.ts';
import { typeFromText } from '../column-types.ts';
import type { Notice } from '../result.ts';
import type { SqlEngine } from '../engine.ts';
import type { StatementResult } from '../result.ts';
import { functionNamed, newObjectName, qualifiedName } from '../names.ts';
import type { HandlerContext } from './context.ts';
import { notSupported, SqlState, undefinedFunction } from '../../../errors/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : (obj(obj(v).List).items as unknown[] | undefined) ?? []);
const sval = (v: unknown): string => String(obj(obj(v).String).sval);

/** The body expression of a CREATE FUNCTION statement's parse tree. */
function bodyOf(stmt: Obj): PgNode {
  const ret = obj(obj(stmt.sql_body).ReturnStmt);
  if (ret.returnval !== undefined) return ret.returnval as PgNode;
  const options = list(stmt.options).map((o) => obj(obj(o).DefElem));
  const as = options.find((o) => o.defname === 'as');
  const text = list(obj(as).arg).map(sval).join('') || (as !== undefined && 'String' in obj(as.arg) ? sval(as.arg) : '');
  if (text === '') throw new SqlError(SqlState.invalidFunctionDefinition, 'no function body specified');
  const [body, ...more] = parse(text);
  if (body === undefined || more.length > 0 || body.kind !== 'pg' || body.type !== 'SelectStmt') {
    throw notSupported('SQL functions other than one SELECT expression', 'Write the body as SELECT expr, or RETURN expr.');
  }
  const select = obj(obj(body.tree).SelectStmt);
  const targets = list(select.targetList);
  if (targets.length !== 1 || select.fromClause !== undefined || select.whereClause !== undefined || select.groupClause !== undefined) {
    throw notSupported('SQL functions whose body reads tables or returns several columns', 'Write the body as SELECT expr over the parameters.');
  }
  return obj(obj(targets[0]).ResTarget).val as PgNode;
}

/** `$n` in the body: the n-th parameter (as a column of the parameter row). */
function positional(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(positional);
  if (node === null || typeof node !== 'object') return node;
  const ref = (node as Obj).ParamRef as Obj | undefined;
  if (ref !== undefined) return { ColumnRef: { fields: [{ String: { sval: `$${String(ref.number)}` } }], location: -1 } };
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) out[k] = positional(v);
  return out;
}

interface Signature {
  readonly args: ReadonlyArray<{ readonly name: string | null; readonly type: DataType }>;
  readonly returns: DataType;
}

function signatureOf(entry: FunctionEntry): Signature {
  return { args: entry.args.map((a) => ({ name: a.name, type: typeFromText(a.type) })), returns: typeFromText(entry.returns) };
}

/** The body bound over a row of the parameters (parameter i is column i). */
function bindBody(body: PgNode, sig: Signature, base: Omit<BindContext, 'scope' | 'clause'>): BoundExpr {
  const n = sig.args.length;
  // Parameter i is column i by its name, and column n + i as `$i+1`.
  const scope = new Scope([
    ...sig.args.map((a, i) => ({ name: a.name ?? `$unnamed${i + 1}`, relation: null, type: a.type, hidden: a.name === null })),
    ...sig.args.map((a, i) => ({ name: `$${i + 1}`, relation: null, type: a.type })),
  ]);
  const ctx: BindContext = { ...base, scope, clause: 'a function body' };
  const bound = bindExpr(positional(body) as PgNode, ctx);
  const folded = rewrite(bound, (x) => (x.kind === 'column' && x.index >= n ? { ...x, index: x.index - n } : undefined));
  return coerce(folded, sig.returns, ctx, 'a');
}

export function createFunction(n: Obj, h: HandlerContext): StatementResult {
  const { schema, name } = newObjectName(h.engine, h.session, list(n.funcname).map(sval));
  const options = list(n.options).map((o) => obj(obj(o).DefElem));
  const language = String(obj(options.find((o) => o.defname === 'language')?.arg).String ? sval(options.find((o) => o.defname === 'language')!.arg) : 'sql').toLowerCase();
  if (language !== 'sql') throw notSupported(`functions in LANGUAGE ${language}`, 'Weir runs SQL functions (LANGUAGE sql).');
  if (n.returnType === undefined) throw notSupported('procedures');
  const params = list(n.parameters).map((p) => obj(obj(p).FunctionParameter));
  if (params.some((p) => p.mode !== undefined && p.mode !== 'FUNC_PARAM_DEFAULT' && p.mode !== 'FUNC_PARAM_IN')) throw notSupported('OUT, INOUT and VARIADIC parameters');
  const args = params.map((p) => ({ name: p.name === undefined ? null : String(p.name), type: formatType(typeOf(p.argType)) }));
  const returns = formatType(typeOf(n.returnType));
  const text = h.text;
  const entry: Omit<FunctionEntry, 'oid' | 'createdAt'> = {
    kind: 'function',
    schema,
    name,
    args,
    returns,
    language: 'sql',
    // The body as written for `AS '...'` (pg_get_functiondef shows it); the parse tree is what runs.
    bodySql: list(options.find((o) => o.defname === 'as')?.arg).map(sval).join(''),
    dependsOn: [],
    createSql: text,
  };
  // The body must bind now: a wrong name or type is an error of CREATE, not of its callers.
  bindBody(bodyOf(n), signatureOf(entry as FunctionEntry), { session: h.session });
  try {
    h.engine.catalog.create(entry, false, n.replace === true);
  } catch (e) {
    if (e instanceof CatalogError) throw new SqlError(SqlState.duplicateFunction, e.message);
    throw e;
  }
  return { command: 'CREATE FUNCTION' };
}

export async function dropFunction(n: Obj, h: HandlerContext): Promise<StatementResult> {
  const notices: Notice[] = [];
  for (const o of list(n.objects)) {
    const q = qualifiedName(list(obj(obj(o).ObjectWithArgs).objname).map(sval), h.engine.database);
    const name = q.name;
    const found = functionNamed(h.engine.catalog, h.session, q);
    if (found === undefined) {
      if (n.missing_ok === true) {
        notices.push({ severity: 'NOTICE', code: SqlState.successfulCompletion, message: `function ${name}() does not exist, skipping` });
        continue;
      }
      throw undefinedFunction(name, []);
    }
    try {
      // What uses it (views, materialized views, sinks) blocks the drop, or goes with CASCADE.
      const { dropped } = h.engine.catalog.drop('function', found.schema, name, { cascade: n.behavior === 'DROP_CASCADE' });
      for (const e of dropped) {
        await h.engine.stopJob(e);
        if (e.kind !== 'function') h.engine.dropStore(e);
      }
    } catch (e) {
      if (e instanceof CatalogError) throw new SqlError(e.sqlState, e.message, { ...(e.detail !== undefined && { detail: e.detail }), ...(e.hint !== undefined && { hint: e.hint }) });
      throw e;
    }
  }
  return { command: 'DROP FUNCTION', ...(notices.length > 0 && { notices }) };
}

const bodies = new WeakMap<FunctionEntry, PgNode>();

/**
 * The binder's hook for calls of user functions: the body, bound over the parameters, with
 * each parameter replaced by the call's argument (cast to the parameter's type).
 */
export function userFunctions(engine: SqlEngine, dependencies?: Set<number>): NonNullable<BindContext['userFunction']> {
  return (name, args, ctx, schema = null) => {
    // `s.f(x)` in a schema of the catalog (pg_catalog's are the system's), else along the search path.
    const entry = functionNamed(engine.catalog, ctx.session, { schema: schema !== null && engine.catalog.schema(schema) !== undefined ? schema : null, name });
    if (entry === undefined) return undefined;
    dependencies?.add(entry.oid);
    const sig = signatureOf(entry);
    if (args.length !== sig.args.length) {
      throw undefinedFunction(name, args.map((a) => formatType(a.type)), `${name} takes ${sig.args.length} argument${sig.args.length === 1 ? '' : 's'}.`);
    }
    let body = bodies.get(entry);
    if (body === undefined) {
      const [stmt] = parse(entry.createSql);
      body = bodyOf(obj(obj(stmt?.kind === 'pg' ? stmt.tree : {}).CreateFunctionStmt));
      bodies.set(entry, body);
    }
    const bound = bindBody(body, sig, { session: ctx.session });
    const actual = args.map((a, i) => coerce(a, sig.args[i]!.type, ctx, 'i'));
    return rewrite(bound, (x) => (x.kind === 'column' ? actual[x.index] : undefined));
  };
}
