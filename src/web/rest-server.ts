/**
 * The REST API and dashboard on `rest.port`, after Flink's routes, on node:http.
 *
 *   GET   /                     the dashboard (one static page)
 *   GET   /overview             cluster counts: TaskManagers, slots, jobs by state
 *   GET   /config               dashboard settings and the Weir version
 *   GET   /jobmanager/config    the effective configuration as [{key, value}]
 *   GET   /jobs                 {jobs: [{id, status}]}
 *   GET   /jobs/overview        {jobs: [{jid, name, state, start-time, ...}]}
 *   GET   /jobs/:id             one job with its vertices and plan
 *   GET   /jobs/:id/plan        {plan: Flink's plan shape, jobGraph: the JobGraph}
 *   GET   /jobs/:id/exceptions  {root-exception: why a failed job failed, ...}
 *   PATCH /jobs/:id?mode=cancel cancel a job (202)
 *
 * Errors are JSON `{errors: [message]}` as Flink's.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ClusterView } from './cluster-view.ts';
import { DASHBOARD_HTML } from './dashboard.ts';
import { exceptionsJson, jobDetailsJson, jobOverviewJson, overviewJson, planJson } from './job-json.ts';

export interface RestServerOptions {
  readonly view: ClusterView;
  readonly version: string;
  /** The effective configuration, served at /jobmanager/config. */
  readonly config?: object;
  /** Called for every request that fails with a server error. */
  readonly onError?: (error: unknown, request: string) => void;
  /** Called for every request, for debug logging. */
  readonly onRequest?: (method: string, path: string, status: number) => void;
}

interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly contentType?: string;
}

const json = (status: number, body: unknown): Reply => ({ status, body });
const error = (status: number, message: string): Reply => ({ status, body: { errors: [message] } });

/** Creates the server; the caller binds it (so a taken port is reported by config/process.ts). */
export function createRestServer(options: RestServerOptions): Server {
  const server = createServer((req, res) => {
    handle(options, req)
      .catch((e: unknown): Reply => {
        options.onError?.(e, `${req.method} ${req.url}`);
        return error(500, `Internal server error: ${e instanceof Error ? e.message : String(e)}`);
      })
      .then((reply) => {
        options.onRequest?.(req.method ?? '?', req.url ?? '?', reply.status);
        send(res, reply);
      });
  });
  return server;
}

function send(res: ServerResponse, reply: Reply): void {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': reply.contentType ?? 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

async function handle(o: RestServerOptions, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const parts = url.pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
  const method = req.method ?? 'GET';
  const allow = (methods: string[], run: () => Reply | Promise<Reply>): Reply | Promise<Reply> =>
    methods.includes(method) ? run() : error(405, `Method ${method} not allowed on ${url.pathname}; use ${methods.join(' or ')}`);
  const now = Date.now();

  if (parts.length === 0) return allow(['GET'], () => ({ status: 200, body: DASHBOARD_HTML, contentType: 'text/html; charset=utf-8' }));
  const [first, second, third] = parts;
  if (parts.length === 1 && first === 'overview') return allow(['GET'], () => json(200, overviewJson(o.view.overview(), o.view.listJobs(), o.version)));
  if (parts.length === 1 && first === 'config') return allow(['GET'], () => json(200, dashboardConfig(o.version, now)));
  if (parts.length === 2 && first === 'jobmanager' && second === 'config') {
    return allow(['GET'], () => json(200, Object.entries(o.config ?? {}).map(([key, value]) => ({ key, value: value === null ? '' : String(value) }))));
  }
  if (first === 'jobs') {
    if (parts.length === 1) return allow(['GET'], () => json(200, { jobs: o.view.listJobs().map((j) => ({ id: j.id, status: j.status })) }));
    if (parts.length === 2 && second === 'overview') return allow(['GET'], () => json(200, { jobs: o.view.listJobs().map((j) => jobOverviewJson({ jobGraph: null, ...j }, now)) }));
    const job = o.view.getJob(second!);
    if (job === null) return error(404, `Job ${second} not found`);
    if (parts.length === 2) {
      if (method === 'PATCH') return cancel(o.view, job.id, url.searchParams.get('mode'));
      return allow(['GET', 'PATCH'], () => json(200, jobDetailsJson(job, now)));
    }
    if (parts.length === 3 && third === 'exceptions') return allow(['GET'], () => json(200, exceptionsJson(job)));
    if (parts.length === 3 && third === 'plan') {
      return allow(['GET'], () =>
        job.jobGraph === null ? error(404, `Job ${job.id} has no recorded plan`) : json(200, { plan: planJson(job.id, job.jobGraph), jobGraph: job.jobGraph }),
      );
    }
  }
  return error(404, `Not found: ${url.pathname}`);
}

async function cancel(view: ClusterView, id: string, mode: string | null): Promise<Reply> {
  if (mode !== null && mode !== 'cancel') return error(400, `Unsupported mode '${mode}'; Weir supports mode=cancel (stop with a savepoint comes later)`);
  switch (await view.cancel(id)) {
    case 'accepted':
      return json(202, {});
    case 'unknown-job':
      return error(404, `Job ${id} not found`);
    case 'not-cancellable':
      return error(409, `Job ${id} is not in a cancellable state`);
  }
}

function dashboardConfig(version: string, now: number): Record<string, unknown> {
  const offset = -new Date(now).getTimezoneOffset() * 60_000;
  return {
    'refresh-interval': 3000,
    'timezone-name': Intl.DateTimeFormat().resolvedOptions().timeZone,
    'timezone-offset': offset,
    'weir-version': version,
    features: { 'web-submit': false, 'web-cancel': true, 'web-history': false },
  };
}
