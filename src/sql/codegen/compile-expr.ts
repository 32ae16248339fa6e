/**
 * Compiles bound expressions to JavaScript: one function per expression (or per list of
 * expressions, for a projection), built once per operator with `new Function`, never an
 * AST walk per row. SQL's NULL rules are spelled out in the generated code: strict
 * operators short-circuit to null, AND/OR/NOT are three-valued. Constants the code needs
 * (operator implementations, comparators, casts, non-trivial literals) are passed in an
 * array `c`; the session context is `s`. The generated source is kept for EXPLAIN (CODE).
 */
import { SqlError, type SessionContext } from '../types/index.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import { like } from './like.ts';
import { SqlState } from '../../errors/index.ts';

export interface CompiledExpr<F> {
  readonly fn: F;
  /** The generated JavaScript, for EXPLAIN (CODE) and tests. */
  readonly source: string;
}

export type RowFn = (row: readonly unknown[]) => unknown;

class Generator {
  readonly consts: unknown[] = [];
  private temps = 0;

  constant(v: unknown): string {
    if (v === null) return 'null';
    if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0))) return String(v);
    if (typeof v === 'string' && v.length < 200) return JSON.stringify(v);
    this.consts.push(v);
    return `c[${this.consts.length - 1}]`;
  }

  temp(): string {
    return `t${this.temps++}`;
  }

  declarations(): string {
    return this.temps === 0 ? '' : `let ${Array.from({ length: this.temps }, (_, i) => `t${i}`).join(', ')};`;
  }

  /** `(t = e) === null || ...` over the arguments, then `body(temps)` when none is null. */
  strict(args: readonly BoundExpr[], body: (ts: string[]) => string): string {
    if (args.length === 0) return body([]);
    const ts = args.map(() => this.temp());
    const checks = args.map((a, i) => `(${ts[i]} = ${this.gen(a)}) === null`).join(' || ');
    return `(${checks} ? null : ${body(ts)})`;
  }

  gen(e: BoundExpr): string {
    switch (e.kind) {
      case 'column':
        return `row[${e.index}]`;
      case 'outer':
        throw new SqlError(SqlState.internalError, `internal error: outer reference ${e.name} left in a plan`);
      case 'literal':
        return this.constant(e.value);
      case 'operator': {
        const f = this.constant(e.impl);
        return this.strict(e.args, (ts) => (ts.length === 1 ? `${f}(null, ${ts[0]}, s)` : `${f}(${ts[0]}, ${ts[1]}, s)`));
      }
      case 'compare': {
        const cmp = this.constant(e.cmp);
        const jsOp = { '=': '===', '<>': '!==', '!=': '!==', '<': '<', '<=': '<=', '>': '>', '>=': '>=' }[e.op];
        if (jsOp === undefined) throw new Error(`internal error: comparison operator ${e.op}`);
        return this.strict([e.left, e.right], ([a, b]) => `${cmp}(${a}, ${b}) ${jsOp} 0`);
      }
      case 'cast': {
        const f = this.constant(e.fn);
        return this.strict([e.arg], ([a]) => `${f}(${a})`);
      }
      case 'function': {
        const f = this.constant(e.impl);
        if (e.strict) return this.strict(e.args, (ts) => `${f}([${ts.join(', ')}], s)`);
        return `${f}([${e.args.map((a) => this.gen(a)).join(', ')}], s)`;
      }
      case 'and':
      case 'or': {
        // Three-valued: a deciding value (false for AND, true for OR) wins, else NULL if any, else the other.
        const decide = e.kind === 'and' ? 'false' : 'true';
        const ts = e.args.map(() => this.temp());
        const steps = e.args.map((a, i) => `(${ts[i]} = ${this.gen(a)}) === ${decide} ? ${decide} : `).join('');
        return `(${steps}(${ts.map((t) => `${t} === null`).join(' || ')}) ? null : ${e.kind === 'and' ? 'true' : 'false'})`;
      }
      case 'not': {
        const t = this.temp();
        return `((${t} = ${this.gen(e.arg)}) === null ? null : !${t})`;
      }
      case 'is-null':
        return `(${this.gen(e.arg)} ${e.negated ? '!==' : '==='} null)`;
      case 'is-bool':
        return `(${this.gen(e.arg)} ${e.negated ? '!==' : '==='} ${e.value === null ? 'null' : String(e.value)})`;
      case 'is-distinct': {
        const [a, b] = [this.temp(), this.temp()];
        const cmp = this.constant(e.cmp);
        const distinct = `((${a} = ${this.gen(e.left)}), (${b} = ${this.gen(e.right)}), ${a} === null ? ${b} !== null : ${b} === null ? true : ${cmp}(${a}, ${b}) !== 0)`;
        return e.negated ? `!${distinct}` : distinct;
      }
      case 'case': {
        const arms = e.whens.map(([c, r]) => `${this.gen(c)} === true ? ${this.gen(r)} : `).join('');
        return `(${arms}${this.gen(e.otherwise)})`;
      }
      case 'coalesce': {
        const ts = e.args.map(() => this.temp());
        const steps = e.args.slice(0, -1).map((a, i) => `(${ts[i]} = ${this.gen(a)}) !== null ? ${ts[i]} : `).join('');
        return `(${steps}${this.gen(e.args[e.args.length - 1] as BoundExpr)})`;
      }
      case 'nullif': {
        const [a, b] = [this.temp(), this.temp()];
        const cmp = this.constant(e.cmp);
        return `((${a} = ${this.gen(e.left)}), (${b} = ${this.gen(e.right)}), ${a} !== null && ${b} !== null && ${cmp}(${a}, ${b}) === 0 ? null : ${a})`;
      }
      case 'in-list': {
        // x IN (a, b): true if some item equals x; else NULL if x or any item is NULL; else false.
        const x = this.temp();
        const cmp = this.constant(e.cmp);
        const sawNull = this.temp();
        const items = e.list.map((item) => {
          const t = this.temp();
          return `(${t} = ${this.gen(item)}) === null ? (${sawNull} = true, false) : ${cmp}(${x}, ${t}) === 0`;
        });
        const found = `(${sawNull} = false, ${items.map((i) => `(${i})`).join(' || ')})`;
        const yes = e.negated ? 'false' : 'true';
        const no = e.negated ? 'true' : 'false';
        return `((${x} = ${this.gen(e.arg)}) === null ? null : ${found} ? ${yes} : ${sawNull} ? null : ${no})`;
      }
      case 'like': {
        const f = this.constant(like);
        const test = this.strict([e.arg, e.pattern], ([a, p]) => `${f}(${a}, ${p}, ${e.caseInsensitive})`);
        if (!e.negated) return test;
        const t = this.temp();
        return `((${t} = ${test}) === null ? null : !${t})`;
      }
      case 'aggregate-call':
      case 'grouping':
      case 'window-call':
        throw new SqlError(SqlState.internalError, `internal error: ${e.kind} left in a plan`);
    }
  }
}

function build<F>(body: (g: Generator) => string, session: SessionContext): CompiledExpr<F> {
  const g = new Generator();
  const expr = body(g);
  const source = `return (row) => { ${g.declarations()} return ${expr}; };`;
  const fn = new Function('c', 's', source)(g.consts, session) as F;
  return { fn, source };
}

/** One expression as a function of a row. */
export function compileExpr(e: BoundExpr, session: SessionContext): CompiledExpr<RowFn> {
  return build((g) => g.gen(e), session);
}

/** A projection: a function from a row to a new row of the expressions' values. */
export function compileProjection(exprs: readonly BoundExpr[], session: SessionContext): CompiledExpr<(row: readonly unknown[]) => unknown[]> {
  return build((g) => `[${exprs.map((e) => g.gen(e)).join(', ')}]`, session);
}

/** A predicate: true only when the condition is TRUE (not FALSE, not NULL), as WHERE keeps rows. */
export function compilePredicate(e: BoundExpr, session: SessionContext): CompiledExpr<(row: readonly unknown[]) => boolean> {
  return build((g) => `${g.gen(e)} === true`, session);
}
