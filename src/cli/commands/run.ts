/**
 * `weir run [-p N] FILE [program args]`: runs a DataStream program on the embedded
 * mini-cluster; `weir run --plan FILE` prints its JobGraph instead of running it.
 */
import type { Command } from 'commander';
import { PlanCapturedSignal, setEnvironmentContext, type EnvironmentDefaults, type JobProgram, type SubmittedJob } from '../../api/executor.ts';
import { loadConfig } from '../../config/load-config.ts';
import { jobGraphToDot, jobGraphToMermaid, jobGraphToText } from '../../graph/print.ts';
import { describeProgramError, installWeirResolution, programUrl } from '../program-loader.ts';

type PlanFormat = 'text' | 'dot' | 'mermaid' | 'json';

interface RunOptions {
  parallelism?: string;
  plan?: boolean;
  format: PlanFormat;
  config?: string;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a DataStream program (.ts or .js) on the embedded mini-cluster')
    .argument('<file>', 'the program module')
    .argument('[args...]', 'arguments passed to the program')
    .option('-p, --parallelism <n>', 'default parallelism of the job')
    .option('--plan', 'print the JobGraph instead of running the job')
    .option('--format <format>', 'plan format: text, dot, mermaid or json', 'text')
    .option('--config <dir>', 'configuration directory (default: $WEIR_CONF_DIR or conf/)')
    .passThroughOptions()
    .allowUnknownOption()
    .action(async (file: string, args: string[], options: RunOptions) => {
      process.exitCode = await runProgram(file, args, options);
    });
}

function renderPlan(job: SubmittedJob, format: PlanFormat): string {
  switch (format) {
    case 'dot':
      return jobGraphToDot(job.jobGraph);
    case 'mermaid':
      return jobGraphToMermaid(job.jobGraph);
    case 'json':
      return JSON.stringify(job.jobGraph, null, 2) + '\n';
    default:
      return jobGraphToText(job.jobGraph);
  }
}

/**
 * The environment defaults of `weir run`: parallelism from -p or `parallelism.default`,
 * max parallelism, batch size and channel capacity from the configuration.
 */
function launcherDefaults(parallelism: number | undefined, confDir: string | undefined): EnvironmentDefaults {
  const { config } = loadConfig(confDir !== undefined ? { confDir } : {});
  const maxParallelism = config['pipeline.max-parallelism'];
  return {
    parallelism: parallelism ?? config['parallelism.default'],
    ...(maxParallelism > 0 && { maxParallelism }),
    executionOptions: { batchSize: config['execution.batch-size'], channelCapacity: config['execution.channel-capacity'] },
  };
}

async function runProgram(file: string, args: string[], options: RunOptions): Promise<number> {
  let parallelism: number | undefined;
  if (options.parallelism !== undefined) {
    parallelism = Number(options.parallelism);
    if (!(Number.isInteger(parallelism) && parallelism >= 1)) {
      process.stderr.write(`weir run: -p needs a positive integer, got '${options.parallelism}'\n`);
      return 2;
    }
  }
  if (!['text', 'dot', 'mermaid', 'json'].includes(options.format)) {
    process.stderr.write(`weir run: unknown plan format '${options.format}' (text, dot, mermaid, json)\n`);
    return 2;
  }
  let url: string;
  try {
    url = programUrl(file);
  } catch (e) {
    process.stderr.write(`weir run: ${(e as Error).message}\n`);
    return 2;
  }
  let planPrinted = false;
  const capturePlan = options.plan
    ? (job: SubmittedJob) => {
        if (planPrinted) return;
        planPrinted = true;
        process.stdout.write(renderPlan(job, options.format));
      }
    : undefined;
  let defaults: EnvironmentDefaults;
  try {
    defaults = launcherDefaults(parallelism, options.config);
  } catch (e) {
    process.stderr.write(`weir run: ${(e as Error).message}\n`);
    return 2;
  }
  setEnvironmentContext({
    defaults,
    ...(capturePlan && { capturePlan }),
    // Jobs carry their program so the mini-cluster can load it on worker threads.
    program: { url, args, loader: import.meta.url },
  });
  // The program sees its own arguments, as a Flink program sees args[] in main().
  process.argv = [process.argv[0] as string, file, ...args];
  installWeirResolution();
  const onRejection = (e: unknown): void => {
    if (e instanceof PlanCapturedSignal) return;
    process.stderr.write(`weir run: ${describeProgramError(e, file)}\n`);
    process.exit(1);
  };
  process.on('unhandledRejection', onRejection);
  try {
    await import(url);
  } catch (e) {
    if (!(e instanceof PlanCapturedSignal)) {
      process.stderr.write(`weir run: ${describeProgramError(e, file)}\n`);
      return 1;
    }
  }
  if (options.plan && !planPrinted) {
    process.stderr.write('weir run --plan: the program did not call execute(); there is no job to show\n');
    return 1;
  }
  return 0;
}

/**
 * Rebuilds job number `program.jobIndex` of a program as `weir run` would submit it, user
 * functions included, without running it: what a slot thread of the threaded mini-cluster
 * calls (by this module's URL, `JobProgram.loader`) to obtain user code as code.
 */
export async function loadProgramJob(program: JobProgram): Promise<SubmittedJob> {
  let captured: SubmittedJob | null = null;
  setEnvironmentContext({
    defaults: program.defaults,
    program: { url: program.url, args: program.args, loader: program.loader },
    capturePlan: (job) => {
      if (job.program?.jobIndex !== program.jobIndex) return false; // an earlier job: skip it
      captured = job;
      return true;
    },
  });
  process.argv = [process.argv[0] as string, new URL(program.url).pathname, ...program.args];
  installWeirResolution();
  // A program that does not await execute() rejects unobserved once its job is captured.
  process.on('unhandledRejection', (e) => {
    if (!(e instanceof PlanCapturedSignal)) throw e;
  });
  try {
    await import(program.url);
  } catch (e) {
    if (!(e instanceof PlanCapturedSignal)) throw e;
  }
  if (captured === null) throw new Error(`program ${program.url} did not submit job #${program.jobIndex + 1} when loaded again`);
  return captured;
}
