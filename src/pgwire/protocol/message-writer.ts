/**
 * A growable output buffer for backend messages: `begin(type)` reserves the length word,
 * `end()` fills it in, `take()` hands the bytes to the socket. One writer per connection, so
 * encoding a result allocates only when the buffer grows.
 *
 * @see https://www.postgresql.org/docs/15/protocol-message-types.html
 */
export class MessageWriter {
  private buffer: Buffer;
  private offset = 0;
  /** Where the length word of the open message starts, or -1 when none is open. */
  private lengthAt = -1;

  constructor(initialSize = 8192) {
    this.buffer = Buffer.allocUnsafe(initialSize);
  }

  /** Bytes written and not yet taken. */
  get length(): number {
    return this.offset;
  }

  /** Opens a message of the given type byte (e.g. `'T'`). */
  begin(type: string): this {
    if (this.lengthAt !== -1) throw new Error(`message ${String.fromCharCode(this.buffer[this.lengthAt - 1]!)} is still open`);
    this.ensure(5);
    this.buffer[this.offset] = type.charCodeAt(0);
    this.lengthAt = this.offset + 1;
    this.offset += 5;
    return this;
  }

  /** Closes the open message, writing its length (which counts itself but not the type byte). */
  end(): this {
    this.buffer.writeInt32BE(this.offset - this.lengthAt, this.lengthAt);
    this.lengthAt = -1;
    return this;
  }

  /** A single byte outside any message (the answer to SSLRequest and GSSENCRequest). */
  rawByte(value: string): this {
    this.ensure(1);
    this.buffer[this.offset++] = value.charCodeAt(0);
    return this;
  }

  byte(value: number): this {
    this.ensure(1);
    this.buffer[this.offset++] = value;
    return this;
  }

  int16(value: number): this {
    this.ensure(2);
    this.offset = this.buffer.writeInt16BE(value, this.offset);
    return this;
  }

  int32(value: number): this {
    this.ensure(4);
    this.offset = this.buffer.writeInt32BE(value, this.offset);
    return this;
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(value: string): this {
    const n = Buffer.byteLength(value);
    this.ensure(n + 1);
    this.offset += this.buffer.write(value, this.offset, 'utf8');
    this.buffer[this.offset++] = 0;
    return this;
  }

  /** An Int32 byte length followed by the UTF-8 bytes (a DataRow value). */
  lengthPrefixedString(value: string): this {
    const n = Buffer.byteLength(value);
    this.ensure(n + 4);
    this.offset = this.buffer.writeInt32BE(n, this.offset);
    this.offset += this.buffer.write(value, this.offset, 'utf8');
    return this;
  }

  bytes(value: Uint8Array): this {
    this.ensure(value.length);
    this.buffer.set(value, this.offset);
    this.offset += value.length;
    return this;
  }

  /** The complete messages written so far; the writer starts over. */
  take(): Buffer {
    if (this.lengthAt !== -1) throw new Error('cannot take output while a message is open');
    const out = Buffer.from(this.buffer.subarray(0, this.offset));
    this.offset = 0;
    return out;
  }

  private ensure(n: number): void {
    if (this.offset + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.offset + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buffer.copy(next, 0, 0, this.offset);
    this.buffer = next;
  }
}
