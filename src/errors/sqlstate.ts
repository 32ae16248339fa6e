/**
 * The one table of SQLSTATEs: every code Weir sends, and the rest of PostgreSQL 15's, named
 * after their condition names in PostgreSQL's `src/backend/utils/errcodes.txt` (camelCased:
 * `syntax_error` → `syntaxError`), so `SqlState.undefinedColumn` reads as PostgreSQL's source
 * does. A code appears nowhere else in `src/` as a literal (test/architecture.test.ts checks).
 *
 * errcodes.txt names five conditions twice; the code in the less common class is prefixed
 * with it: 01004 `warningStringDataRightTruncation` (22001 is `stringDataRightTruncation`),
 * 38002–38004 `externalRoutine…`, 39004 `externalRoutineInvocationNullValueNotAllowed`.
 * Where errcodes.txt has a second macro for one code (ERRCODE_UNDEFINED_SCHEMA for 3F000
 * invalid_schema_name), the table keeps the condition name; the named constructors in
 * `constructors.ts` read like the macro (`undefinedSchema(name)`).
 *
 * @see https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
export const SqlState = {
  // Class 00 - Successful Completion
  successfulCompletion: '00000',
  // Class 01 - Warning
  warning: '01000',
  dynamicResultSetsReturned: '0100C',
  implicitZeroBitPadding: '01008',
  nullValueEliminatedInSetFunction: '01003',
  privilegeNotGranted: '01007',
  privilegeNotRevoked: '01006',
  warningStringDataRightTruncation: '01004',
  deprecatedFeature: '01P01',
  // Class 02 - No Data (this is also a warning class per the SQL standard)
  noData: '02000',
  noAdditionalDynamicResultSetsReturned: '02001',
  // Class 03 - SQL Statement Not Yet Complete
  sqlStatementNotYetComplete: '03000',
  // Class 08 - Connection Exception
  connectionException: '08000',
  connectionDoesNotExist: '08003',
  connectionFailure: '08006',
  sqlclientUnableToEstablishSqlconnection: '08001',
  sqlserverRejectedEstablishmentOfSqlconnection: '08004',
  transactionResolutionUnknown: '08007',
  protocolViolation: '08P01',
  // Class 09 - Triggered Action Exception
  triggeredActionException: '09000',
  // Class 0A - Feature Not Supported
  featureNotSupported: '0A000',
  // Class 0B - Invalid Transaction Initiation
  invalidTransactionInitiation: '0B000',
  // Class 0F - Locator Exception
  locatorException: '0F000',
  invalidLocatorSpecification: '0F001',
  // Class 0L - Invalid Grantor
  invalidGrantor: '0L000',
  invalidGrantOperation: '0LP01',
  // Class 0P - Invalid Role Specification
  invalidRoleSpecification: '0P000',
  // Class 0Z - Diagnostics Exception
  diagnosticsException: '0Z000',
  stackedDiagnosticsAccessedWithoutActiveHandler: '0Z002',
  // Class 20 - Case Not Found
  caseNotFound: '20000',
  // Class 21 - Cardinality Violation
  cardinalityViolation: '21000',
  // Class 22 - Data Exception
  dataException: '22000',
  arraySubscriptError: '2202E',
  characterNotInRepertoire: '22021',
  datetimeFieldOverflow: '22008',
  divisionByZero: '22012',
  errorInAssignment: '22005',
  escapeCharacterConflict: '2200B',
  indicatorOverflow: '22022',
  intervalFieldOverflow: '22015',
  invalidArgumentForLogarithm: '2201E',
  invalidArgumentForNtileFunction: '22014',
  invalidArgumentForNthValueFunction: '22016',
  invalidArgumentForPowerFunction: '2201F',
  invalidArgumentForWidthBucketFunction: '2201G',
  invalidCharacterValueForCast: '22018',
  invalidDatetimeFormat: '22007',
  invalidEscapeCharacter: '22019',
  invalidEscapeOctet: '2200D',
  invalidEscapeSequence: '22025',
  nonstandardUseOfEscapeCharacter: '22P06',
  invalidIndicatorParameterValue: '22010',
  invalidParameterValue: '22023',
  invalidPrecedingOrFollowingSize: '22013',
  invalidRegularExpression: '2201B',
  invalidRowCountInLimitClause: '2201W',
  invalidRowCountInResultOffsetClause: '2201X',
  invalidTablesampleArgument: '2202H',
  invalidTablesampleRepeat: '2202G',
  invalidTimeZoneDisplacementValue: '22009',
  invalidUseOfEscapeCharacter: '2200C',
  mostSpecificTypeMismatch: '2200G',
  nullValueNotAllowed: '22004',
  nullValueNoIndicatorParameter: '22002',
  numericValueOutOfRange: '22003',
  sequenceGeneratorLimitExceeded: '2200H',
  stringDataLengthMismatch: '22026',
  stringDataRightTruncation: '22001',
  substringError: '22011',
  trimError: '22027',
  unterminatedCString: '22024',
  zeroLengthCharacterString: '2200F',
  floatingPointException: '22P01',
  invalidTextRepresentation: '22P02',
  invalidBinaryRepresentation: '22P03',
  badCopyFileFormat: '22P04',
  untranslatableCharacter: '22P05',
  notAnXmlDocument: '2200L',
  invalidXmlDocument: '2200M',
  invalidXmlContent: '2200N',
  invalidXmlComment: '2200S',
  invalidXmlProcessingInstruction: '2200T',
  duplicateJsonObjectKeyValue: '22030',
  invalidArgumentForSqlJsonDatetimeFunction: '22031',
  invalidJsonText: '22032',
  invalidSqlJsonSubscript: '22033',
  moreThanOneSqlJsonItem: '22034',
  noSqlJsonItem: '22035',
  nonNumericSqlJsonItem: '22036',
  nonUniqueKeysInAJsonObject: '22037',
  singletonSqlJsonItemRequired: '22038',
  sqlJsonArrayNotFound: '22039',
  sqlJsonMemberNotFound: '2203A',
  sqlJsonNumberNotFound: '2203B',
  sqlJsonObjectNotFound: '2203C',
  tooManyJsonArrayElements: '2203D',
  tooManyJsonObjectMembers: '2203E',
  sqlJsonScalarRequired: '2203F',
  sqlJsonItemCannotBeCastToTargetType: '2203G',
  // Class 23 - Integrity Constraint Violation
  integrityConstraintViolation: '23000',
  restrictViolation: '23001',
  notNullViolation: '23502',
  foreignKeyViolation: '23503',
  uniqueViolation: '23505',
  checkViolation: '23514',
  exclusionViolation: '23P01',
  // Class 24 - Invalid Cursor State
  invalidCursorState: '24000',
  // Class 25 - Invalid Transaction State
  invalidTransactionState: '25000',
  activeSqlTransaction: '25001',
  branchTransactionAlreadyActive: '25002',
  heldCursorRequiresSameIsolationLevel: '25008',
  inappropriateAccessModeForBranchTransaction: '25003',
  inappropriateIsolationLevelForBranchTransaction: '25004',
  noActiveSqlTransactionForBranchTransaction: '25005',
  readOnlySqlTransaction: '25006',
  schemaAndDataStatementMixingNotSupported: '25007',
  noActiveSqlTransaction: '25P01',
  inFailedSqlTransaction: '25P02',
  idleInTransactionSessionTimeout: '25P03',
  // Class 26 - Invalid SQL Statement Name
  invalidSqlStatementName: '26000',
  // Class 27 - Triggered Data Change Violation
  triggeredDataChangeViolation: '27000',
  // Class 28 - Invalid Authorization Specification
  invalidAuthorizationSpecification: '28000',
  invalidPassword: '28P01',
  // Class 2B - Dependent Privilege Descriptors Still Exist
  dependentPrivilegeDescriptorsStillExist: '2B000',
  dependentObjectsStillExist: '2BP01',
  // Class 2D - Invalid Transaction Termination
  invalidTransactionTermination: '2D000',
  // Class 2F - SQL Routine Exception
  sqlRoutineException: '2F000',
  functionExecutedNoReturnStatement: '2F005',
  modifyingSqlDataNotPermitted: '2F002',
  prohibitedSqlStatementAttempted: '2F003',
  readingSqlDataNotPermitted: '2F004',
  // Class 34 - Invalid Cursor Name
  invalidCursorName: '34000',
  // Class 38 - External Routine Exception
  externalRoutineException: '38000',
  containingSqlNotPermitted: '38001',
  externalRoutineModifyingSqlDataNotPermitted: '38002',
  externalRoutineProhibitedSqlStatementAttempted: '38003',
  externalRoutineReadingSqlDataNotPermitted: '38004',
  // Class 39 - External Routine Invocation Exception
  externalRoutineInvocationException: '39000',
  invalidSqlstateReturned: '39001',
  externalRoutineInvocationNullValueNotAllowed: '39004',
  triggerProtocolViolated: '39P01',
  srfProtocolViolated: '39P02',
  eventTriggerProtocolViolated: '39P03',
  // Class 3B - Savepoint Exception
  savepointException: '3B000',
  invalidSavepointSpecification: '3B001',
  // Class 3D - Invalid Catalog Name
  invalidCatalogName: '3D000',
  // Class 3F - Invalid Schema Name
  invalidSchemaName: '3F000',
  // Class 40 - Transaction Rollback
  transactionRollback: '40000',
  transactionIntegrityConstraintViolation: '40002',
  serializationFailure: '40001',
  statementCompletionUnknown: '40003',
  deadlockDetected: '40P01',
  // Class 42 - Syntax Error or Access Rule Violation
  syntaxErrorOrAccessRuleViolation: '42000',
  syntaxError: '42601',
  insufficientPrivilege: '42501',
  cannotCoerce: '42846',
  groupingError: '42803',
  windowingError: '42P20',
  invalidRecursion: '42P19',
  invalidForeignKey: '42830',
  invalidName: '42602',
  nameTooLong: '42622',
  reservedName: '42939',
  datatypeMismatch: '42804',
  indeterminateDatatype: '42P18',
  collationMismatch: '42P21',
  indeterminateCollation: '42P22',
  wrongObjectType: '42809',
  generatedAlways: '428C9',
  undefinedColumn: '42703',
  undefinedFunction: '42883',
  undefinedTable: '42P01',
  undefinedParameter: '42P02',
  undefinedObject: '42704',
  duplicateColumn: '42701',
  duplicateCursor: '42P03',
  duplicateDatabase: '42P04',
  duplicateFunction: '42723',
  duplicatePreparedStatement: '42P05',
  duplicateSchema: '42P06',
  duplicateTable: '42P07',
  duplicateAlias: '42712',
  duplicateObject: '42710',
  ambiguousColumn: '42702',
  ambiguousFunction: '42725',
  ambiguousParameter: '42P08',
  ambiguousAlias: '42P09',
  invalidColumnReference: '42P10',
  invalidColumnDefinition: '42611',
  invalidCursorDefinition: '42P11',
  invalidDatabaseDefinition: '42P12',
  invalidFunctionDefinition: '42P13',
  invalidPreparedStatementDefinition: '42P14',
  invalidSchemaDefinition: '42P15',
  invalidTableDefinition: '42P16',
  invalidObjectDefinition: '42P17',
  // Class 44 - WITH CHECK OPTION Violation
  withCheckOptionViolation: '44000',
  // Class 53 - Insufficient Resources
  insufficientResources: '53000',
  diskFull: '53100',
  outOfMemory: '53200',
  tooManyConnections: '53300',
  configurationLimitExceeded: '53400',
  // Class 54 - Program Limit Exceeded
  programLimitExceeded: '54000',
  statementTooComplex: '54001',
  tooManyColumns: '54011',
  tooManyArguments: '54023',
  // Class 55 - Object Not In Prerequisite State
  objectNotInPrerequisiteState: '55000',
  objectInUse: '55006',
  cantChangeRuntimeParam: '55P02',
  lockNotAvailable: '55P03',
  unsafeNewEnumValueUsage: '55P04',
  // Class 57 - Operator Intervention
  operatorIntervention: '57000',
  queryCanceled: '57014',
  adminShutdown: '57P01',
  crashShutdown: '57P02',
  cannotConnectNow: '57P03',
  databaseDropped: '57P04',
  idleSessionTimeout: '57P05',
  // Class 58 - System Error (errors external to PostgreSQL itself)
  systemError: '58000',
  ioError: '58030',
  undefinedFile: '58P01',
  duplicateFile: '58P02',
  // Class 72 - Snapshot Failure
  snapshotTooOld: '72000',
  // Class F0 - Configuration File Error
  configFileError: 'F0000',
  lockFileExists: 'F0001',
  // Class HV - Foreign Data Wrapper Error (SQL/MED)
  fdwError: 'HV000',
  fdwColumnNameNotFound: 'HV005',
  fdwDynamicParameterValueNeeded: 'HV002',
  fdwFunctionSequenceError: 'HV010',
  fdwInconsistentDescriptorInformation: 'HV021',
  fdwInvalidAttributeValue: 'HV024',
  fdwInvalidColumnName: 'HV007',
  fdwInvalidColumnNumber: 'HV008',
  fdwInvalidDataType: 'HV004',
  fdwInvalidDataTypeDescriptors: 'HV006',
  fdwInvalidDescriptorFieldIdentifier: 'HV091',
  fdwInvalidHandle: 'HV00B',
  fdwInvalidOptionIndex: 'HV00C',
  fdwInvalidOptionName: 'HV00D',
  fdwInvalidStringLengthOrBufferLength: 'HV090',
  fdwInvalidStringFormat: 'HV00A',
  fdwInvalidUseOfNullPointer: 'HV009',
  fdwTooManyHandles: 'HV014',
  fdwOutOfMemory: 'HV001',
  fdwNoSchemas: 'HV00P',
  fdwOptionNameNotFound: 'HV00J',
  fdwReplyHandle: 'HV00K',
  fdwSchemaNotFound: 'HV00Q',
  fdwTableNotFound: 'HV00R',
  fdwUnableToCreateExecution: 'HV00L',
  fdwUnableToCreateReply: 'HV00M',
  fdwUnableToEstablishConnection: 'HV00N',
  // Class P0 - PL/pgSQL Error
  plpgsqlError: 'P0000',
  raiseException: 'P0001',
  noDataFound: 'P0002',
  tooManyRows: 'P0003',
  assertFailure: 'P0004',
  // Class XX - Internal Error
  internalError: 'XX000',
  dataCorrupted: 'XX001',
  indexCorrupted: 'XX002',
} as const;

/** A name in the table: `'syntaxError'`. */
export type SqlStateName = keyof typeof SqlState;

/** A code in the table: `'42601'`. */
export type SqlStateCode = (typeof SqlState)[SqlStateName];
