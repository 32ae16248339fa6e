/**
 * Feeds input lines through the query buffer: meta-command lines run at once, statements
 * run as their `;` arrives. The same loop serves the terminal, piped stdin and `-f FILE`;
 * only whether an error stops it, and how messages are located, differ.
 */
import { isMetaCommand, runMetaCommand } from './meta-commands.ts';
import type { RunOutcome } from './repl-context.ts';
import { StatementBuffer } from './statement-buffer.ts';
import type { StatementOutcome, StatementRunner } from './statement-runner.ts';

export interface InputOptions {
  /** Stop at the first failed statement (scripts); otherwise report it and go on (the REPL). */
  readonly stopOnError: boolean;
  /**
   * Run an unterminated last statement at end of input, as psql does for files and pipes;
   * at a terminal, Ctrl-D discards it.
   */
  readonly runRestAtEof: boolean;
  /** Name for message locations (`weir:NAME:LINE: `), or null for none. */
  readonly sourceName: string | null;
  /** Called before each line is read: the prompt, continuation or not. */
  readonly beforeLine?: (continuation: boolean) => void;
}

export async function runInput(
  lines: AsyncIterable<string> | Iterable<string>,
  runner: StatementRunner,
  options: InputOptions,
  buffer: StatementBuffer = new StatementBuffer(),
): Promise<RunOutcome> {
  let lineNo = 0;
  const run = async (sql: string): Promise<StatementOutcome> => {
    runner.location = options.sourceName === null ? '' : `weir:${options.sourceName}:${lineNo}: `;
    return runner.run(sql);
  };
  // true to go on, else how the run ends
  const settle = (outcome: StatementOutcome | 'failed-meta'): true | RunOutcome => {
    if (outcome === 'lost') return 'lost';
    if (outcome !== 'ok' && options.stopOnError) return 'failed';
    return true;
  };
  options.beforeLine?.(false);
  for await (const line of lines) {
    lineNo++;
    if (isMetaCommand(line) && buffer.acceptsMetaCommand()) {
      const meta = runMetaCommand(line, runner.context, buffer);
      if (meta === 'quit') return 'quit';
      let settled: true | RunOutcome = true;
      if (meta === 'failed') settled = settle('failed-meta');
      else if (meta === 'send') {
        const sql = buffer.drain();
        if (sql !== null) settled = settle(await run(sql));
      }
      if (settled !== true) return settled;
    } else {
      for (const sql of buffer.push(line)) {
        const settled = settle(await run(sql));
        if (settled !== true) return settled;
      }
    }
    options.beforeLine?.(!buffer.isEmpty);
  }
  if (options.runRestAtEof) {
    const rest = buffer.drain();
    if (rest !== null) {
      const settled = settle(await run(rest));
      if (settled !== true) return settled;
    }
  }
  return 'eof';
}
