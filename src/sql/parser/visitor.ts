import type { Statement, StatementKind } from './ast/statement.ts';

/**
 * One method per statement kind: a visitor missing a kind does not compile, so adding a
 * statement breaks the build wherever it is not handled yet.
 *
 * @example
 * const describeKind: StatementVisitor<string> = { create_table: () => 'table', ... };
 * visitStatement(stmt, describeKind);
 */
export type StatementVisitor<R> = {
  readonly [K in StatementKind]: (statement: Extract<Statement, { kind: K }>) => R;
};

export function visitStatement<R>(statement: Statement, visitor: StatementVisitor<R>): R {
  // The mapped type guarantees the method matches the statement's kind.
  const method = visitor[statement.kind] as (s: Statement) => R;
  return method(statement);
}
