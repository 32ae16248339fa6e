/**
 * PostgreSQL fragments inside Weir statements, parsed by PostgreSQL's parser. Each fragment
 * is wrapped into the smallest statement that contains it (`SELECT ` + expression,
 * `CREATE TABLE _ (` + column + `)`), parsed, and the wanted subtree taken out; locations
 * come back as offsets into the whole script (pg.ts), so an error in a watermark expression
 * points into the user's CREATE TABLE.
 */
import type { ColumnDefinition } from './ast/column-definition.ts';
import type { PgNode, PgTypeName } from './ast/pg-node.ts';
import type { EmbeddedQuery } from './ast/query.ts';
import type { Span } from './ast/span.ts';
import { ParseError, syntaxErrorAt } from './errors.ts';
import { parsePgOne } from './pg.ts';
import { isIdentChar, skipQuoted } from './scan.ts';
import { rewriteExtensions } from './pg-extensions.ts';
import { SqlState } from '../../errors/index.ts';

/** A scalar expression, e.g. the `ts - INTERVAL '5' SECOND` of a watermark. */
export function parseExpression(script: string, span: Span): PgNode {
  const stmt = parseWrapped(script, span, 'SELECT ', '');
  const select = 'SelectStmt' in stmt ? stmt.SelectStmt : undefined;
  const target = select?.targetList;
  const first = target?.[0];
  if (target === undefined || target.length !== 1 || first === undefined || !('ResTarget' in first)) {
    throw syntaxErrorAt(script, span.start);
  }
  const res = first.ResTarget;
  if (res.name !== undefined || res.val === undefined) throw syntaxErrorAt(script, span.start);
  return res.val;
}

/** A query: the body of a view or sink, with Weir's extensions of PostgreSQL's syntax (pg-extensions.ts). */
export function parseQuery(script: string, span: Span): EmbeddedQuery {
  const { body, restore } = rewriteExtensions(script.slice(span.start, span.end));
  const tree = parsePgOne({ script, start: span.start, body });
  restore(tree, span.start);
  if (!('SelectStmt' in tree)) throw syntaxErrorAt(script, span.start);
  return Object.freeze({ tree, span });
}

/** One element of a CREATE TABLE's parentheses that Weir's grammar does not own. */
export type TableElementFragment =
  | { readonly type: 'column'; readonly column: ColumnDefinition }
  | { readonly type: 'constraint'; readonly constraint: PgNode };

/** A column definition (`price numeric(10,2) NOT NULL`) or a table constraint (`UNIQUE (a)`). */
export function parseTableElement(script: string, span: Span): TableElementFragment {
  const stmt = parseWrapped(script, span, 'CREATE TABLE _ (', ')');
  const elts = 'CreateStmt' in stmt ? stmt.CreateStmt.tableElts : undefined;
  const element = elts?.[0];
  if (elts === undefined || elts.length !== 1 || element === undefined) throw syntaxErrorAt(script, span.start);
  if ('ColumnDef' in element) {
    const def = element.ColumnDef;
    const nameStart = def.location ?? span.start;
    const typeName = def.typeName;
    if (typeName === undefined || def.colname === undefined) throw syntaxErrorAt(script, span.start);
    const typeStart = typeName.location ?? span.start;
    const column: ColumnDefinition = {
      name: Object.freeze({ name: def.colname, span: { start: nameStart, end: tokenEnd(script, nameStart) } }),
      type: mapTypeAlias(typeName),
      typeText: script.slice(typeStart, typeEnd(script, typeStart, def.constraints, span.end)).trimEnd(),
      constraints: Object.freeze(def.constraints ?? []),
      span,
    };
    return Object.freeze({ type: 'column', column: Object.freeze(column) });
  }
  if ('Constraint' in element) return Object.freeze({ type: 'constraint', constraint: element });
  throw new ParseError(`${Object.keys(element)[0] === 'TableLikeClause' ? 'LIKE' : 'this element'} in CREATE TABLE is not supported`, {
    sqlstate: SqlState.featureNotSupported,
    position: span.start + 1,
    hint: 'List the columns explicitly.',
  });
}

/** The parenthesised element list of CREATE INDEX: `IndexElem` nodes. */
export function parseIndexElements(script: string, span: Span): PgNode[] {
  const stmt = parseWrapped(script, span, 'CREATE INDEX _ ON _ ', '');
  const params = 'IndexStmt' in stmt ? stmt.IndexStmt.indexParams : undefined;
  if (params === undefined) throw syntaxErrorAt(script, span.start);
  return params;
}

/**
 * RisingWave's type names that PostgreSQL lacks, mapped to what they mean: `string` is
 * `text` and `double` is `double precision` (`pg_catalog.float8`). Other names are returned
 * as they are. The binder should apply the same rule to casts (`'1'::string`).
 */
export function mapTypeAlias(typeName: PgTypeName): PgTypeName {
  const names = typeName.names;
  const only = names?.length === 1 ? names[0] : undefined;
  const name = only !== undefined && 'String' in only ? only.String.sval : undefined;
  if (name === 'string') return { ...typeName, names: [{ String: { sval: 'text' } }] };
  if (name === 'double') return { ...typeName, names: [{ String: { sval: 'pg_catalog' } }, { String: { sval: 'float8' } }] };
  return typeName;
}

function parseWrapped(script: string, span: Span, prefix: string, suffix: string): PgNode {
  return parsePgOne({ script, start: span.start, body: script.slice(span.start, span.end), prefix, suffix });
}

/** End of the identifier or quoted identifier starting at `i`. */
function tokenEnd(script: string, i: number): number {
  const quoted = skipQuoted(script, i);
  if (quoted >= 0) return quoted;
  let j = i;
  while (j < script.length && isIdentChar(script.charCodeAt(j))) j++;
  return j;
}

/** The type's text runs up to the first constraint, or to the end of the column. */
function typeEnd(script: string, typeStart: number, constraints: readonly PgNode[] | undefined, end: number): number {
  let stop = end;
  for (const c of constraints ?? []) {
    const loc = 'Constraint' in c ? c.Constraint.location : undefined;
    if (loc !== undefined && loc > typeStart && loc < stop) stop = loc;
  }
  return stop;
}
