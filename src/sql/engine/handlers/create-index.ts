/**
 * CREATE [UNIQUE] INDEX: recorded in the catalog, and built in the table's store, which keeps
 * it up to date with every change (and builds it again when Weir restarts). A query that
 * filters the table on `col = constant` for the indexed columns reads only the matching rows.
 * A unique index is refused over rows that already share a key (23505, as PostgreSQL's
 * `could not create unique index`), and from then on every write must keep its keys apart.
 */
import { TableConstraintError } from '../../../connectors/table/table-store.ts';
import type { CreateIndexStatement } from '../../parser/index.ts';
import { SqlError } from '../../types/index.ts';
import { chooseName, columnsPart, relationNameTaken } from '../constraint-names.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { keyViolation } from './insert.ts';
import { relationOrError } from '../names.ts';
import { notSupported, SqlState, undefinedColumn, syntaxError } from '../../../errors/index.ts';

type Obj = Record<string, unknown>;

export function createIndex(s: CreateIndexStatement, h: HandlerContext): StatementResult {
  // An index lives in its table's schema: its own name takes no schema.
  if (s.name !== null && s.name.parts.length > 1) throw syntaxError('syntax error at or near "."');
  const target = relationOrError(h.engine, h.session, s.table.parts);
  const table = target.name;
  if (target.kind !== 'table' && target.kind !== 'materialized view') throw new SqlError(SqlState.wrongObjectType, `"${table}" is not a table or materialized view`);
  if (s.unique && target.kind === 'materialized view') {
    throw notSupported('unique indexes on materialized views', 'A view\'s result follows its query; declare the uniqueness on the tables it reads.');
  }
  if (s.unique && target.kind === 'table' && target.options.connector !== undefined) {
    throw notSupported('unique indexes on a table fed by a connector', 'Its rows come from the connector, which a unique index could not refuse.');
  }
  const elems = s.elements.map((e) => ((e as unknown as Record<string, Obj>).IndexElem ?? {}) as Obj);
  const columns = elems.map((elem) => {
    if (typeof elem.name !== 'string') throw notSupported('indexes on expressions');
    if (!target.columns.some((c) => c.name === elem.name)) throw undefinedColumn(elem.name);
    return elem.name;
  });
  const order = elems.map((elem) => ({
    desc: elem.ordering === 'SORTBY_DESC',
    nullsFirst: elem.nulls_ordering === 'SORTBY_NULLS_FIRST' ? true : elem.nulls_ordering === 'SORTBY_NULLS_LAST' ? false : null,
  }));
  // PostgreSQL's name for an unnamed index: t_a_b_idx (then t_a_b_idx1, ...).
  const name = s.name === null
    ? chooseName(table, columnsPart(columns), 'idx', (n) => relationNameTaken(h.engine.catalog, target.schema, n))
    : (s.name.parts[s.name.parts.length - 1] as string);
  if (relationNameTaken(h.engine.catalog, target.schema, name)) {
    const message = `relation "${name}" already exists`;
    if (s.ifNotExists) return { command: 'CREATE INDEX', notices: [{ severity: 'NOTICE', code: SqlState.duplicateTable, message: `${message}, skipping` }] };
    throw new SqlError(SqlState.duplicateTable, message);
  }
  const store = h.engine.store(target);
  const positions = columns.map((c) => target.columns.findIndex((x) => x.name === c));
  try {
    store.addIndex(name, positions, s.unique ? { nullsNotDistinct: s.nullsNotDistinct } : null);
  } catch (e) {
    if (e instanceof TableConstraintError) throw keyViolation(e, target.schema);
    throw e;
  }
  try {
    h.engine.catalog.create({
      kind: 'index', schema: target.schema, name, table, columns, dependsOn: [target.oid], createSql: h.text.slice(s.span.start, s.span.end),
      ...(s.unique && { unique: true, ...(s.nullsNotDistinct && { nullsNotDistinct: true }) }),
      ...(order.some((o) => o.desc || o.nullsFirst !== null) && { order }),
    });
  } catch (e) {
    store.removeIndex(name);
    throw e;
  }
  return { command: 'CREATE INDEX' };
}
