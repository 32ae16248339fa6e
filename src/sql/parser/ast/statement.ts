import type { CreateIndexStatement } from './create-index.ts';
import type { CreateMaterializedViewStatement } from './create-materialized-view.ts';
import type { CreateSinkStatement } from './create-sink.ts';
import type { CreateSourceStatement } from './create-source.ts';
import type { CreateTableStatement } from './create-table.ts';
import type { CreateViewStatement } from './create-view.ts';
import type { DescribeStatement } from './describe.ts';
import type { DropStatement } from './drop.ts';
import type { ExplainStatement } from './explain.ts';
import type { FlushStatement } from './flush.ts';
import type { PgStatement } from './pg-statement.ts';
import type { ResetStatement } from './reset.ts';
import type { SetStatement } from './set.ts';
import type { ShowStatement } from './show.ts';
import type { SubscribeStatement } from './subscribe.ts';

/** Every statement `parse` returns, told apart by `kind`. */
export type Statement =
  | CreateTableStatement
  | CreateSourceStatement
  | CreateViewStatement
  | CreateMaterializedViewStatement
  | CreateSinkStatement
  | CreateIndexStatement
  | DropStatement
  | ShowStatement
  | SetStatement
  | ResetStatement
  | FlushStatement
  | ExplainStatement
  | DescribeStatement
  | SubscribeStatement
  | PgStatement;

export type StatementKind = Statement['kind'];
