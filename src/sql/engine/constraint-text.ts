/**
 * A CHECK expression as PostgreSQL's pg_get_constraintdef prints it, so that psql's `\d`,
 * drivers and tools read the same text from Weir: after parse analysis, with the casts the
 * operators need (`a::numeric > 1.5`, `c::text <> ''::text`), literals typed (`'x'::text`,
 * `'-1'::integer`), IN as `= ANY (ARRAY[...])`, BETWEEN as `>= AND <=`, LIKE as `~~`; pretty
 * (`pg_get_constraintdef(oid, true)`, psql's) with the fewest parentheses, plain with every
 * operator parenthesized. Forms it does not know are printed as written.
 *
 * @see https://github.com/postgres/postgres/blob/REL_15_STABLE/src/backend/utils/adt/ruleutils.c (get_rule_expr, isSimpleNode)
 */
import type { ColumnEntry } from '../../catalog/index.ts';
import { bindExpr, coerce, type BindContext } from '../binder/bind-expr.ts';
import { Scope } from '../binder/scope.ts';
import type { PgNode } from '../parser/index.ts';
import { BOOLEAN, TEXT, formatType, formatterFor, resolveBinaryOperator, type DataType, type SessionContext } from '../types/index.ts';
import { columnTypes } from './column-types.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : ((obj(obj(v).List).items as Obj[] | undefined) ?? []));
const str = (v: unknown): string => String(obj(obj(v).String).sval ?? '');
const kindOf = (node: unknown): [string, Obj] => {
  const [k, v] = Object.entries(obj(node))[0] ?? ['', {}];
  return [k, obj(v)];
};

/** What a node sits in, as isSimpleNode asks. */
type Parent =
  | { readonly kind: 'top' | 'bool-and' | 'bool-or' | 'bool-not' | 'cast' | 'own-parens' | 'other' }
  | { readonly kind: 'op'; readonly op: string | null; readonly left: boolean };

const TOP: Parent = { kind: 'top' };
const OWN: Parent = { kind: 'own-parens' };
const CAST: Parent = { kind: 'cast' };
const OTHER: Parent = { kind: 'other' };

/** Kinds of printed node, as isSimpleNode tells them apart. */
type Shape = 'simple' | 'op' | 'prefix-op' | 'bool-and' | 'bool-or' | 'bool-not' | 'test' | 'array-op';

const ARITH_LOW = ['+', '-'];
const ARITH_HIGH = ['*', '/', '%'];
const arithmetic = (op: string | null): 'low' | 'high' | null => (op === null ? null : ARITH_LOW.includes(op) ? 'low' : ARITH_HIGH.includes(op) ? 'high' : null);

/** Whether a node of this shape needs no parentheses in `parent` (pretty mode). */
function isSimple(shape: Shape, op: string | null, parent: Parent): boolean {
  if (shape === 'simple') return true;
  if (parent.kind === 'top') return true;
  if (shape === 'op' && parent.kind === 'op') {
    const mine = arithmetic(op);
    const theirs = arithmetic(parent.op);
    if (mine === null || theirs === null) return false;
    if (mine === 'high' && theirs === 'low') return true;
    if (mine === 'low' && theirs === 'high') return false;
    return parent.left;
  }
  if (shape === 'bool-and' || shape === 'bool-not') return parent.kind === 'bool-and' || parent.kind === 'bool-or' || parent.kind === 'own-parens';
  if (shape === 'bool-or') return parent.kind === 'bool-or' || parent.kind === 'own-parens';
  if (shape === 'array-op') return false;
  // Operators, IS [NOT] NULL, IS DISTINCT FROM: bare inside AND/OR/NOT and function-like parentheses.
  return parent.kind === 'bool-and' || parent.kind === 'bool-or' || parent.kind === 'bool-not' || parent.kind === 'own-parens';
}

