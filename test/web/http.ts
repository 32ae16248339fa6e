/** Small HTTP and port helpers for the web tests (real sockets, no mocks). */
import { request } from 'node:http';
import { createServer } from 'node:net';

export interface HttpReply {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are checked field by field
  readonly json: any;
}

export function http(method: string, port: number, path: string, host = 'localhost'): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, method }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const contentType = String(res.headers['content-type'] ?? '');
        resolve({ status: res.statusCode ?? 0, contentType, text, json: contentType.startsWith('application/json') ? JSON.parse(text) : null });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Distinct free ports, found by listening on port 0. */
export async function freePorts(n: number): Promise<number[]> {
  const servers = Array.from({ length: n }, () => createServer());
  const ports = await Promise.all(
    servers.map((s) => new Promise<number>((r) => s.listen(0, 'localhost', () => r((s.address() as { port: number }).port)))),
  );
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export async function until<T>(what: string, f: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== null && v !== undefined && v !== false) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
