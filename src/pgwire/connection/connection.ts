/**
 * One client connection: the socket, the output buffer, the packet framer, the session and
 * the extended protocol's statements and portals. It reads one packet at a time and hands it
 * to the handler of its current state (`states/*.ts`); while a packet is handled, the socket
 * is paused, so a client that sends faster than Weir answers is held back by TCP.
 */
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import type { Logger } from '../../config/logging.ts';
import { BackendError, ProtocolViolation, toBackendError } from '../backend-error.ts';
import { parseFrontendMessage, type FrontendMessage } from '../protocol/frontend/messages.ts';
import { PacketFramer } from '../protocol/frontend/packet-framer.ts';
import { parseStartupPacket } from '../protocol/frontend/startup-packets.ts';
import { writeErrorResponse } from '../protocol/backend/error-messages.ts';
import { writeCopyResponse, writeReadyForQuery } from '../protocol/backend/query-messages.ts';
import { writeParameterStatus } from '../protocol/backend/startup-messages.ts';
import { MessageWriter } from '../protocol/message-writer.ts';
import type { SqlSession } from '../session.ts';
import type { Portal, PreparedStatement } from './portal.ts';
import type { ConnectionState } from './state.ts';
import type { ServerSettings } from './server-settings.ts';
import { onAuthenticatingMessage } from './states/authenticating.ts';
import { onReadyMessage } from './states/ready.ts';
import { onSkippingMessage } from './states/skipping-until-sync.ts';
import { onStartupPacket } from './states/awaiting-startup.ts';
import { SqlState } from '../../errors/index.ts';

/** Flush buffered output once it reaches this many bytes, not only at ReadyForQuery. */
const FLUSH_THRESHOLD = 64 * 1024;

/** What a connection needs from the server that accepted it. */
export interface ConnectionHost {
  readonly settings: ServerSettings;
  readonly logger: Logger | null;
  /** Takes a session slot; false when `maxConnections` sessions exist. */
  admit(connection: PgConnection): boolean;
  /** Sends a cancel to the session with this key, if any. */
  cancel(processId: number, secretKey: number): void;
  /** The connection closed. */
  closed(connection: PgConnection): void;
}

export class PgConnection {
  /** The client's socket; a TLS socket over it once the client asked for TLS (SSLRequest). */
  private socket: Socket;
  /** True once the connection runs over TLS. */
  encrypted = false;
  readonly host: ConnectionHost;
  readonly processId: number;
  readonly secretKey: number;
  readonly remoteAddress: string;
  readonly out = new MessageWriter();
  readonly framer: PacketFramer;
  readonly statements = new Map<string, PreparedStatement>();
  readonly portals = new Map<string, Portal>();
  /** ParameterStatus values reported to the client. */
  readonly parameters = new Map<string, string>();
  session: SqlSession | null = null;
  private current: ConnectionState = { kind: 'awaiting-startup' };
  private pumping = false;
  private startupTimer: NodeJS.Timeout | null;
  private drainWaiters: (() => void)[] = [];
  /** A statement waiting for more bytes from the client (COPY FROM STDIN). */
  private dataWaiter: (() => void) | null = null;
  /** CopyInResponse was sent and the client has not ended its data yet (CopyDone/CopyFail). */
  private copyInOpen = false;

  constructor(socket: Socket, host: ConnectionHost, processId: number, secretKey: number) {
    this.socket = socket;
    this.host = host;
    this.processId = processId;
    this.secretKey = secretKey;
    this.remoteAddress = socket.remoteAddress ?? '';
    this.framer = new PacketFramer(host.settings.maxMessageBytes);
    socket.setNoDelay(true);
    this.listen(socket);
    this.startupTimer = setTimeout(() => {
      this.startupTimer = null;
      if (this.current.kind === 'awaiting-startup' || this.current.kind === 'authenticating') {
        void this.fail(new BackendError(SqlState.connectionFailure, 'canceling authentication due to timeout', { severity: 'FATAL' }));
      }
    }, host.settings.startupTimeoutMs);
    this.startupTimer.unref();
  }

