/**
 * Frontend (client → server) messages after startup, as one tagged union, and the parser
 * from a typed packet to a message.
 *
 * @see https://www.postgresql.org/docs/15/protocol-message-formats.html
 */
import { ProtocolViolation, type BackendError } from '../../backend-error.ts';
import { MessageReader } from '../message-reader.ts';
import { isInvalidByteSequence } from '../utf8-text.ts';
import type { TypedPacket } from './packet-framer.ts';

/** 0 = text, 1 = binary. */
export type FormatCode = 0 | 1;

export type DescribeTarget = 'statement' | 'portal';

export type FrontendMessage =
  | { readonly kind: 'query'; readonly sql: string }
  | { readonly kind: 'parse'; readonly statement: string; readonly sql: string; readonly parameterTypes: readonly number[] }
  | {
      readonly kind: 'bind';
      readonly portal: string;
      readonly statement: string;
      readonly parameterFormats: readonly FormatCode[];
      /** Raw parameter values; null is SQL NULL. */
      readonly parameters: readonly (Buffer | null)[];
      readonly resultFormats: readonly FormatCode[];
    }
  | { readonly kind: 'describe'; readonly target: DescribeTarget; readonly name: string }
  | { readonly kind: 'execute'; readonly portal: string; /** 0 = no limit. */ readonly maxRows: number }
  | { readonly kind: 'close'; readonly target: DescribeTarget; readonly name: string }
  | { readonly kind: 'sync' }
  | { readonly kind: 'flush' }
  | { readonly kind: 'terminate' }
  /** PasswordMessage, and also SASLInitialResponse/SASLResponse, which share the type byte. */
  | { readonly kind: 'password'; readonly body: Buffer }
  /** COPY ... FROM STDIN data, its end, and the client giving up (with its reason). */
  | { readonly kind: 'copy-data'; readonly data: Buffer }
  | { readonly kind: 'copy-done' }
  | { readonly kind: 'copy-fail'; readonly message: string }
  /**
   * A well-framed message whose text is not valid UTF-8 (22021): an ERROR for that message
   * alone, as in PostgreSQL — a Query is answered and the session goes on; an extended-query
   * message starts the skip to Sync.
   */
  | { readonly kind: 'invalid-text'; readonly query: boolean; readonly error: BackendError }
  /** Messages Weir recognises but does not support yet: FunctionCall. */
  | { readonly kind: 'unsupported'; readonly name: string };

export type FrontendMessageKind = FrontendMessage['kind'];

export function parseFrontendMessage(packet: TypedPacket): FrontendMessage {
  try {
    return parseMessage(packet);
  } catch (e) {
    if (isInvalidByteSequence(e)) return { kind: 'invalid-text', query: packet.type === 'Q', error: e };
    throw e;
  }
}

function parseMessage(packet: TypedPacket): FrontendMessage {
  switch (packet.type) {
    case 'Q': {
      const r = new MessageReader(packet.body, 'Query');
      const sql = r.cstring();
      r.end();
      return { kind: 'query', sql };
    }
    case 'P':
      return parseParse(new MessageReader(packet.body, 'Parse'));
    case 'B':
      return parseBind(new MessageReader(packet.body, 'Bind'));
    case 'D': {
      const r = new MessageReader(packet.body, 'Describe');
      const target = describeTarget(r.byte(), 'Describe');
      const name = r.cstring();
      r.end();
      return { kind: 'describe', target, name };
    }
    case 'E': {
      const r = new MessageReader(packet.body, 'Execute');
      const portal = r.cstring();
      const maxRows = r.int32();
      r.end();
      return { kind: 'execute', portal, maxRows: maxRows < 0 ? 0 : maxRows };
    }
    case 'C': {
      const r = new MessageReader(packet.body, 'Close');
      const target = describeTarget(r.byte(), 'Close');
      const name = r.cstring();
      r.end();
      return { kind: 'close', target, name };
    }
    case 'S':
      return { kind: 'sync' };
    case 'H':
      return { kind: 'flush' };
    case 'X':
      return { kind: 'terminate' };
    case 'p':
      return { kind: 'password', body: packet.body };
    case 'd':
      return { kind: 'copy-data', data: packet.body };
    case 'c':
      return { kind: 'copy-done' };
    case 'f': {
      const r = new MessageReader(packet.body, 'CopyFail');
      // Only quoted back in the error: never worth refusing.
      const message = r.cstring(true);
      r.end();
      return { kind: 'copy-fail', message };
    }
    case 'F':
      return { kind: 'unsupported', name: 'FunctionCall' };
    default:
      throw new ProtocolViolation(`invalid frontend message type ${packet.type.charCodeAt(0)}`);
  }
}

function parseParse(r: MessageReader): FrontendMessage {
  const statement = r.cstring();
  const sql = r.cstring();
  const count = r.uint16();
  r.expect(count, 4);
  const parameterTypes: number[] = [];
  for (let i = 0; i < count; i++) parameterTypes.push(r.uint32());
  r.end();
  return { kind: 'parse', statement, sql, parameterTypes };
}

function parseBind(r: MessageReader): FrontendMessage {
  const portal = r.cstring();
  const statement = r.cstring();
  const parameterFormats = formatCodes(r);
  const count = r.uint16();
  r.expect(count, 4);
  const parameters: (Buffer | null)[] = [];
  for (let i = 0; i < count; i++) {
    const length = r.int32();
    parameters.push(length === -1 ? null : r.bytes(length));
  }
  const resultFormats = formatCodes(r);
  r.end();
  return { kind: 'bind', portal, statement, parameterFormats, parameters, resultFormats };
}

function formatCodes(r: MessageReader): FormatCode[] {
  const count = r.uint16();
  r.expect(count, 2);
  const codes: FormatCode[] = [];
  for (let i = 0; i < count; i++) {
    const code = r.int16();
    if (code !== 0 && code !== 1) throw new ProtocolViolation(`unsupported format code: ${code}`);
    codes.push(code);
  }
  return codes;
}

function describeTarget(byte: number, what: string): DescribeTarget {
  if (byte === 0x53 /* S */) return 'statement';
  if (byte === 0x50 /* P */) return 'portal';
  throw new ProtocolViolation(`invalid ${what} message subtype ${byte}`);
}

/** The PasswordMessage body: the password (cleartext, or "md5" + hex digest). */
export function passwordOf(body: Buffer): string {
  const r = new MessageReader(body, 'PasswordMessage');
  const password = r.cstring();
  r.end();
  return password;
}
