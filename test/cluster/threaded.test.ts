/** The threaded mini-cluster: slots on real worker threads, loading a real program file. */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { JobCanceledError, JobFailedError, MiniCluster, StreamExecutionEnvironment } from '../../src/index.ts';
import type { JobClient, SubmittedJob } from '../../src/api/executor.ts';
import { build, JOB_NAME } from '../fixtures/threaded/pipelines.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PROGRAM = join(ROOT, 'test/fixtures/threaded/program.ts');
const run = promisify(execFile);
const LOADER = pathToFileURL(join(ROOT, 'src/cli/commands/run.ts')).href;

async function weirRun(p: number, threads: 'auto' | 'off', args: string[]): Promise<string[]> {
  const { stdout } = await run(join(ROOT, 'bin/weir'), ['run', '-p', String(p), PROGRAM, ...args], {
    cwd: tmpdir(),
    timeout: 60_000,
    env: { ...process.env, WEIR_EXECUTION_THREADS: threads },
  });
  return stdout.trim().split('\n').sort();
}

/** The job the program submits, as `weir run -p p program.ts mode n` would submit it. */
function programJob(p: number, mode: string, n: number): SubmittedJob {
  const env = new StreamExecutionEnvironment(p);
  build(env, mode, n);
  const args = [mode, String(n)];
  return { ...env.buildJob(JOB_NAME), program: { url: pathToFileURL(PROGRAM).href, args, defaults: { parallelism: p }, jobIndex: 0, loader: LOADER } };
}

type Threaded = JobClient & { slots: number; maxQueuedAcrossThreads: number };

describe('threaded mini-cluster', () => {
  it.each([2, 4])('gives the single-thread results at p=%i (windows, hash and rebalance exchanges)', async (p) => {
    const [threaded, single] = await Promise.all([weirRun(p, 'auto', ['windows', '20000']), weirRun(p, 'off', ['windows', '20000'])]);
    expect(threaded.length).toBeGreaterThan(200);
    expect(threaded).toEqual(single);
  });

  it('runs a job with a program on one slot thread per parallel pipeline', async () => {
    const client = new MiniCluster().execute(programJob(2, 'slow', 2000)) as Threaded;
    expect(client.slots).toBe(2);
    const result = await client.getJobExecutionResult();
    expect(result.metrics.sourceRecords).toBe(2000);
    // A job without a program stays on this thread.
    const env = new StreamExecutionEnvironment(2);
    build(env, 'slow', 10);
    expect((new MiniCluster().execute(env.buildJob('local')) as Threaded).slots).toBe(1);
  });

  it('fails the whole job with the operator name when a user function throws in a slot', async () => {
    const client = new MiniCluster().execute(programJob(2, 'fail', 10000));
    const err = await client.getJobExecutionResult().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobFailedError);
    expect((err as Error).message).toMatch(/task 'Picky.*\(\d\)'.*operator 'Picky' threw: bad record 9999/);
    expect(client.getJobStatus()).toBe('FAILED');
  });

  it('fails clearly when the program rebuilds a different job', async () => {
    const job = programJob(2, 'windows', 100);
    const client = new MiniCluster().execute({ ...job, program: { ...job.program!, args: ['fail', '100'] } });
    await expect(client.getJobExecutionResult()).rejects.toThrow(/built a different job on a slot thread/);
  });

  it('bounds what queues between threads when a consumer is slow (credit-based flow control)', async () => {
    const n = 60_000;
    const client = new MiniCluster().execute(programJob(2, 'slow', n)) as Threaded;
    const result = await client.getJobExecutionResult();
    expect(result.metrics.sinkRecords).toBe(n);
    // ~940 batches of 64 cross to the slow subtask; at most the credit window waits there.
    expect(client.maxQueuedAcrossThreads).toBeGreaterThan(0);
    expect(client.maxQueuedAcrossThreads).toBeLessThanOrEqual(8 + 2);
  });

  it('cancels an unbounded threaded job', async () => {
    const client = new MiniCluster().execute(programJob(2, 'unbounded', 0));
    await new Promise((r) => setTimeout(r, 800));
    expect(client.getJobStatus()).toBe('RUNNING');
    const t0 = Date.now();
    await client.cancel();
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(client.getJobStatus()).toBe('CANCELED');
    await expect(client.getJobExecutionResult()).rejects.toBeInstanceOf(JobCanceledError);
  });
});
