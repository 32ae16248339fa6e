/** The REST API over the embedded mini-cluster, in process, with real jobs and real HTTP. */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlackholeSink, DataGeneratorSource, MiniCluster, StreamExecutionEnvironment, WatermarkStrategy } from '../../src/index.ts';
import { setDefaultExecutor } from '../../src/api/executor.ts';
import { createRestServer, MiniClusterView } from '../../src/web/index.ts';
import { http, until } from './http.ts';

let server: Server;
let port: number;
let view: MiniClusterView;

beforeAll(async () => {
  view = new MiniClusterView(new MiniCluster(), { slots: 4 });
  setDefaultExecutor(view);
  server = createRestServer({ view, version: '9.9.9-test', config: { 'rest.port': 1234, 'state.checkpoints.dir': null } });
  await new Promise<void>((r) => server.listen(0, 'localhost', r));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await view.cancelAll();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('REST API', () => {
  let finishedId: string;
  let runningId: string;

  it('reports an empty cluster', async () => {
    const r = await http('GET', port, '/overview');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      taskmanagers: 1,
      'slots-total': 4,
      'slots-available': 4,
      'jobs-running': 0,
      'jobs-finished': 0,
      'jobs-cancelled': 0,
      'jobs-failed': 0,
      'weir-version': '9.9.9-test',
    });
    expect((await http('GET', port, '/jobs')).json).toEqual({ jobs: [] });
  });

  it('lists a finished job with its vertices and plan', async () => {
    const env = new StreamExecutionEnvironment(2);
    env.fromSequence(1, 1000).map((x) => x * 2).keyBy((x) => x % 7).map((x) => x).sinkTo(new BlackholeSink<number>());
    const client = env.executeAsync('doubling');
    await client.getJobExecutionResult();
    finishedId = client.jobId;

    expect((await http('GET', port, '/jobs')).json).toEqual({ jobs: [{ id: finishedId, status: 'FINISHED' }] });
    const job = (await http('GET', port, `/jobs/${finishedId}`)).json;
    expect(job).toMatchObject({ jid: finishedId, name: 'doubling', state: 'FINISHED' });
    expect(job['end-time']).toBeGreaterThanOrEqual(job['start-time']);
    expect(job.vertices.map((v: { parallelism: number }) => v.parallelism)).toEqual([2, 2]);
    expect(job.vertices[0].name).toContain('Source: Sequence Source');

    const plan = (await http('GET', port, `/jobs/${finishedId}/plan`)).json;
    expect(plan.plan.nodes).toHaveLength(2);
    expect(plan.plan.nodes[1].inputs).toEqual([{ num: 0, id: plan.plan.nodes[0].id, ship_strategy: 'HASH', exchange: 'pipelined_bounded' }]);
    expect(plan.jobGraph.jobName).toBe('doubling');
    expect(plan.jobGraph.edges[0].partitioner).toBe('hash');

    const overview = (await http('GET', port, '/jobs/overview')).json;
    expect(overview.jobs[0]).toMatchObject({ jid: finishedId, name: 'doubling', state: 'FINISHED', tasks: { total: 2, finished: 2 } });
  });

  it('counts a running job against the slots, and cancels it with PATCH ?mode=cancel', async () => {
    const env = new StreamExecutionEnvironment(3);
    env
      .fromSource(new DataGeneratorSource((i) => i, Infinity, 100), WatermarkStrategy.noWatermarks<number>(), 'endless')
      .sinkTo(new BlackholeSink<number>());
    const client = env.executeAsync('endless');
    runningId = client.jobId;
    await until('the job to run', () => client.getJobStatus() === 'RUNNING');

    const overview = (await http('GET', port, '/overview')).json;
    expect(overview).toMatchObject({ 'jobs-running': 1, 'jobs-finished': 1, 'slots-available': 1 });

    const cancel = await http('PATCH', port, `/jobs/${runningId}?mode=cancel`);
    expect(cancel.status).toBe(202);
    expect(cancel.json).toEqual({});
    await until('the job to be canceled', () => client.getJobStatus() === 'CANCELED');
    await until('the end time', async () => (await http('GET', port, `/jobs/${runningId}`)).json['end-time'] > 0);
    expect((await http('GET', port, '/overview')).json).toMatchObject({ 'jobs-running': 0, 'jobs-cancelled': 1, 'slots-available': 4 });

    const again = await http('PATCH', port, `/jobs/${runningId}?mode=cancel`);
    expect(again.status).toBe(409);
    expect(again.json.errors[0]).toContain('not in a cancellable state');
  });

  it('answers errors as JSON', async () => {
    const unknownJob = await http('GET', port, '/jobs/00000000000000000000000000000000');
    expect(unknownJob.status).toBe(404);
    expect(unknownJob.json).toEqual({ errors: ['Job 00000000000000000000000000000000 not found'] });
    expect((await http('PATCH', port, '/jobs/00000000000000000000000000000000?mode=cancel')).status).toBe(404);
    expect((await http('GET', port, '/no/such/route')).json).toEqual({ errors: ['Not found: /no/such/route'] });
    expect((await http('DELETE', port, '/overview')).status).toBe(405);
    expect((await http('PATCH', port, `/jobs/${finishedId}?mode=stop`)).status).toBe(400);
  });

  it('serves the configuration and the dashboard', async () => {
    expect((await http('GET', port, '/jobmanager/config')).json).toEqual([
      { key: 'rest.port', value: '1234' },
      { key: 'state.checkpoints.dir', value: '' },
    ]);
    expect((await http('GET', port, '/config')).json).toMatchObject({ 'weir-version': '9.9.9-test', 'refresh-interval': 3000 });
    const page = await http('GET', port, '/');
    expect(page.status).toBe(200);
    expect(page.contentType).toContain('text/html');
    expect(page.text).toContain('/jobs/overview');
  });
});
