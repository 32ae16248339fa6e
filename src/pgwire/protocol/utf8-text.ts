/**
 * Wire bytes to text, checked as PostgreSQL checks client input in a UTF8 database: a
 * malformed sequence, a surrogate, an overlong form or a NUL is refused with 22021
 * `invalid byte sequence for encoding "UTF8": 0xc3 0x28`, naming the bytes of the first bad
 * character as `report_invalid_encoding` (mbutils.c) does. Node's own decoding would turn
 * them into U+FFFD and store them silently.
 *
 * @see https://www.postgresql.org/docs/15/multibyte.html
 */
import { isUtf8 } from 'node:buffer';
import { BackendError } from '../backend-error.ts';
import { utf8SequenceLength } from '../../sql/types/utf8.ts';
import { SqlState } from '../../errors/index.ts';

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8, refusing what PostgreSQL refuses (including NUL, which text cannot hold). */
export function decodeUtf8(bytes: Uint8Array): string {
  if (!isUtf8(bytes) || bytes.indexOf(0) !== -1) throw invalidByteSequence(bytes, firstInvalid(bytes, true));
  return strictDecoder.decode(bytes);
}

/** Where the first invalid character starts, or -1; an incomplete one at the end counts unless `final` is false. */
export function firstInvalid(bytes: Uint8Array, final: boolean): number {
  for (let i = 0; i < bytes.length; ) {
    const n = utf8SequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (n === 0 && !final) return -1;
    return i;
  }
  return -1;
}

/** PostgreSQL's message: the bytes of the character at `at`, as long as its lead byte says (pg_utf_mblen). */
export function invalidByteSequence(bytes: Uint8Array, at: number): BackendError {
  const lead = bytes[at] ?? 0;
  const length = (lead & 0x80) === 0 ? 1 : (lead & 0xe0) === 0xc0 ? 2 : (lead & 0xf0) === 0xe0 ? 3 : (lead & 0xf8) === 0xf0 ? 4 : 1;
  const shown = Array.from(bytes.subarray(at, Math.min(at + length, bytes.length)), (x) => `0x${x.toString(16).padStart(2, '0')}`);
  return new BackendError(SqlState.characterNotInRepertoire, `invalid byte sequence for encoding "UTF8": ${shown.join(' ')}`);
}

/** True when `e` is the error `decodeUtf8` throws. */
export function isInvalidByteSequence(e: unknown): e is BackendError {
  return e instanceof BackendError && e.code === SqlState.characterNotInRepertoire;
}

/**
 * Checks a stream of chunks (COPY FROM STDIN data) as one text: a character may be split
 * between chunks, so an incomplete one at a chunk's end waits for the next.
 */
export async function* checkedUtf8Chunks(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let carry: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    const data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    const cut = completeLength(data);
    const whole = data.subarray(0, cut);
    if (!isUtf8(whole) || whole.indexOf(0) !== -1) throw invalidByteSequence(whole, firstInvalid(whole, true));
    carry = Uint8Array.from(data.subarray(cut));
    // Pass the chunk on as it came: the reader decodes across chunk boundaries itself.
    yield chunk;
  }
  if (carry.length > 0) throw invalidByteSequence(carry, 0);
}

/** The bytes of `data` up to a character that starts near the end but is cut off there. */
function completeLength(data: Uint8Array): number {
  for (let i = data.length - 1; i >= 0 && i >= data.length - 3; i--) {
    const b = data[i]!;
    if ((b & 0xc0) === 0x80) continue;
    return utf8SequenceLength(data, i) === 0 ? i : data.length;
  }
  return data.length;
}
