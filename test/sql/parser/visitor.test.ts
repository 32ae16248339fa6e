import { expect, it } from 'vitest';
import { parse, visitStatement, type StatementVisitor } from '../../../src/sql/parser/index.ts';

// A visitor must name every kind: removing a line below fails `tsc`.
const label: StatementVisitor<string> = {
  create_table: (s) => `table ${s.name.parts.join('.')}`,
  create_source: (s) => `source ${s.name.parts.join('.')}`,
  create_view: (s) => `view ${s.name.parts.join('.')}`,
  create_materialized_view: (s) => `mv ${s.name.parts.join('.')}`,
  create_sink: (s) => `sink ${s.name.parts.join('.')}`,
  create_index: (s) => `index ${s.name?.parts.join('.') ?? ''}`,
  drop: (s) => `drop ${s.objectType}`,
  show: (s) => `show ${s.target.type}`,
  set: (s) => `set ${s.name}`,
  reset: (s) => `reset ${s.name ?? 'all'}`,
  flush: () => 'flush',
  explain: (s) => `explain ${visitStatement(s.statement, label)}`,
  describe: (s) => `describe ${s.name.parts.join('.')}`,
  subscribe: (s) => `subscribe ${s.transport.kind} ${s.target.name?.parts.join('.') ?? 'query'}`,
  pg: (s) => `pg ${s.type}`,
};

it('visits every statement kind, and nodes are immutable', () => {
  const stmts = parse(`
    create table t (a int); create source s with (connector = 'datagen'); create view v as select 1;
    create materialized view m as select 1; create sink k from m with (connector = 'print');
    create index i on t (a); drop table t; show tables; set x = 1; reset x; flush;
    explain select 1; describe t; subscribe to mv with (snapshot = false); copy (subscribe (select 1)) to stdout;
    declare c cursor for subscribe mv; declare d cursor for select 1; select 1`);
  expect(stmts.map((s) => visitStatement(s, label))).toEqual([
    'table t', 'source s', 'view v', 'mv m', 'sink k', 'index i', 'drop table', 'show objects',
    'set x', 'reset x', 'flush', 'explain pg SelectStmt', 'describe t', 'subscribe rows mv', 'subscribe copy query',
    'subscribe cursor mv', 'pg DeclareCursorStmt', 'pg SelectStmt',
  ]);
  for (const s of stmts) expect(Object.isFrozen(s)).toBe(true);
  expect(() => {
    (stmts[0] as { kind: string }).kind = 'x';
  }).toThrow(TypeError);
});
