/**
 * Reads the fields of one frontend message body. Every read is bounds-checked: a message that
 * ends early or lacks a string terminator is a protocol violation (08P01), never an exception
 * that escapes the connection.
 */
import { ProtocolViolation } from '../backend-error.ts';
import { decodeUtf8 } from './utf8-text.ts';

export class MessageReader {
  private readonly body: Buffer;
  private offset = 0;
  /** The message type, for error messages ("invalid Bind message format"). */
  private readonly what: string;

  constructor(body: Buffer, what: string) {
    this.body = body;
    this.what = what;
  }

  get remaining(): number {
    return this.body.length - this.offset;
  }

  byte(): number {
    this.need(1);
    return this.body[this.offset++]!;
  }

  int16(): number {
    this.need(2);
    const v = this.body.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  /** Counts (parameters, formats) are unsigned: PostgreSQL's pq_getmsgint reads them so, up to 65,535. */
  uint16(): number {
    this.need(2);
    const v = this.body.readUInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  /**
   * Checks that `count` items of at least `bytesEach` bytes can follow, before anything is
   * allocated for them.
   */
  expect(count: number, bytesEach: number): void {
    if (count * bytesEach > this.remaining) throw new ProtocolViolation(`invalid ${this.what} message format: insufficient data left in message`);
  }

  int32(): number {
    this.need(4);
    const v = this.body.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  uint32(): number {
    this.need(4);
    const v = this.body.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  /**
   * A NUL-terminated string. Invalid UTF-8 throws 22021 (an ERROR, not a protocol violation:
   * the message was framed correctly); `lossy` decodes it with U+FFFD instead.
   */
  cstring(lossy = false): string {
    const end = this.body.indexOf(0, this.offset);
    if (end === -1) throw new ProtocolViolation(`invalid ${this.what} message format: unterminated string`);
    const s = lossy ? this.body.toString('utf8', this.offset, end) : decodeUtf8(this.body.subarray(this.offset, end));
    this.offset = end + 1;
    return s;
  }

  bytes(n: number): Buffer {
    this.need(n);
    const b = this.body.subarray(this.offset, this.offset + n);
    this.offset += n;
    return b;
  }

  /** Checks that the message was consumed exactly, as PostgreSQL's pq_getmsgend does. */
  end(): void {
    if (this.offset !== this.body.length) throw new ProtocolViolation(`invalid ${this.what} message format: ${this.remaining} unexpected trailing bytes`);
  }

  private need(n: number): void {
    if (n < 0 || this.offset + n > this.body.length) throw new ProtocolViolation(`invalid ${this.what} message format: message ends early`);
  }
}
