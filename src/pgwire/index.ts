/**
 * The PostgreSQL wire protocol (v3) server. The SQL layer plugs in through `SqlSessionFactory`
 * and `SqlSession` (session.ts); everything else here is protocol.
 */
export { PgServer } from './server.ts';
export type { PgServerOptions } from './server.ts';
export type {
  ColumnDescription,
  ExecuteEvent,
  ExecuteOptions,
  Notice,
  SessionParams,
  SqlSession,
  SqlSessionFactory,
  StatementDescription,
  TextRow,
  TextValue,
  TransactionStatus,
} from './session.ts';
export { BackendError, ProtocolViolation, queryCanceled, toBackendError } from './backend-error.ts';
export type { BackendErrorOptions, ErrorSeverity, NoticeSeverity } from './backend-error.ts';
export { SqlState } from '../errors/index.ts';
export { TYPE_OID, typeName, typeSize } from './types.ts';
export type { TypeName } from './types.ts';
export { commandTag } from './protocol/backend/command-tag.ts';
