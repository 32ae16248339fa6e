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
  const [kind, n] = Object.entries(node as Obj)[0] as [string, Obj];
  switch (kind) {
    case 'ColumnRef': {
      const fields = list(n.fields);
      const last = fields[fields.length - 1] as Obj;
      return 'A_Star' in last ? '?column?' : sval(last);
    }
    case 'FuncCall': {
      const names = list(n.funcname).map(sval);
      return names[names.length - 1] as string;
    }
    case 'TypeCast': {
      const inner = columnName(n.arg as PgNode);
      if (inner !== '?column?') return inner;
      const names = list(obj(n.typeName).names).map(sval);
      const last = names[names.length - 1] as string;
      return TYPNAME[last] ?? last;
    }
    case 'CaseExpr':
      return 'case';
    case 'CoalesceExpr':
      return 'coalesce';
    case 'MinMaxExpr':
      return n.op === 'IS_GREATEST' ? 'greatest' : 'least';
    case 'SQLValueFunction':
      return String(n.op).replace(/^SVFOP_/, '').replace(/_N$/, '').toLowerCase();
    case 'A_ArrayExpr':
      return 'array';
    case 'SubLink': {
      // A scalar subquery is named after its one column, as in PostgreSQL.
      if (n.subLinkType === 'EXISTS_SUBLINK') return 'exists';
      if (n.subLinkType === 'ARRAY_SUBLINK') return 'array';
      if (n.subLinkType !== 'EXPR_SUBLINK') return '?column?';
      const first = obj(list(obj(obj(n.subselect).SelectStmt).targetList)[0]).ResTarget as Obj | undefined;
      if (first === undefined) return '?column?';
      return first.name !== undefined ? String(first.name) : columnName(first.val as PgNode);
    }
    default:
      return '?column?';
  }
}
