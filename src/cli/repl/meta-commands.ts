/**
 * psql's backslash commands that `weir sql` understands. A meta-command takes a whole input
 * line (`\timing on`); psql's forms in the middle of a statement (`select 1 \g`) are not
 * recognised.
 */
import type { ReplContext } from './repl-context.ts';
import { VERBOSITIES, type Verbosity } from './server-message.ts';
import type { StatementBuffer } from './statement-buffer.ts';

/** What the input loop does next: go on, quit, send the query buffer (`\g`), or fail. */
export type MetaOutcome = 'continue' | 'quit' | 'send' | 'failed';

export const META_HELP = `General
  \\q                     quit weir sql (also Ctrl-D)
  \\?                     show this help
  \\conninfo              show where this session is connected

Query buffer
  \\g                     send the query buffer (also: end a statement with ;)
  \\r                     reset (clear) the query buffer

Formatting and variables
  \\timing [on|off]       show how long each statement takes
  \\set [NAME [VALUE]]    set a variable, or list them; VERBOSITY is default, verbose
                         (adds the SQLSTATE to errors), terse or sqlstate
  \\unset NAME            unset a variable
  \\echo [TEXT]           print TEXT

Ctrl-C cancels the running statement, or clears the current input.
`;

/** True when `line` is a meta-command line (its first non-blank character is `\`). */
export function isMetaCommand(line: string): boolean {
  return line.trimStart().startsWith('\\');
}

export function runMetaCommand(line: string, context: ReplContext, buffer: StatementBuffer): MetaOutcome {
  const [command = '', ...args] = line.trim().slice(1).split(/\s+/);
  const { settings, out, err } = context;
  switch (command) {
    case 'q':
    case 'quit':
      return 'quit';
    case '?':
      out(META_HELP);
      return 'continue';
    case 'g':
      return 'send';
    case 'r':
      buffer.clear();
      err('Query buffer reset (cleared).\n');
      return 'continue';
    case 'timing': {
      const value = args[0] === undefined ? !settings.timing : parseBoolean(args[0]);
      if (value === null) return invalidValue(context, 'timing', args[0]!);
      settings.timing = value;
      out(`Timing is ${value ? 'on' : 'off'}.\n`);
      return 'continue';
    }
    case 'set':
      return setVariable(context, args);
    case 'unset':
      if (args[0] === undefined) return missingArgument(context, 'unset');
      context.settings.variables.delete(args[0]);
      if (args[0] === 'VERBOSITY') settings.verbosity = 'default';
      return 'continue';
    case 'echo':
      out(`${args.join(' ')}\n`);
      return 'continue';
    case 'conninfo': {
      const s = context.session.settings;
      out(`You are connected to database "${s.database}" as user "${s.user}" on host "${s.host}" at port "${s.port}".\n`);
      return 'continue';
    }
    default:
      err(`invalid command \\${command}\nTry \\? for help.\n`);
      return 'failed';
  }
}

function setVariable(context: ReplContext, args: readonly string[]): MetaOutcome {
  const { settings, out, err } = context;
  const [name, ...valueParts] = args;
  if (name === undefined) {
    for (const [k, v] of [...settings.variables].sort(([a], [b]) => a.localeCompare(b))) out(`${k} = '${v}'\n`);
    return 'continue';
  }
  const value = valueParts.join('');
  if (name === 'VERBOSITY') {
    const verbosity = value.toLowerCase() as Verbosity;
    if (!VERBOSITIES.includes(verbosity)) {
      err(`unrecognized value "${value}" for "VERBOSITY"\nAvailable values are: ${VERBOSITIES.join(', ')}.\n`);
      return 'failed';
    }
    settings.verbosity = verbosity;
  }
  settings.variables.set(name, value);
  return 'continue';
}

/** psql's boolean spellings for `\timing` and friends. */
function parseBoolean(text: string): boolean | null {
  const t = text.toLowerCase();
  if (['on', 'true', 'yes', '1'].includes(t)) return true;
  if (['off', 'false', 'no', '0'].includes(t)) return false;
  return null;
}

function invalidValue(context: ReplContext, command: string, value: string): MetaOutcome {
  context.err(`unrecognized value "${value}" for "\\${command}": Boolean expected\n`);
  return 'failed';
}

function missingArgument(context: ReplContext, command: string): MetaOutcome {
  context.err(`\\${command}: missing required argument\n`);
  return 'failed';
}
