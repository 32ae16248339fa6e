import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SocketTextSource } from '../../src/connectors/index.ts';
import { openReader } from './harness.ts';

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server === null ? resolve() : server.close(() => resolve())));
  server = null;
});

/** A TCP server that runs `script` for each connection; resolves to its port. */
async function serve(script: (socket: Socket, connection: number) => Promise<void>): Promise<number> {
  let connection = 0;
  server = createServer((socket) => {
    void script(socket, connection++);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('SocketTextSource', () => {
  it('joins partial lines across chunks, strips \\r, and ends when the peer closes', async () => {
    const port = await serve(async (socket) => {
      for (const chunk of ['hel', 'lo\r\nwor', 'ld\n', '\n', 'über', ' alles\nno newline at end']) {
        socket.write(chunk);
        await pause(15);
      }
      // A multi-byte character split between two chunks ('é' is bytes 7 and 8).
      const tail = Buffer.from('\nsplit é\n');
      socket.write(tail.subarray(0, 8));
      await pause(15);
      socket.end(tail.subarray(8));
    });
    const handle = await openReader(new SocketTextSource('127.0.0.1', port));
    const lines = await handle.drain(5000);
    expect(lines).toEqual(['hello', 'world', '', 'über alles', 'no newline at end', 'split é']);
    expect(handle.reader.pollNext({ collect: () => undefined })).toBe('end');
    await handle.reader.close();
  });

  it('splits on a custom delimiter and emits the rest at close', async () => {
    const port = await serve(async (socket) => {
      socket.end('a||b|');
    });
    const handle = await openReader(new SocketTextSource('127.0.0.1', port, '||'));
    expect(await handle.drain(5000)).toEqual(['a', 'b|']);
  });

  it('reads on subtask 0 only', async () => {
    const port = await serve(async (socket) => {
      socket.end('x\n');
    });
    const source = new SocketTextSource('127.0.0.1', port);
    const other = await openReader(source, { subtaskIndex: 1, parallelism: 2 });
    expect(other.reader.pollNext({ collect: () => undefined })).toBe('end');
    const first = await openReader(source, { subtaskIndex: 0, parallelism: 2 });
    expect(await first.drain(5000)).toEqual(['x']);
  });

  it('reconnects while it has retries left', async () => {
    const port = await serve(async (socket, n) => {
      socket.end(`conn-${n}\n`);
    });
    const handle = await openReader(new SocketTextSource('127.0.0.1', port, '\n', 1));
    expect(await handle.drain(5000)).toEqual(['conn-0', 'conn-1']);
  });

  it('fails the reader when it cannot connect', async () => {
    const port = await serve(async () => undefined);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = null;
    const handle = await openReader(new SocketTextSource('127.0.0.1', port));
    await expect(handle.drain(5000)).rejects.toThrow(/ECONNREFUSED/);
  });
});
