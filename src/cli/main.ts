#!/usr/bin/env node
/** The `weir` command. */
import { Command } from 'commander';
import { registerRun } from './commands/run.ts';
import { registerStandalone } from './commands/standalone.ts';
import { registerSql } from './commands/sql.ts';
import { WEIR_VERSION } from '../config/version.ts';

const program = new Command('weir')
  .description('Weir: a SQL-first streaming database (DataStream API, embedded mini-cluster)')
  .version(WEIR_VERSION)
  .enablePositionalOptions();

// `weir run job.ts | head` closes our stdout early: stop quietly, as other Unix tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

registerRun(program);
registerStandalone(program);
registerSql(program);

await program.parseAsync(process.argv);
