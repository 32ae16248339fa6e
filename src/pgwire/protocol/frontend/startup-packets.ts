/**
 * The packets a client may send before the startup message is accepted. They have no type
 * byte; a request code in place of the protocol version tells them apart.
 *
 * @see https://www.postgresql.org/docs/15/protocol-message-formats.html (StartupMessage,
 *      SSLRequest, GSSENCRequest, CancelRequest)
 */
import { ProtocolViolation } from '../../backend-error.ts';
import { MessageReader } from '../message-reader.ts';

const SSL_REQUEST_CODE = 80877103;
const GSSENC_REQUEST_CODE = 80877104;
const CANCEL_REQUEST_CODE = 80877102;

export type StartupPacket =
  | { readonly kind: 'ssl-request' }
  | { readonly kind: 'gssenc-request' }
  | { readonly kind: 'cancel-request'; readonly processId: number; readonly secretKey: number }
  | {
      readonly kind: 'startup';
      readonly majorVersion: number;
      readonly minorVersion: number;
      /** user, database, options, application_name, client_encoding, ... as sent. */
      readonly parameters: ReadonlyMap<string, string>;
    };

/** `body` is the packet without its length word. */
export function parseStartupPacket(body: Buffer): StartupPacket {
  const r = new MessageReader(body, 'startup packet');
  const code = r.int32();
  switch (code) {
    case SSL_REQUEST_CODE:
      r.end();
      return { kind: 'ssl-request' };
    case GSSENC_REQUEST_CODE:
      r.end();
      return { kind: 'gssenc-request' };
    case CANCEL_REQUEST_CODE: {
      const processId = r.int32();
      const secretKey = r.int32();
      r.end();
      return { kind: 'cancel-request', processId, secretKey };
    }
  }
  const parameters = new Map<string, string>();
  // Name/value pairs, then a single NUL.
  for (;;) {
    if (r.remaining === 0) throw new ProtocolViolation('invalid startup packet layout: expected terminator as last byte');
    const name = r.cstring();
    if (name === '') break;
    if (r.remaining === 0) throw new ProtocolViolation(`invalid startup packet layout: missing value for parameter "${name}"`);
    parameters.set(name, r.cstring());
  }
  r.end();
  return { kind: 'startup', majorVersion: code >>> 16, minorVersion: code & 0xffff, parameters };
}

/**
 * Splits the `options` startup parameter the way PostgreSQL does: words separated by spaces
 * (a backslash escapes the next character), each `-c name=value` or `--name=value`.
 */
export function parseOptionsParameter(options: string): Map<string, string> {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < options.length; i++) {
    const c = options[i]!;
    if (c === '\\' && i + 1 < options.length) {
      word += options[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);

  const settings = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    let setting: string | undefined;
    const w = words[i]!;
    if (w === '-c') setting = words[++i];
    else if (w.startsWith('-c')) setting = w.slice(2);
    else if (w.startsWith('--')) setting = w.slice(2);
    if (setting === undefined) throw new ProtocolViolation(`invalid command-line argument for server process: ${w}`);
    const eq = setting.indexOf('=');
    if (eq <= 0) throw new ProtocolViolation(`invalid command-line argument for server process: ${setting}`);
    settings.set(setting.slice(0, eq).replaceAll('-', '_'), setting.slice(eq + 1));
  }
  return settings;
}