  private readonly onData = (chunk: Buffer): void => {
    this.framer.push(chunk);
    if (this.dataWaiter !== null) this.wakeDataWaiter();
    else void this.pump();
  };

  private listen(socket: Socket): void {
    socket.on('data', this.onData);
    socket.on('drain', () => this.releaseDrainWaiters());
    socket.on('error', (e) => this.host.logger?.debug(`connection ${this.processId} from ${this.remoteAddress}: ${e.message}`));
    socket.on('close', () => void this.close('client disconnected'));
  }

  /**
   * After 'S' to an SSLRequest: the TLS handshake, then every byte both ways through TLS.
   * The client sends nothing between the request and the handshake, so nothing is buffered.
   */
  startTls(context: SecureContext): void {
    const raw = this.socket;
    raw.removeListener('data', this.onData);
    const secure = new TLSSocket(raw, { isServer: true, secureContext: context });
    this.socket = secure;
    this.encrypted = true;
    this.listen(secure);
  }

  get state(): ConnectionState {
    return this.current;
  }

  transition(next: ConnectionState): void {
    if (this.current.kind === 'closed') return;
    if (next.kind === 'ready' && this.startupTimer !== null) {
      clearTimeout(this.startupTimer);
      this.startupTimer = null;
    }
    this.current = next;
  }

  /** A cancel request arrived with this connection's key: interrupts the running statement. */
  cancel(): void {
    if (this.current.kind === 'in-query' || this.current.kind === 'copy-in') this.current.cancel();
  }

  /**
   * COPY ... FROM STDIN: sends CopyInResponse and yields the client's CopyData until
   * CopyDone; CopyFail ends it with 57014. The socket is read here, packet by packet, while the
   * statement runs (the pump is busy with the Query that started it). Flush and Sync are
   * ignored in between, as PostgreSQL does.
   */
  async *copyIn(columns: number): AsyncGenerator<Uint8Array> {
    const running = this.current;
    if (running.kind !== 'in-query') throw new BackendError(SqlState.protocolViolation, 'COPY FROM STDIN outside a running query');
    writeCopyResponse(this.out, 'in', columns);
    this.copyInOpen = true;
    await this.flush();
    this.transition({ kind: 'copy-in', cancel: running.cancel });
    try {
      for (;;) {
        const message = await this.nextCopyMessage();
        if (message.kind === 'copy-data') yield message.data;
        else if (message.kind === 'copy-done') return;
        else throw new BackendError(SqlState.queryCanceled, `COPY from stdin failed: ${message.message}`);
      }
    } finally {
      if (this.current.kind === 'copy-in') this.transition(running);
    }
  }

  /**
   * After a COPY FROM STDIN that failed before the client finished: reads and drops its
   * remaining CopyData up to CopyDone or CopyFail, so the next message is in step again.
   */
  async discardCopyIn(): Promise<void> {
    while (this.copyInOpen && this.current.kind !== 'closed') await this.nextCopyMessage();
  }

  private async nextCopyMessage(): Promise<Extract<FrontendMessage, { kind: 'copy-data' | 'copy-done' | 'copy-fail' }>> {
    for (;;) {
      if (this.current.kind === 'closed') throw new BackendError(SqlState.connectionFailure, 'the client went away during COPY FROM STDIN');
      const packet = this.framer.nextTyped();
      if (packet === null) {
        await new Promise<void>((resolve) => {
          this.dataWaiter = resolve;
          this.socket.resume();
        });
        this.socket.pause();
        continue;
      }
      const message = parseFrontendMessage(packet);
      switch (message.kind) {
        case 'copy-data':
          return message;
        case 'copy-done':
        case 'copy-fail':
          this.copyInOpen = false;
          return message;
        case 'flush':
        case 'sync':
          continue;
        case 'terminate':
          await this.close('terminated by client during COPY');
          continue;
        default:
          throw new ProtocolViolation(`unexpected message type "${packet.type}" during COPY from stdin`);
      }
    }
  }

