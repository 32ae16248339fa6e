/**
 * A client that speaks the protocol byte by byte, for what drivers never send (garbage, bad
 * lengths, row limits with PortalSuspended, binary formats) and for exact message order.
 * It decodes backend messages into {type, fields} for assertions.
 */
import { connect, type Socket } from 'node:net';

export interface BackendMessage {
  readonly type: string;
  readonly body: Buffer;
}

export class RawClient {
  readonly socket: Socket;
  private buffer = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  ended = false;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port }, () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Sends a startup message and reads up to ReadyForQuery. */
  async startup(parameters: Record<string, string> = { user: 'weir', database: 'dev' }): Promise<BackendMessage[]> {
    this.send(startupMessage(parameters));
    return this.readUntil('Z');
  }

  /** The single byte answered to SSLRequest/GSSENCRequest. */
  async readByte(): Promise<string> {
    await this.waitFor(1);
    const b = String.fromCharCode(this.buffer[0]!);
    this.buffer = this.buffer.subarray(1);
    return b;
  }

  async readMessage(): Promise<BackendMessage | null> {
    await this.waitFor(5);
    if (this.buffer.length < 5) return null;
    const length = this.buffer.readInt32BE(1);
    await this.waitFor(length + 1);
    if (this.buffer.length < length + 1) return null;
    const message = { type: String.fromCharCode(this.buffer[0]!), body: this.buffer.subarray(5, length + 1) };
    this.buffer = this.buffer.subarray(length + 1);
    return message;
  }

  /** Messages up to and including the first of `type`; stops early if the server closes. */
  async readUntil(type: string): Promise<BackendMessage[]> {
    const out: BackendMessage[] = [];
    for (;;) {
      const m = await this.readMessage();
      if (m === null) return out;
      out.push(m);
      if (m.type === type) return out;
    }
  }

  /** Resolves when the server has closed the connection. */
  async closed(): Promise<void> {
    while (!this.ended) await new Promise<void>((r) => this.waiters.push(r));
  }

  end(): void {
    this.socket.end();
  }

  private async waitFor(n: number): Promise<void> {
    while (this.buffer.length < n && !this.ended) await new Promise<void>((r) => this.waiters.push(r));
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

// ---- frontend message builders ----

function cstr(s: string): Buffer {
  return Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from([0])]);
}

function int16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

export function typed(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
}

export function untyped(...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([int32(body.length + 4), body]);
}

export function startupMessage(parameters: Record<string, string>, version = 196608): Buffer {
  return untyped(int32(version), ...Object.entries(parameters).flatMap(([k, v]) => [cstr(k), cstr(v)]), Buffer.from([0]));
}

export const sslRequest = (): Buffer => untyped(int32(80877103));
export const gssencRequest = (): Buffer => untyped(int32(80877104));
export const query = (sql: string): Buffer => typed('Q', cstr(sql));
export const parse = (name: string, sql: string, types: number[] = []): Buffer => typed('P', cstr(name), cstr(sql), int16(types.length), ...types.map(int32));
export const describe = (target: 'S' | 'P', name: string): Buffer => typed('D', Buffer.from(target), cstr(name));
export const execute = (portal: string, maxRows = 0): Buffer => typed('E', cstr(portal), int32(maxRows));
export const close = (target: 'S' | 'P', name: string): Buffer => typed('C', Buffer.from(target), cstr(name));
export const sync = (): Buffer => typed('S');
export const flush = (): Buffer => typed('H');
export const terminate = (): Buffer => typed('X');

export function bind(portal: string, statement: string, params: (Buffer | string | null)[], paramFormats: number[] = [], resultFormats: number[] = []): Buffer {
  return typed(
    'B',
    cstr(portal),
    cstr(statement),
    int16(paramFormats.length),
    ...paramFormats.map(int16),
    int16(params.length),
    ...params.map((p) => (p === null ? int32(-1) : Buffer.concat([int32(Buffer.byteLength(p)), typeof p === 'string' ? Buffer.from(p) : p]))),
    int16(resultFormats.length),
    ...resultFormats.map(int16),
  );
}

// ---- backend message decoders ----

/** ErrorResponse/NoticeResponse fields by code letter. */
export function errorFields(m: BackendMessage): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < m.body.length && m.body[i] !== 0) {
    const code = String.fromCharCode(m.body[i]!);
    const end = m.body.indexOf(0, i + 1);
    out[code] = m.body.toString('utf8', i + 1, end);
    i = end + 1;
  }
  return out;
}

/** DataRow values, as raw buffers (null for NULL). */
export function dataRow(m: BackendMessage): (Buffer | null)[] {
  const n = m.body.readInt16BE(0);
  const out: (Buffer | null)[] = [];
  let i = 2;
  for (let k = 0; k < n; k++) {
    const len = m.body.readInt32BE(i);
    i += 4;
    if (len === -1) out.push(null);
    else {
      out.push(m.body.subarray(i, i + len));
      i += len;
    }
  }
  return out;
}

export function commandTagOf(m: BackendMessage): string {
  return m.body.toString('utf8', 0, m.body.length - 1);
}

export interface RowDescriptionField {
  name: string;
  tableOid: number;
  columnNumber: number;
  typeOid: number;
  typeSize: number;
  typeModifier: number;
  format: number;
}

export function rowDescription(m: BackendMessage): RowDescriptionField[] {
  const n = m.body.readInt16BE(0);
  const out: RowDescriptionField[] = [];
  let i = 2;
  for (let k = 0; k < n; k++) {
    const end = m.body.indexOf(0, i);
    const name = m.body.toString('utf8', i, end);
    i = end + 1;
    out.push({
      name,
      tableOid: m.body.readUInt32BE(i),
      columnNumber: m.body.readInt16BE(i + 4),
      typeOid: m.body.readUInt32BE(i + 6),
      typeSize: m.body.readInt16BE(i + 10),
      typeModifier: m.body.readInt32BE(i + 12),
      format: m.body.readInt16BE(i + 16),
    });
    i += 18;
  }
  return out;
}

export const types = (ms: readonly BackendMessage[]): string => ms.map((m) => m.type).join('');
