/**
 * Makes the AST nodes for the grammar's actions (grammar/weir.peggy calls these through the
 * `builder` option), so node construction is type-checked TypeScript rather than untyped
 * grammar actions. Nodes are frozen: the AST is immutable.
 */
import type { ColumnDefinition, PrimaryKey, WatermarkDefinition } from './ast/column-definition.ts';
import type { CreateIndexStatement } from './ast/create-index.ts';
import type { CreateMaterializedViewStatement } from './ast/create-materialized-view.ts';
import type { CreateSinkStatement } from './ast/create-sink.ts';
import type { CreateSourceStatement } from './ast/create-source.ts';
import type { CreateTableStatement } from './ast/create-table.ts';
import type { CreateViewStatement } from './ast/create-view.ts';
import type { DescribeStatement } from './ast/describe.ts';
import type { DropObjectType, DropStatement } from './ast/drop.ts';
import type { ExplainOption, ExplainStatement } from './ast/explain.ts';
import type { FlushStatement } from './ast/flush.ts';
import type { Identifier, ObjectName } from './ast/object-name.ts';
import type { PgNode } from './ast/pg-node.ts';
import type { ResetStatement } from './ast/reset.ts';
import type { SetStatement, SetValue } from './ast/set.ts';
import type { ShowStatement, ShowTarget } from './ast/show.ts';
import type { Span } from './ast/span.ts';
import type { Statement } from './ast/statement.ts';
import type { SubscribeStatement } from './ast/subscribe.ts';
import type { FormatClause, OptionValue, WithOption } from './ast/with-option.ts';
import { ParseError } from './errors.ts';
import { parseExpression, parseIndexElements, parseQuery, parseTableElement } from './fragments.ts';
import { SqlState } from '../../errors/index.ts';

/** What the grammar produces for one entry of a table's parentheses. */
export type TableElement =
  | { readonly type: 'column'; readonly column: ColumnDefinition }
  | { readonly type: 'constraint'; readonly constraint: PgNode }
  | { readonly type: 'watermark'; readonly watermark: WatermarkDefinition }
  | { readonly type: 'primary_key'; readonly primaryKey: PrimaryKey };

interface TableProps {
  name: ObjectName;
  ifNotExists: boolean;
  elements: TableElement[];
  with: WithOption[];
  format: FormatClause | null;
}

/**
 * @param script the whole submitted text (fragments are sliced from it by span)
 * @param parseStatementAt parses `script[start, end)` as one statement (for EXPLAIN)
 */
