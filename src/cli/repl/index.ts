/**
 * The `weir sql` REPL: a psql-like client for Weir's SQL endpoint. `src/cli/commands/sql.ts`
 * wires these parts to the command line.
 */
export { formatAlignedTable, isRightAligned } from './aligned-table.ts';
export { resolveConnectionSettings, DEFAULT_CONNECTION, type ConnectionSettings, type ConnectionFlags } from './connection-settings.ts';
export { describeConnectError } from './connect-error.ts';
export { startEmbedded, type EmbeddedOptions, type EmbeddedWeir } from './embedded.ts';
export { runInteractive } from './interactive.ts';
export { runInput, type InputOptions } from './input-loop.ts';
export { defaultSettings, type ReplContext, type ReplSettings, type RunOutcome } from './repl-context.ts';
export { runScript, type ScriptStep } from './script.ts';
export { formatServerMessage, formatTiming, positionLines, VERBOSITIES, type Verbosity } from './server-message.ts';
export { SqlSession } from './sql-session.ts';
export { StatementBuffer, takeComplete } from './statement-buffer.ts';
export { StatementRunner, formatResult } from './statement-runner.ts';
export type { ResultColumn, ResultRow, ServerMessage, StatementResult } from './statement-result.ts';
