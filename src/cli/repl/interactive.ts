/**
 * The interactive REPL on stdin. At a terminal: a banner, the prompt `dev=> ` (`dev-> ` while a
 * statement continues), line editing and history from node:readline, Ctrl-C that cancels the
 * running statement or clears the input (it never leaves the REPL), Ctrl-D or `\q` to quit.
 * From a pipe: no banner or prompts, but the same statements and results.
 */
import { createInterface, type Interface } from 'node:readline';
import { HISTORY_SIZE, historyFilePath, loadHistory, saveHistory } from './history-file.ts';
import { runInput } from './input-loop.ts';
import type { RunOutcome } from './repl-context.ts';
import { StatementBuffer } from './statement-buffer.ts';
import type { StatementRunner } from './statement-runner.ts';

export interface InteractiveOptions {
  /** The banner's first line, e.g. `weir sql (Weir 0.1.0)`. */
  readonly banner: string;
  readonly input?: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly output?: NodeJS.WritableStream;
}

export async function runInteractive(runner: StatementRunner, options: InteractiveOptions): Promise<RunOutcome> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const terminal = input.isTTY === true;
  const historyFile = historyFilePath();
  const rl = createInterface({
    input,
    output,
    terminal,
    ...(terminal && { history: loadHistory(historyFile), historySize: HISTORY_SIZE, removeHistoryDuplicates: true }),
  });
  const buffer = new StatementBuffer();
  const database = runner.context.session.settings.database;
  if (terminal) {
    runner.context.out(`${options.banner}\nType "\\?" for help.\n\n`);
    rl.on('history', (history: string[]) => saveHistory(historyFile, history));
    rl.on('SIGINT', () => interrupt(rl, runner, buffer));
  }
  let ended = false;
  rl.once('close', () => (ended = true));
  try {
    const outcome = await runInput(rl, runner, {
      stopOnError: false,
      runRestAtEof: !terminal,
      sourceName: terminal ? null : '<stdin>',
      beforeLine: terminal
        ? (continuation) => {
            if (ended) return;
            rl.setPrompt(`${database}${continuation ? '->' : '=>'} `);
            rl.prompt();
          }
        : undefined,
    }, buffer);
    // Ctrl-D at the prompt: psql echoes the \q it stands for.
    if (terminal && ended && outcome === 'eof') runner.context.out('\\q\n');
    return outcome;
  } finally {
    rl.close();
  }
}

/** Ctrl-C at a terminal: cancel the running statement, else drop the input typed so far. */
function interrupt(rl: Interface, runner: StatementRunner, buffer: StatementBuffer): void {
  if (runner.context.session.isRunning) {
    void runner.context.session.cancel().then((sent) => sent && runner.context.err('Cancel request sent\n'));
    return;
  }
  buffer.clear();
  runner.context.out('^C\n');
  // Drop the typed text without redrawing it: readline documents `line` and `cursor` as
  // read-only for users, but they are its editing state and a fresh prompt draws from them.
  const editing = rl as unknown as { line: string; cursor: number };
  editing.line = '';
  editing.cursor = 0;
  rl.setPrompt(`${runner.context.session.settings.database}=> `);
  rl.prompt();
}
