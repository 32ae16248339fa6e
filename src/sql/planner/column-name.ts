/** The names PostgreSQL gives select-list items written without AS. */
import type { PgNode } from '../parser/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);
const sval = (v: unknown): string => String(obj(obj(v).String).sval ?? '');

/** PostgreSQL's internal type names, which it uses as column names of casts (`SELECT 1::int` → int4). */
const TYPNAME: Record<string, string> = {
  boolean: 'bool', smallint: 'int2', integer: 'int4', bigint: 'int8', real: 'float4', double: 'float8', numeric: 'numeric',
  varchar: 'varchar', text: 'text', timestamp: 'timestamp', timestamptz: 'timestamptz', date: 'date', time: 'time',
  interval: 'interval', jsonb: 'jsonb', unknown: 'text',
};

/** PostgreSQL's FigureColname: the name a select-list item gets without AS. */
export function columnName(node: PgNode): string {
  return figure(node)?.name ?? '?column?';
}

/**
 * PostgreSQL's FigureColnameInternal: a name and its strength. A column, a function call or a
 * construct with a keyword name is strong (2); a cast's type name and CASE are weak (1), so a
 * cast names an item only when its operand has no strong name (`a::int` is a, `1::int` int4) and
 * CASE yields to its ELSE branch's strong name (`CASE ... ELSE a END` is a).
 */
function figure(node: PgNode | undefined): { readonly name: string; readonly strength: 1 | 2 } | null {
  if (node === undefined || node === null) return null;
  const [kind, n] = Object.entries(node as Obj)[0] as [string, Obj];
  const strong = (name: string) => ({ name, strength: 2 as const });
  switch (kind) {
    case 'ColumnRef': {
      const fields = list(n.fields);
      const last = fields[fields.length - 1] as Obj;
      return 'A_Star' in last ? null : strong(sval(last));
    }
    case 'A_Indirection': {
      // The last field name of the indirection (`(r).f[1]` is f), else the operand's name.
      const names = list(n.indirection).filter((i) => 'String' in (i as Obj));
      return names.length > 0 ? strong(sval(names[names.length - 1])) : figure(n.arg as PgNode);
    }
    case 'FuncCall': {
      const names = list(n.funcname).map(sval);
      return strong(names[names.length - 1] as string);
    }
    case 'A_Expr':
      return n.kind === 'AEXPR_NULLIF' ? strong('nullif') : null;
    case 'TypeCast': {
      const inner = figure(n.arg as PgNode);
      if (inner !== null && inner.strength === 2) return inner;
      const names = list(obj(n.typeName).names).map(sval);
      const last = names[names.length - 1] as string;
      return { name: TYPNAME[last] ?? last, strength: 1 };
    }
    case 'CollateClause':
      return figure(n.arg as PgNode);
    case 'GroupingFunc':
      return strong('grouping');
    case 'CaseExpr': {
      const inner = figure(n.defresult as PgNode | undefined);
      return inner !== null && inner.strength === 2 ? inner : { name: 'case', strength: 1 };
    }
    case 'CoalesceExpr':
      return strong('coalesce');
    case 'MinMaxExpr':
      return strong(n.op === 'IS_GREATEST' ? 'greatest' : 'least');
    case 'SQLValueFunction':
      return strong(String(n.op).replace(/^SVFOP_/, '').replace(/_N$/, '').toLowerCase());
    case 'A_ArrayExpr':
      return strong('array');
    case 'RowExpr':
      return strong('row');
    case 'SubLink': {
      // A scalar subquery is named after its one column, as in PostgreSQL (strongly, even when
      // that column is ?column?).
      if (n.subLinkType === 'EXISTS_SUBLINK') return strong('exists');
      if (n.subLinkType === 'ARRAY_SUBLINK') return strong('array');
      if (n.subLinkType !== 'EXPR_SUBLINK') return null;
      const first = obj(list(obj(obj(n.subselect).SelectStmt).targetList)[0]).ResTarget as Obj | undefined;
      if (first === undefined) return null;
      return strong(first.name !== undefined ? String(first.name) : columnName(first.val as PgNode));
    }
    default:
      return null;
  }
}
