/** `weir run` as a user runs it: a real child process per command. */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const WEIR = join(ROOT, 'bin/weir');
const run = promisify(execFile);

async function weir(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(WEIR, args, { cwd: tmpdir(), timeout: 60_000 });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

/** Final count per word from the running counts printed as `(word,n)` (optionally `k> ` prefixed). */
function finalCounts(stdout: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of stdout.trim().split('\n')) {
    const m = /^(?:\d+> )?\((\w+),(\d+)\)$/.exec(line);
    if (m === null) throw new Error(`unexpected output line: ${line}`);
    counts.set(m[1]!, Math.max(counts.get(m[1]!) ?? 0, Number(m[2])));
  }
  return counts;
}

const TEXT = 'To be, or not to be: that is the question.\nWhether tis nobler in the mind to suffer\nTO BE!\n';
const EXPECTED = new Map(
  Object.entries({ to: 4, be: 3, or: 1, not: 1, that: 1, is: 1, the: 2, question: 1, whether: 1, tis: 1, nobler: 1, in: 1, mind: 1, suffer: 1 }),
);

describe('weir run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weir-run-'));
  const input = join(dir, 'hamlet.txt');
  writeFileSync(input, TEXT);

  it('runs the wordcount example over a file with the right counts', async () => {
    const r = await weir(['run', join(ROOT, 'examples/wordcount.ts'), '--input', input]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(finalCounts(r.stdout)).toEqual(EXPECTED);
    // Running counts: every occurrence prints one line.
    expect(r.stdout.trim().split("\n")).toHaveLength([...EXPECTED.values()].reduce((a, b) => a + b, 0));
  });

  it('gives the same counts at parallelism 3, printed with subtask prefixes', async () => {
    const r = await weir(['run', '-p', '3', join(ROOT, 'examples/wordcount.ts'), '--input', input]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d> \(/m);
    expect(finalCounts(r.stdout)).toEqual(EXPECTED);
  });

  it('reads from a socket until the server closes it', async () => {
    const server = createServer((socket) => {
      socket.write('hello socket\nhello ');
      setTimeout(() => socket.end('again\n'), 50);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await weir(['run', join(ROOT, 'examples/wordcount.ts'), '--hostname', '127.0.0.1', '--port', String(port)]);
      expect(r.code).toBe(0);
      expect(finalCounts(r.stdout)).toEqual(new Map([['hello', 2], ['socket', 1], ['again', 1]]));
    } finally {
      server.close();
    }
  });

  it('prints the JobGraph with --plan, in text, DOT, Mermaid and JSON', async () => {
    const text = await weir(['run', '--plan', '-p', '2', join(ROOT, 'examples/wordcount.ts'), '--input', input]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Job "WordCount": 2 vertices, 1 edge');
    expect(text.stdout).toContain('Tokenizer  [parallelism 2, max 128]');
    expect(text.stdout).toContain('└─HASH─►');
    const dot = await weir(['run', '--plan', '--format', 'dot', join(ROOT, 'examples/wordcount.ts'), '--input', input]);
    expect(dot.stdout).toMatch(/^digraph "WordCount" \{/);
    const mermaid = await weir(['run', '--plan', '--format', 'mermaid', join(ROOT, 'examples/wordcount.ts'), '--input', input]);
    expect(mermaid.stdout).toMatch(/^flowchart LR/);
    const json = await weir(['run', '--plan', '--format', 'json', join(ROOT, 'examples/wordcount.ts'), '--input', input]);
    const graph = JSON.parse(json.stdout) as { jobName: string; vertices: unknown[] };
    expect(graph.jobName).toBe('WordCount');
    expect(graph.vertices).toHaveLength(2);
  });

  it("resolves `import ... from 'weir'` for a program anywhere on disk", async () => {
    const program = join(dir, 'elsewhere.ts');
    writeFileSync(
      program,
      [
        "import { StreamExecutionEnvironment, TumblingEventTimeWindows, WatermarkStrategy } from 'weir';",
        'const env = StreamExecutionEnvironment.getExecutionEnvironment();',
        'env.fromElements(1, 2, 3, 40)',
        '  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((x) => x * 1000))',
        '  .windowAll(TumblingEventTimeWindows.of(10_000))',
        '  .sum()',
        '  .print();',
        "await env.execute('anywhere');",
      ].join('\n'),
    );
    const r = await weir(['run', program]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('6\n40\n');
  });

  it('takes the default parallelism from conf/config.yaml, and -p over it', async () => {
    const conf = join(dir, 'conf');
    mkdirSync(conf, { recursive: true });
    const original = readFileSync(join(ROOT, 'conf/config.yaml'), 'utf8');
    writeFileSync(join(conf, 'config.yaml'), original.replace(/^(\s+default:) 1$/m, '$1 3'));
    const fromConfig = await weir(['run', '--plan', '--config', conf, join(ROOT, 'examples/wordcount.ts'), '--input', input]);
    expect(fromConfig.stderr).toBe('');
    expect(fromConfig.stdout).toContain('Tokenizer  [parallelism 3, max 128]');
    const fromFlag = await weir(['run', '--plan', '--config', conf, '-p', '2', join(ROOT, 'examples/wordcount.ts'), '--input', input]);
    expect(fromFlag.stdout).toContain('Tokenizer  [parallelism 2, max 128]');
  });

  it('reports an error in the program with the operator, the message and the program file and line', async () => {
    const r = await weir(['run', join(ROOT, 'test/fixtures/failing-program.ts')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("operator 'Fragile' threw: cannot handle 2");
    expect(r.stderr).toMatch(/failing-program\.ts:8:\d+/);
  });

  it('explains a missing program file and bad flags', async () => {
    const missing = await weir(['run', join(dir, 'nope.ts')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('program file not found');
    const badP = await weir(['run', '-p', 'zero', join(ROOT, 'examples/wordcount.ts')]);
    expect(badP.code).toBe(2);
    expect(badP.stderr).toContain("-p needs a positive integer, got 'zero'");
  });

  it('stops quietly when its output pipe closes', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'word '.repeat(200_000));
    const child = spawn(WEIR, ['run', join(ROOT, 'examples/wordcount.ts'), '--input', big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(0);
    expect(stderr).not.toContain('EPIPE');
  });
});