  private wakeDataWaiter(): void {
    const w = this.dataWaiter;
    this.dataWaiter = null;
    w?.();
  }

  /** Reports a ParameterStatus change (SET application_name, ...). */
  reportParameter(name: string, value: string): void {
    if (this.parameters.get(name) === value) return;
    this.parameters.set(name, value);
    writeParameterStatus(this.out, name, value);
  }

  async readyForQuery(): Promise<void> {
    writeReadyForQuery(this.out, this.session?.transactionStatus() ?? 'idle');
    await this.flush();
  }

  /** Writes buffered output; waits while the socket's buffer is full (backpressure). */
  async flush(): Promise<void> {
    if (this.out.length === 0 || this.current.kind === 'closed' || this.socket.destroyed) return;
    if (!this.socket.write(this.out.take())) {
      await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    }
  }

  async flushIfFull(): Promise<void> {
    if (this.out.length >= FLUSH_THRESHOLD) await this.flush();
  }

  /** Sends the error and, for FATAL ones, ends the connection. */
  async fail(error: BackendError): Promise<void> {
    writeErrorResponse(this.out, error);
    if (error.severity === 'ERROR') return;
    await this.flush();
    await this.close(`${error.code}: ${error.message}`);
  }

  async close(reason: string): Promise<void> {
    if (this.current.kind === 'closed') return;
    const wasSession = this.session !== null;
    if (this.current.kind === 'in-query' || this.current.kind === 'copy-in') this.current.cancel();
    this.current = { kind: 'closed', reason };
    if (this.startupTimer !== null) clearTimeout(this.startupTimer);
    for (const portal of this.portals.values()) portal.close();
    this.portals.clear();
    if (this.out.length > 0 && !this.socket.destroyed) this.socket.write(this.out.take());
    this.socket.end();
    this.releaseDrainWaiters();
    this.wakeDataWaiter();
    this.host.closed(this);
    if (wasSession) this.host.logger?.debug(`session ${this.processId} closed: ${reason}`);
    const session = this.session;
    this.session = null;
    if (session !== null) {
      try {
        await session.close();
      } catch (e) {
        this.host.logger?.warn(`session ${this.processId}: close failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private releaseDrainWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  /** Handles every complete packet, one at a time, in order. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    this.socket.pause();
    try {
      while (this.current.kind !== 'closed') {
        if (!(await this.handleNextPacket())) break;
      }
    } finally {
      this.pumping = false;
      if (this.current.kind !== 'closed') this.socket.resume();
    }
  }

  /** False when no complete packet is buffered. */
  private async handleNextPacket(): Promise<boolean> {
    try {
      if (!this.framer.isTyped) {
        const packet = this.framer.nextUntyped();
        if (packet === null) return false;
        await onStartupPacket(this, parseStartupPacket(packet.body));
        return true;
      }
      const packet = this.framer.nextTyped();
      if (packet === null) return false;
      const message = parseFrontendMessage(packet);
      switch (this.current.kind) {
        case 'authenticating':
          await onAuthenticatingMessage(this, this.current, message);
          break;
        case 'ready':
          await onReadyMessage(this, message);
          break;
        case 'skipping-until-sync':
          await onSkippingMessage(this, message);
          break;
        case 'awaiting-startup':
        case 'in-query':
        case 'copy-in':
          // Packets are handled one at a time, so neither can see a typed message.
          throw new Error(`typed message in state ${this.current.kind}`);
        case 'closed':
          return false;
      }
      return true;
    } catch (e) {
      const error = toBackendError(e);
      if (error.code === SqlState.internalError) this.host.logger?.error(`session ${this.processId}: ${error.message}${e instanceof Error && e.stack ? `\n${e.stack}` : ''}`);
      else if (error.severity !== 'ERROR') this.host.logger?.info(`connection ${this.processId} from ${this.remoteAddress} ended: ${error.code} ${error.message}`);
      // An error outside a handler's own recovery ends the connection: its state is unknown.
      await this.fail(error.severity === 'ERROR' ? error.fatal() : error);
      return false;
    }
  }
}
