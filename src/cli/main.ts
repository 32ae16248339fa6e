#!/usr/bin/env node
/** The `weir` command. */
import { Command } from 'commander';
import { registerRun } from './commands/run.ts';

const program = new Command('weir')
  .description('Weir: a SQL-first streaming database (DataStream API, embedded mini-cluster)')
  .version(process.env.npm_package_version ?? "0.1.0")
  .enablePositionalOptions();

// `weir run job.ts | head` closes our stdout early: stop quietly, as other Unix tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

registerRun(program);
try {
  const { registerStandalone } = await import('./commands/standalone.ts');
  registerStandalone(program);
} catch (e) {
  if ((e as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw e;
}

await program.parseAsync(process.argv);
