/**
 * `-c SQL` and `-f FILE`, run in the order given. Scripts stop at the first failed statement
 * (psql's ON_ERROR_STOP, always on): the caller exits 1. An unterminated last statement
 * runs, as in psql.
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { runInput } from './input-loop.ts';
import type { RunOutcome } from './repl-context.ts';
import type { StatementRunner } from './statement-runner.ts';

export type ScriptStep = { readonly kind: 'command'; readonly sql: string } | { readonly kind: 'file'; readonly path: string };

export async function runScript(steps: readonly ScriptStep[], runner: StatementRunner): Promise<RunOutcome> {
  for (const step of steps) {
    const outcome = step.kind === 'command' ? await runCommand(step.sql, runner) : await runFile(step.path, runner);
    if (outcome !== 'eof') return outcome;
  }
  return 'eof';
}

/** `-c`: one string, its statements run one by one; a string starting with `\` is a meta-command. */
function runCommand(sql: string, runner: StatementRunner): Promise<RunOutcome> {
  return runInput(sql.split('\n'), runner, { stopOnError: true, runRestAtEof: true, sourceName: null });
}

/** `-f FILE` (`-f -` reads stdin); messages name the file and line, as psql's do. */
async function runFile(path: string, runner: StatementRunner): Promise<RunOutcome> {
  const options = { stopOnError: true, runRestAtEof: true, sourceName: path === '-' ? '<stdin>' : path };
  if (path === '-') return runInput(createInterface({ input: process.stdin, terminal: false }), runner, options);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    runner.context.err(`weir sql: ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}\n`);
    return 'failed';
  }
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return runInput(lines, runner, options);
}