const IDENT = /^[a-z_][a-z0-9_$]*$/;
const RESERVED = new Set(['all', 'and', 'any', 'array', 'as', 'asc', 'case', 'cast', 'check', 'collate', 'column', 'constraint', 'create', 'default', 'desc', 'distinct', 'do', 'else', 'end', 'false', 'for', 'from', 'group', 'in', 'not', 'null', 'or', 'order', 'select', 'table', 'then', 'to', 'true', 'union', 'unique', 'user', 'when', 'where', 'with']);
/** PostgreSQL's quote_identifier. */
export const quoteIdent = (name: string): string => (IDENT.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`);

class Deparser {
  private readonly bind: BindContext;
  private readonly types = new Map<object, DataType>();
  private indent = 0;
  private readonly text: string | undefined;
  private readonly session: SessionContext;
  private readonly pretty: boolean;

  constructor(text: string | undefined, table: string, columns: readonly ColumnEntry[], session: SessionContext, pretty: boolean) {
    this.text = text;
    this.session = session;
    this.pretty = pretty;
    const types = columnTypes(columns);
    this.bind = { scope: new Scope(columns.map((c, i) => ({ name: c.name, relation: table, type: types[i]! }))), session, clause: 'check constraints' };
  }

  typeOf(node: unknown): DataType {
    const key = node as object;
    let t = this.types.get(key);
    if (t === undefined) this.types.set(key, (t = bindExpr(node as PgNode, this.bind).type));
    return t;
  }

  /** `node` in `parent`, in parentheses when PostgreSQL would put them there. */
  expr(node: unknown, parent: Parent): string {
    const { text, shape, op } = this.node(node);
    if (!this.pretty || shape === 'simple' || isSimple(shape, op, parent)) return text;
    return `(${text})`;
  }

  /** `node` as an argument the operator, function or list around it takes as `target`. */
  arg(node: unknown, target: DataType | null, parent: Parent): string {
    const [kind] = kindOf(node);
    const own = this.typeOf(node);
    if (kind === 'A_Const') {
      if (own.kind === 'unknown' || target === null || !differs(own, target)) return this.constant(node, target ?? own);
      return this.cast(this.constant(node, own), target);
    }
    if (target !== null && own.kind !== 'unknown' && differs(own, target)) return this.cast(this.expr(node, CAST), target);
    return this.expr(node, parent);
  }

  private cast(inner: string, to: DataType): string {
    return this.pretty ? `${inner}::${formatType(to)}` : `(${inner})::${formatType(to)}`;
  }

  /** A constant of type `type` as get_const_expr prints it. */
  private constant(node: unknown, type: DataType): string {
    const [, c] = kindOf(node);
    if (c.isnull === true) return `NULL::${formatType(type.kind === 'unknown' ? { kind: 'text' } as DataType : type)}`;
    const bound = bindExpr(node as PgNode, this.bind);
    const value = type.kind === 'unknown' ? bound : coerce(bound, type, this.bind, 'e');
    const v = (value as { value?: unknown }).value;
    const t = type.kind === 'unknown' ? bound.type : type;
    if (t.kind === 'boolean') return v === true ? 'true' : 'false';
    const textOf = t.kind === 'unknown' ? String(v) : formatterFor(t, this.session)(v as never);
    if (t.kind === 'integer' && !textOf.startsWith('-')) return textOf;
    if (t.kind === 'numeric' && /^\d/.test(textOf) && /[eE.]/.test(textOf)) return textOf;
    const quoted = `'${textOf.replace(/'/g, "''")}'`;
    return t.kind === 'unknown' ? quoted : `${quoted}::${formatType(t)}`;
  }

  private binary(op: string, l: unknown, r: unknown, types?: readonly [DataType, DataType]): { text: string; shape: Shape; op: string } {
    let lt: DataType | null = types?.[0] ?? null;
    let rt: DataType | null = types?.[1] ?? null;
    if (types === undefined) try {
      const sig = resolveBinaryOperator(op, this.typeOf(l), this.typeOf(r));
      lt = sig.left;
      rt = sig.right;
    } catch {
      // An operator Weir implements as a function (`||`): the types the binder coerced to.
      const bound = bindExpr({ A_Expr: { kind: 'AEXPR_OP', name: [{ String: { sval: op } }], lexpr: l, rexpr: r } } as unknown as PgNode, this.bind);
      const args = (bound as { args?: readonly { type: DataType }[] }).args;
      lt = args?.[0]?.type ?? null;
      rt = args?.[1]?.type ?? null;
    }
    const me: Parent = { kind: 'op', op, left: true };
    const text = `${this.arg(l, lt, me)} ${op} ${this.arg(r, rt, { kind: 'op', op, left: false })}`;
    return { text: this.pretty ? text : `(${text})`, shape: 'op', op };
  }

  private bool(kind: 'AND' | 'OR', args: readonly unknown[]): { text: string; shape: Shape; op: null } {
    const parent: Parent = { kind: kind === 'AND' ? 'bool-and' : 'bool-or' };
    const text = args.map((a) => this.expr(a, parent)).join(` ${kind} `);
    return { text: this.pretty ? text : `(${text})`, shape: kind === 'AND' ? 'bool-and' : 'bool-or', op: null };
  }

  private wrap(text: string, shape: Shape): { text: string; shape: Shape; op: null } {
    return { text: this.pretty ? text : `(${text})`, shape, op: null };
  }

  /** A list of values of one type, as IN and COALESCE make it. */
  private commonType(nodes: readonly unknown[]): DataType | null {
    const bound = bindExpr({ CoalesceExpr: { args: nodes } } as unknown as PgNode, this.bind);
    return bound.type.kind === 'unknown' ? null : bound.type;
  }

  private keyword(word: string, before: number, after: number): string {
    // appendContextKeyword with PRETTYFLAG_INDENT (set in both modes by pg_get_constraintdef).
    this.indent += before;
    const out = `\n${' '.repeat(Math.max(0, this.indent))}${word}`;
    this.indent += after;
    return out;
  }

  private node(node: unknown): { text: string; shape: Shape; op: string | null } {
    const [kind, n] = kindOf(node);
    const simple = (text: string): { text: string; shape: Shape; op: null } => ({ text, shape: 'simple', op: null });
    switch (kind) {
      case 'ColumnRef':
        return simple(quoteIdent(str(list(n.fields).at(-1))));
      case 'A_Const':
        return simple(this.constant(node, this.typeOf(node)));
      case 'TypeCast': {
        const to = this.typeOf(node);
        const [argKind] = kindOf(n.arg);
        if (argKind === 'A_Const' && this.typeOf(n.arg).kind === 'unknown') return simple(this.constant(n.arg, to));
        if (!differs(this.typeOf(n.arg), to)) return this.node(n.arg);
        return simple(this.arg(n.arg, to, CAST));
      }
      case 'BoolExpr': {
        const args = list(n.args);
        if (n.boolop === 'NOT_EXPR') return this.wrap(`NOT ${this.expr(args[0], { kind: 'bool-not' })}`, 'bool-not');
        return this.bool(n.boolop === 'AND_EXPR' ? 'AND' : 'OR', args);
      }
      case 'NullTest':
        return this.wrap(`${this.expr(n.arg, OTHER)} ${n.nulltesttype === 'IS_NOT_NULL' ? 'IS NOT NULL' : 'IS NULL'}`, 'test');
      case 'BooleanTest': {
        const t = String(n.booltesttype).replace(/^IS_/, 'IS ').replace(/_/g, ' ');
        return this.wrap(`${this.expr(n.arg, OTHER)} ${t}`, 'test');
      }
      case 'A_Expr':
        return this.aExpr(n);
      case 'FuncCall': {
        const name = list(n.funcname).map(str).filter((x) => x !== 'pg_catalog').join('.');
        const args = list(n.args);
        const bound = bindExpr(node as PgNode, this.bind) as { kind: string; args?: readonly { type: DataType }[] };
        const types = bound.kind === 'function' && bound.args?.length === args.length ? bound.args.map((a) => a.type) : args.map(() => null);
        return simple(`${name}(${args.map((a, i) => this.arg(a, types[i] ?? null, OWN)).join(', ')})`);
      }
      case 'CoalesceExpr': {
        const args = list(n.args);
        const type = this.commonType(args);
        return simple(`COALESCE(${args.map((a) => this.arg(a, type, OWN)).join(', ')})`);
      }
      case 'MinMaxExpr': {
        const args = list(n.args);
        const type = this.commonType(args);
        return simple(`${n.op === 'IS_GREATEST' ? 'GREATEST' : 'LEAST'}(${args.map((a) => this.arg(a, type, OWN)).join(', ')})`);
      }
      case 'CaseExpr':
        return simple(this.caseExpr(n));
      case 'SQLValueFunction':
        return simple(String(n.op).replace(/^SVFOP_/, '').replace(/_N$/, ''));
      default:
        throw new Unprintable();
    }
  }

  private aExpr(n: Obj): { text: string; shape: Shape; op: string | null } {
    const op = str(list(n.name)[0]);
    switch (n.kind) {
      case 'AEXPR_OP': {
        if (n.lexpr === undefined) {
          const sig = resolveBinaryOperator(op, null, this.typeOf(n.rexpr));
          const text = `${op} ${this.arg(n.rexpr, sig.right, { kind: 'op', op: null, left: false })}`;
          return { text: this.pretty ? text : `(${text})`, shape: 'prefix-op', op: null };
        }
        return this.binary(op === '!=' ? '<>' : op, n.lexpr, n.rexpr);
      }
      case 'AEXPR_LIKE':
      case 'AEXPR_ILIKE':
        // textlike and friends: (text, text).
        return this.binary(op, n.lexpr, n.rexpr, [TEXT, TEXT]);
      case 'AEXPR_BETWEEN':
      case 'AEXPR_NOT_BETWEEN': {
        const [lo, hi] = list(n.rexpr);
        const within = n.kind === 'AEXPR_BETWEEN';
        // A comparison inside AND/OR needs no parentheses; plain mode puts its own.
        const part = (o: string, bound: unknown): string => this.binary(o, n.lexpr, bound).text;
        const text = within ? `${part('>=', lo)} AND ${part('<=', hi)}` : `${part('<', lo)} OR ${part('>', hi)}`;
        return { text: this.pretty ? text : `(${text})`, shape: within ? 'bool-and' : 'bool-or', op: null };
      }
      case 'AEXPR_IN': {
        const items = list(n.rexpr);
        const type = this.commonType([n.lexpr, ...items]);
        const me: Parent = { kind: 'op', op: null, left: true };
        const text = `${this.arg(n.lexpr, type, me)} ${op === '<>' ? '<> ALL' : '= ANY'} (ARRAY[${items.map((i) => this.arg(i, type, OWN)).join(', ')}])`;
        return { text: this.pretty ? text : `(${text})`, shape: 'array-op', op: null };
      }
      case 'AEXPR_DISTINCT':
      case 'AEXPR_NOT_DISTINCT': {
        const type = this.commonType([n.lexpr, n.rexpr]);
        const inner = `${this.arg(n.lexpr, type, OTHER)} IS DISTINCT FROM ${this.arg(n.rexpr, type, OTHER)}`;
        if (n.kind === 'AEXPR_DISTINCT') return this.wrap(inner, 'test');
        return this.wrap(`NOT ${this.pretty ? inner : `(${inner})`}`, 'bool-not');
      }
      case 'AEXPR_NULLIF': {
        const type = this.commonType([n.lexpr, n.rexpr]);
        return { text: `NULLIF(${this.arg(n.lexpr, type, OWN)}, ${this.arg(n.rexpr, type, OWN)})`, shape: 'simple', op: null };
      }
      default:
        throw new Unprintable();
    }
  }

  private caseExpr(n: Obj): string {
    const bound = bindExpr({ CaseExpr: n } as unknown as PgNode, this.bind);
    const type = bound.type;
    let out = this.keyword('CASE', 0, 4);
    if (n.arg !== undefined) out += ` ${this.expr(n.arg, OTHER)}`;
    for (const w of list(n.args)) {
      const cw = obj(w.CaseWhen);
      out += this.keyword('WHEN ', 0, 0);
      out += n.arg === undefined ? this.arg(cw.expr, BOOLEAN, TOP) : this.expr(cw.expr, OTHER);
      out += ` THEN ${this.arg(cw.result, type, TOP)}`;
    }
    out += this.keyword('ELSE ', 0, 0);
    out += n.defresult === undefined ? `NULL::${formatType(type)}` : this.arg(n.defresult, type, TOP);
    out += this.keyword('END', -4, 0);
    return out;
  }

  /** The expression as written, for forms this printer does not know. */
  fallback(node: unknown): string {
    return this.text?.replace(/\s+/g, ' ').trim() ?? JSON.stringify(node);
  }
}

