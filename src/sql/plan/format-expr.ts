/**
 * Bound expressions as SQL-like text, for EXPLAIN and golden plans: columns by the names of
 * the input they read (qualified by their relation where it has one), constants as SQL
 * literals, operators infix. Deterministic, so plans can be compared as text.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import { formatType, formatterFor } from '../types/index.ts';

/** The name a column of `input` is printed as. */
export function columnLabel(input: readonly ScopeColumn[], index: number): string {
  const c = input[index];
  if (c === undefined) return `$${index}`;
  return c.relation === null || c.relation.startsWith('$') ? c.name : `${c.relation}.${c.name}`;
}

function literal(value: unknown, e: Extract<BoundExpr, { kind: 'literal' }>): string {
  if (value === null || value === undefined) return 'NULL';
  const k = e.type.kind;
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (k === 'boolean' || k === 'smallint' || k === 'integer' || k === 'bigint' || k === 'numeric' || k === 'real' || k === 'double' || k === 'unknown') return String(value);
  let text: string;
  try {
    text = formatterFor(e.type)(value as never);
  } catch {
    text = String(value);
  }
  return `'${text.replaceAll("'", "''")}'::${formatType(e.type)}`;
}

export function formatExpr(e: BoundExpr, input: readonly ScopeColumn[]): string {
  const f = (x: BoundExpr): string => formatExpr(x, input);
  switch (e.kind) {
    case 'column':
      return columnLabel(input, e.index);
    case 'outer':
      return `outer${e.depth > 1 ? e.depth : ''}.${e.name}`;
    case 'literal':
      return literal(e.value, e);
    case 'operator':
      return e.args.length === 1 ? `(${e.op}${f(e.args[0]!)})` : `(${e.args.map(f).join(` ${e.op} `)})`;
    case 'compare':
      return `(${f(e.left)} ${e.op} ${f(e.right)})`;
    case 'cast':
      return `${f(e.arg)}::${formatType(e.type)}`;
    case 'function':
      return `${e.name}(${e.args.map(f).join(', ')})`;
    case 'and':
    case 'or':
      return `(${e.args.map(f).join(e.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT ${f(e.arg)})`;
    case 'is-null':
      return `(${f(e.arg)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'is-bool':
      return `(${f(e.arg)} IS ${e.negated ? 'NOT ' : ''}${e.value === null ? 'UNKNOWN' : e.value ? 'TRUE' : 'FALSE'})`;
    case 'is-distinct':
      return `(${f(e.left)} IS ${e.negated ? 'NOT ' : ''}DISTINCT FROM ${f(e.right)})`;
    case 'case':
      return `CASE ${e.whens.map(([c, v]) => `WHEN ${f(c)} THEN ${f(v)}`).join(' ')} ELSE ${f(e.otherwise)} END`;
    case 'coalesce':
      return `COALESCE(${e.args.map(f).join(', ')})`;
    case 'nullif':
      return `NULLIF(${f(e.left)}, ${f(e.right)})`;
    case 'in-list':
      return `(${f(e.arg)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map(f).join(', ')}))`;
    case 'like':
      return `(${f(e.arg)} ${e.negated ? 'NOT ' : ''}${e.caseInsensitive ? 'ILIKE' : 'LIKE'} ${f(e.pattern)})`;
    case 'aggregate-call':
      return `${e.name}(${e.distinct ? 'DISTINCT ' : ''}${f(e.arg)})`;
    case 'grouping':
      return `GROUPING(${e.args.map(f).join(', ')})`;
    case 'window-call':
      return `${e.call.name}() OVER (...)`;
  }
}

/** A list of expressions, each with `AS name` where its text is not already the name. */
export function formatOutputs(exprs: readonly BoundExpr[], input: readonly ScopeColumn[], output: readonly ScopeColumn[]): string {
  return exprs
    .map((e, i) => {
      const text = formatExpr(e, input);
      const name = output[i]?.name;
      return name === undefined || text === name || text.endsWith(`.${name}`) ? text : `${text} AS ${name}`;
    })
    .join(', ');
}
