/**
 * Cuts the client's byte stream into packets. Until the startup message is accepted, packets
 * have no type byte (Int32 length, body); after it, every message is a type byte, an Int32
 * length that counts itself, and the body.
 *
 * Chunks are kept in a list and joined once per packet, so a large message arriving in many
 * small chunks costs linear time, not quadratic.
 *
 * @see https://www.postgresql.org/docs/15/protocol-overview.html#PROTOCOL-MESSAGE-CONCEPTS
 */
import { ProtocolViolation } from '../../backend-error.ts';

/** PostgreSQL's MAX_STARTUP_PACKET_LENGTH. */
export const MAX_STARTUP_PACKET_BYTES = 10_000;

export interface UntypedPacket {
  readonly body: Buffer;
}

export interface TypedPacket {
  readonly type: string;
  readonly body: Buffer;
}

export class PacketFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private typed = false;
  private readonly maxMessageBytes: number;

  constructor(maxMessageBytes: number) {
    this.maxMessageBytes = maxMessageBytes;
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  /** After the startup message: every following packet carries a type byte. */
  startTyped(): void {
    this.typed = true;
  }

  get isTyped(): boolean {
    return this.typed;
  }

  /** The next startup-phase packet, or null until it has fully arrived. */
  nextUntyped(): UntypedPacket | null {
    if (this.buffered < 4) return null;
    const length = this.peek(4).readInt32BE(0);
    if (length < 8 || length > MAX_STARTUP_PACKET_BYTES) throw new ProtocolViolation(`invalid length of startup packet (${length} bytes)`);
    if (this.buffered < length) return null;
    return { body: this.consume(length).subarray(4) };
  }

  /** The next typed message, or null until it has fully arrived. */
  nextTyped(): TypedPacket | null {
    if (this.buffered < 5) return null;
    const head = this.peek(5);
    const length = head.readInt32BE(1);
    if (length < 4 || length > this.maxMessageBytes) {
      throw new ProtocolViolation(`invalid message length ${length} for message type "${printable(head[0]!)}"`);
    }
    if (this.buffered < length + 1) return null;
    const packet = this.consume(length + 1);
    return { type: String.fromCharCode(packet[0]!), body: packet.subarray(5) };
  }

  private peek(n: number): Buffer {
    if (this.chunks[0]!.length < n) this.join();
    return this.chunks[0]!.subarray(0, n);
  }

  private consume(n: number): Buffer {
    if (this.chunks[0]!.length < n) this.join();
    const first = this.chunks[0]!;
    const out = first.subarray(0, n);
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.buffered -= n;
    return out;
  }

  private join(): void {
    this.chunks = [Buffer.concat(this.chunks, this.buffered)];
  }
}

function printable(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
}