class Unprintable extends Error {}

/** Whether showing a value of type `own` as `target` takes a cast (not for type modifiers alone). */
function differs(own: DataType, target: DataType): boolean {
  return own.kind !== target.kind;
}

export interface CheckText {
  /** pg_get_constraintdef(oid, true): psql's `\d`. */
  readonly pretty: string;
  /** pg_get_constraintdef(oid): every operator in parentheses. */
  readonly plain: string;
}

/**
 * The expression of `CHECK (expr)` on table `table` as PostgreSQL prints it, pretty and plain
 * (without the `CHECK (...)` around it). `written` is its text as the user wrote it, for
 * forms this printer does not know.
 */
export function checkText(expr: unknown, written: string | undefined, table: string, columns: readonly ColumnEntry[], session: SessionContext): CheckText {
  const print = (pretty: boolean): string => {
    const d = new Deparser(written, table, columns, session, pretty);
    try {
      return d.expr(expr, TOP);
    } catch {
      // A form this printer does not know (Unprintable), or one it cannot type here.
      return d.fallback(expr);
    }
  };
  return { pretty: print(true), plain: print(false) };
}

/** Where an expression's first token is in the statement's text (the smallest `location` in its parse tree). */
export function firstLocation(expr: unknown): number | undefined {
  let start = Infinity;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'location' && typeof x === 'number' && x >= 0) start = Math.min(start, x);
        else visit(x);
      }
    }
  };
  visit(expr);
  return Number.isFinite(start) ? start : undefined;
}
