/**
 * `weir` with only the standalone command, for tests to run as a child process should
 * src/cli/main.ts be missing or broken while it is being edited.
 */
import { Command } from 'commander';
import { registerStandalone } from '../../src/cli/commands/standalone.ts';

const program = new Command('weir');
registerStandalone(program);
await program.parseAsync(process.argv);
