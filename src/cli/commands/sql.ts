/**
 * `weir sql`: Weir's SQL REPL, a psql-like client. Interactive at a terminal; `-c SQL` and
 * `-f FILE` run scripts. Connects to a Weir endpoint, or with `--embedded` starts one in this
 * process for the session.
 *
 * Exit status: 0 when everything ran; 1 when a statement (or meta-command) of a script
 * failed — scripts stop at the first error, as psql with ON_ERROR_STOP; 2 when no connection
 * could be made (or the embedded instance could not start), or it was lost.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { ConfigError, PortBindError, WEIR_VERSION, parseDynamicProperty } from '../../config/index.ts';
import {
  SqlSession,
  StatementRunner,
  defaultSettings,
  describeConnectError,
  resolveConnectionSettings,
  runInteractive,
  runScript,
  startEmbedded,
  type ConnectionSettings,
  type EmbeddedWeir,
  type ReplContext,
  type RunOutcome,
  type ScriptStep,
  VERBOSITIES,
} from '../repl/index.ts';

interface SqlOptions {
  host?: string;
  port?: string;
  user?: string;
  database?: string;
  set?: Record<string, string>;
  embedded?: boolean;
  dataDir?: string;
  config?: string;
  D?: Record<string, string>;
}

const EXIT_OK = 0;
const EXIT_STATEMENT_FAILED = 1;
const EXIT_CONNECTION = 2;

const HELP_AFTER = `
Connection defaults come from PGHOST, PGPORT, PGUSER, PGDATABASE and PGPASSWORD, else
localhost:5433, user weir, database dev (where \`weir standalone\` listens).

Scripts (-c, -f; repeatable, run in the order given) stop at the first failed statement.
Interactive input reports errors and goes on. Ctrl-C cancels the running statement.

Exit status: 0 success; 1 a statement of a script failed; 2 no connection (or lost).

Examples:
  weir sql                                   connect to localhost:5433, interactive
  weir sql -c 'SELECT 1'                     run one statement
  weir sql -f setup.sql -c 'SHOW TABLES'     run a file, then a statement
  weir sql --embedded --data-dir ./data      start Weir in this process and connect
`;

export function registerSql(program: Command): void {
  const steps: ScriptStep[] = [];
  program
    .command('sql')
    .description("Weir's SQL REPL (psql-like): connect to a Weir SQL endpoint, or start one with --embedded")
    .argument('[dbname]', 'database to connect to (as -d)')
    .argument('[username]', 'user to connect as (as -U)')
    .helpOption('--help', 'show this help')
    .option('-h, --host <host>', 'server host (PGHOST; default localhost)')
    .option('-p, --port <port>', 'server port (PGPORT; default 5433)')
    .option('-U, --user <name>', 'user name (PGUSER; default weir)')
    .option('-d, --database <name>', 'database name (PGDATABASE; default dev)')
    .option('-c, --command <sql>', 'run SQL (or one meta-command) and exit; repeatable', (sql: string) => pushStep(steps, { kind: 'command', sql }))
    .option('-f, --file <file>', "run the statements of a file ('-' for stdin) and exit; repeatable", (path: string) => pushStep(steps, { kind: 'file', path }))
    .option('-v, --set <name=value>', 'set a variable, as \\set (e.g. VERBOSITY=verbose); repeatable', collectVariable)
    .option('--embedded', 'start Weir in this process (free ports, see --data-dir) and connect to it')
    .option('--data-dir <dir>', 'with --embedded: the data directory (default: a temporary one, removed on exit)')
    .option('--config <dir>', 'with --embedded: configuration directory (default: $WEIR_CONF_DIR, else <weir home>/conf)')
    .option('-D <key=value>', 'with --embedded: set a configuration key, e.g. -D sql.port=5433; repeatable', collectProperty)
    .addHelpText('after', HELP_AFTER)
    .action(async (dbname: string | undefined, username: string | undefined, options: SqlOptions) => {
      const code = await runSql({ ...options, database: options.database ?? dbname, user: options.user ?? username }, steps);
      // Results on a pipe are written asynchronously: let them drain before exiting.
      await Promise.all([drain(process.stdout), drain(process.stderr)]);
      process.exit(code);
    });
}

async function runSql(options: SqlOptions, steps: readonly ScriptStep[]): Promise<number> {
  let settings: ConnectionSettings;
  try {
    settings = resolveConnectionSettings(options);
  } catch (e) {
    process.stderr.write(`weir sql: error: ${(e as Error).message}\n`);
    return EXIT_CONNECTION;
  }
  let embedded: EmbeddedWeir | null = null;
  if (options.embedded) {
    try {
      embedded = await startEmbedded({ dataDir: options.dataDir, config: options.config, D: options.D });
    } catch (e) {
      if (!(e instanceof ConfigError || e instanceof PortBindError)) throw e;
      process.stderr.write(`weir sql: could not start embedded Weir: ${e.message}\n`);
      return EXIT_CONNECTION;
    }
    settings = { ...settings, host: embedded.host, port: embedded.port };
  }
  try {
    return await runSession(settings, options, steps);
  } finally {
    await embedded?.stop();
  }
}

async function runSession(settings: ConnectionSettings, options: SqlOptions, steps: readonly ScriptStep[]): Promise<number> {
  let runner: StatementRunner | null = null;
  let session: SqlSession;
  try {
    session = await SqlSession.connect(settings, (notice) => runner?.printNotice(notice));
  } catch (e) {
    process.stderr.write(describeConnectError(settings, e));
    return EXIT_CONNECTION;
  }
  const context: ReplContext = {
    session,
    settings: defaultSettings(),
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
  };
  for (const [name, value] of Object.entries(options.set ?? {})) {
    context.settings.variables.set(name, value);
    const verbosity = VERBOSITIES.find((v) => v === value.toLowerCase());
    if (name === 'VERBOSITY' && verbosity !== undefined) context.settings.verbosity = verbosity;
  }
  runner = new StatementRunner(context);
  const interactive = steps.length === 0;
  // A signal from outside (kill -INT; at a terminal readline turns Ctrl-C into its own
  // event): cancel the running statement; a script with nothing running just stops.
  const onSigint = (): void => {
    if (session.isRunning) void session.cancel().then((sent) => sent && context.err('Cancel request sent\n'));
    else if (!interactive) process.exit(130);
  };
  process.on('SIGINT', onSigint);
  let outcome: RunOutcome;
  try {
    outcome = interactive ? await runInteractive(runner, { banner: `weir sql (Weir ${WEIR_VERSION})` }) : await runScript(steps, runner);
  } finally {
    process.off('SIGINT', onSigint);
    await session.close();
  }
  if (outcome === 'lost') return EXIT_CONNECTION;
  return outcome === 'failed' ? EXIT_STATEMENT_FAILED : EXIT_OK;
}

/** Commander option parsers collect -c and -f into one list so they run in command-line order. */
function pushStep(steps: ScriptStep[], step: ScriptStep): ScriptStep[] {
  steps.push(step);
  return steps;
}

function collectVariable(pair: string, into: Record<string, string> | undefined): Record<string, string> {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected NAME=VALUE, got '${pair}'`);
  return { ...into, [pair.slice(0, eq)]: pair.slice(eq + 1) };
}

function collectProperty(pair: string, into: Record<string, string> | undefined): Record<string, string> {
  try {
    return parseDynamicProperty(pair, into);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

function drain(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