export function createBuilder(script: string, parseStatementAt: (start: number, end: number) => Statement) {
  return {
    objectName: (span: Span, parts: string[]): ObjectName => Object.freeze({ parts: Object.freeze(parts), span }),
    identifier: (span: Span, name: string): Identifier => Object.freeze({ name, span }),
    option: (span: Span, key: string, value: OptionValue): WithOption => Object.freeze({ key, value, span }),
    format: (span: Span, format: string, encode: string, options: WithOption[]): FormatClause =>
      Object.freeze({ format, encode, options: Object.freeze(options), span }),

    element: (raw: Span): TableElement => parseTableElement(script, raw),
    watermark: (span: Span, column: Identifier, expression: Span): TableElement =>
      Object.freeze({
        type: 'watermark',
        watermark: Object.freeze({ column, expression: parseExpression(script, expression), expressionSpan: expression, span }),
      }),
    primaryKey: (span: Span, columns: Identifier[]): TableElement =>
      Object.freeze({ type: 'primary_key', primaryKey: Object.freeze({ columns: Object.freeze(columns), span }) }),

    createTable(span: Span, p: TableProps & { appendOnly: boolean; query: Span | null }): CreateTableStatement {
      return Object.freeze({
        kind: 'create_table',
        ...tableParts(p),
        appendOnly: p.appendOnly,
        with: Object.freeze(p.with),
        format: p.format,
        query: p.query === null ? null : parseQuery(script, p.query),
        span,
      });
    },

    createSource(span: Span, p: TableProps): CreateSourceStatement {
      return Object.freeze({ kind: 'create_source', ...tableParts(p), with: Object.freeze(p.with), format: p.format, span });
    },

    createMaterializedView(
      span: Span,
      p: { name: ObjectName; ifNotExists: boolean; columns: Identifier[] | null; with: WithOption[]; query: Span; emitOnWindowClose: boolean },
    ): CreateMaterializedViewStatement {
      return Object.freeze({
        kind: 'create_materialized_view',
        name: p.name,
        ifNotExists: p.ifNotExists,
        columns: freezeOrNull(p.columns),
        with: Object.freeze(p.with),
        query: parseQuery(script, p.query),
        emitOnWindowClose: p.emitOnWindowClose,
        span,
      });
    },

    createView(
      span: Span,
      p: { name: ObjectName; ifNotExists: boolean; orReplace: boolean; columns: Identifier[] | null; query: Span },
    ): CreateViewStatement {
      return Object.freeze({
        kind: 'create_view',
        name: p.name,
        ifNotExists: p.ifNotExists,
        orReplace: p.orReplace,
        columns: freezeOrNull(p.columns),
        query: parseQuery(script, p.query),
        span,
      });
    },

    createSink(
      span: Span,
      p: { name: ObjectName; ifNotExists: boolean; from: ObjectName | null; query: Span | null; with: WithOption[]; format: FormatClause | null },
    ): CreateSinkStatement {
      return Object.freeze({
        kind: 'create_sink',
        name: p.name,
        ifNotExists: p.ifNotExists,
        from: p.from,
        query: p.query === null ? null : parseQuery(script, p.query),
        with: Object.freeze(p.with),
        format: p.format,
        span,
      });
    },

    createIndex(
      span: Span,
      p: {
        name: ObjectName | null;
        ifNotExists: boolean;
        unique: boolean;
        table: ObjectName;
        using: string | null;
        elements: Span;
        include: Identifier[];
        nullsNotDistinct: boolean;
        distributedBy: Identifier[];
        with: WithOption[];
      },
    ): CreateIndexStatement {
      return Object.freeze({
        kind: 'create_index',
        name: p.name,
        ifNotExists: p.ifNotExists,
        unique: p.unique,
        table: p.table,
        using: p.using,
        elements: Object.freeze(parseIndexElements(script, p.elements)),
        include: Object.freeze(p.include),
        nullsNotDistinct: p.nullsNotDistinct,
        distributedBy: Object.freeze(p.distributedBy),
        with: Object.freeze(p.with),
        span,
      });
    },

    drop: (span: Span, p: { objectType: DropObjectType; ifExists: boolean; names: ObjectName[]; cascade: boolean }): DropStatement =>
      Object.freeze({ kind: 'drop', objectType: p.objectType, ifExists: p.ifExists, names: Object.freeze(p.names), cascade: p.cascade, span }),
    show: (span: Span, target: ShowTarget): ShowStatement => Object.freeze({ kind: 'show', target: Object.freeze(target), span }),
    set: (span: Span, p: { name: string; values: SetValue[] | null }): SetStatement =>
      Object.freeze({ kind: 'set', name: p.name, values: freezeOrNull(p.values), span }),
    reset: (span: Span, name: string | null): ResetStatement => Object.freeze({ kind: 'reset', name, span }),
    flush: (span: Span): FlushStatement => Object.freeze({ kind: 'flush', span }),
    subscribe: (
      span: Span,
      body: { name: ObjectName | null; query: Span | null; with: WithOption[] },
      transport: SubscribeStatement['transport'],
    ): SubscribeStatement =>
      Object.freeze({
        kind: 'subscribe',
        target: body.query === null ? { name: body.name!, query: null } : { name: null, query: parseQuery(script, body.query) },
        with: Object.freeze(body.with),
        transport: Object.freeze(transport),
        span,
      }),
    describe: (span: Span, name: ObjectName): DescribeStatement => Object.freeze({ kind: 'describe', name, span }),
    explain: (span: Span, options: ExplainOption[], body: Span): ExplainStatement =>
      Object.freeze({
        kind: 'explain',
        options: Object.freeze(options.map((o) => Object.freeze(o))),
        statement: parseStatementAt(body.start, body.end),
        span,
      }),
  };
}

export type Builder = ReturnType<typeof createBuilder>;

function freezeOrNull<T>(items: T[] | null): readonly T[] | null {
  return items === null ? null : Object.freeze(items);
}

/** Sorts a table's elements into columns, keys, constraints and watermarks. */
function tableParts(p: TableProps) {
  const columns: ColumnDefinition[] = [];
  const constraints: PgNode[] = [];
  const watermarks: WatermarkDefinition[] = [];
  const keys: PrimaryKey[] = [];
  for (const e of p.elements) {
    switch (e.type) {
      case 'column': {
        columns.push(e.column);
        const pk = e.column.constraints.some((c) => 'Constraint' in c && c.Constraint.contype === 'CONSTR_PRIMARY');
        if (pk) keys.push(Object.freeze({ columns: Object.freeze([e.column.name]), span: e.column.span }));
        break;
      }
      case 'constraint':
        constraints.push(e.constraint);
        break;
      case 'watermark':
        watermarks.push(e.watermark);
        break;
      case 'primary_key':
        keys.push(e.primaryKey);
        break;
    }
  }
  const second = keys[1];
  if (second !== undefined) {
    // PostgreSQL reports this in parse analysis with the same SQLSTATE.
    throw new ParseError(`multiple primary keys for table "${p.name.parts.join('.')}" are not allowed`, {
      sqlstate: SqlState.invalidTableDefinition,
      position: second.span.start + 1,
    });
  }
  return {
    name: p.name,
    ifNotExists: p.ifNotExists,
    columns: Object.freeze(columns),
    primaryKey: keys[0] ?? null,
    constraints: Object.freeze(constraints),
    watermarks: Object.freeze(watermarks),
  };
}
