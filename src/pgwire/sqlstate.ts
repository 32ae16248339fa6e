/**
 * The SQLSTATE codes the wire protocol layer raises itself. The SQL layer brings its own codes
 * on its errors (see `toBackendError`); these are only the ones pgwire needs by name.
 *
 * @see https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
export const SQLSTATE = {
  successfulCompletion: '00000',
  warning: '01000',
  connectionException: '08000',
  protocolViolation: '08P01',
  connectionFailure: '08006',
  featureNotSupported: '0A000',
  invalidParameterValue: '22023',
  invalidTextRepresentation: '22P02',
  invalidBinaryRepresentation: '22P03',
  activeSqlTransaction: '25001',
  invalidSqlStatementName: '26000',
  invalidAuthorizationSpecification: '28000',
  invalidPassword: '28P01',
  invalidCursorName: '34000',
  syntaxError: '42601',
  duplicateCursor: '42P03',
  duplicatePreparedStatement: '42P05',
  tooManyConnections: '53300',
  queryCanceled: '57014',
  adminShutdown: '57P01',
  internalError: 'XX000',
} as const;

export type SqlState = string;
