/**
 * SCRAM-SHA-256 (RFC 5802/7677), the server side of PostgreSQL's SASL exchange: the client
 * proves it knows the password without sending it, and the server proves it knows it too.
 *
 *   S: AuthenticationSASL [SCRAM-SHA-256]
 *   C: SASLInitialResponse  client-first  "n,,n=,r=<client nonce>"
 *   S: AuthenticationSASLContinue  server-first  "r=<client+server nonce>,s=<salt>,i=<iterations>"
 *   C: SASLResponse  client-final  "c=biws,r=<nonce>,p=<proof>"
 *   S: AuthenticationSASLFinal  "v=<server signature>", then AuthenticationOk
 *
 * The password is kept only as PostgreSQL keeps it (a salted verifier: StoredKey and
 * ServerKey), derived once when the server starts. No channel binding (Weir has no TLS yet):
 * a client asking for it ("p=") is refused.
 *
 * @see https://www.postgresql.org/docs/15/sasl-authentication.html
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { ProtocolViolation } from '../backend-error.ts';

export const SCRAM_SHA_256 = 'SCRAM-SHA-256';
const ITERATIONS = 4096;

/** The password as a SCRAM verifier (what pg_authid.rolpassword holds for SCRAM). */
export interface ScramVerifier {
  readonly salt: Buffer;
  readonly iterations: number;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

const hmac = (key: Buffer, text: string): Buffer => createHmac('sha256', key).update(text).digest();
const sha256 = (b: Buffer): Buffer => createHash('sha256').update(b).digest();

export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = ITERATIONS): ScramVerifier {
  // SASLprep of ASCII passwords is the identity; PostgreSQL, too, uses other passwords as given when they do not normalize.
  const salted = pbkdf2Sync(Buffer.from(password.normalize('NFKC'), 'utf8'), salt, iterations, 32, 'sha256');
  return { salt, iterations, storedKey: sha256(hmac(salted, 'Client Key')), serverKey: hmac(salted, 'Server Key') };
}

/** One exchange: built from the client-first message, it answers server-first and then checks client-final. */
export class ScramExchange {
  private readonly verifier: ScramVerifier;
  private readonly clientFirstBare: string;
  private readonly nonce: string;
  /** The client's gs2 header, which client-final must echo (base64) in c=. */
  private readonly gs2: string;
  readonly serverFirst: string;

  constructor(verifier: ScramVerifier, clientFirst: string) {
    this.verifier = verifier;
    // gs2 header: "n,," (no channel binding) or "y,," (client could but believes the server cannot).
    const m = /^([ny]),(?:a=[^,]*)?,(.*)$/.exec(clientFirst);
    if (m === null) throw new ProtocolViolation(clientFirst.startsWith('p=') ? 'channel binding is not supported' : 'malformed SCRAM message');
    this.clientFirstBare = m[2]!;
    const clientNonce = /(?:^|,)r=([^,]+)/.exec(this.clientFirstBare)?.[1];
    if (clientNonce === undefined) throw new ProtocolViolation('malformed SCRAM message: no nonce');
    this.nonce = clientNonce + randomBytes(18).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${verifier.salt.toString('base64')},i=${verifier.iterations}`;
    this.gs2 = `${m[1]},,`;
  }

  /** Checks client-final; the server-final message when the proof is right, null when it is wrong. */
  finish(clientFinal: string): string | null {
    const m = /^c=([^,]*),r=([^,]*),(?:.*,)?p=([^,]*)$/.exec(clientFinal);
    if (m === null) throw new ProtocolViolation('malformed SCRAM message');
    const [, binding, nonce, proof] = m as unknown as [string, string, string, string];
    if (Buffer.from(binding, 'base64').toString() !== this.gs2) throw new ProtocolViolation('SCRAM channel binding check failed');
    if (nonce !== this.nonce) throw new ProtocolViolation('SCRAM nonce mismatch');
    const withoutProof = clientFinal.slice(0, clientFinal.lastIndexOf(',p='));
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const signature = hmac(this.verifier.storedKey, authMessage);
    const given = Buffer.from(proof, 'base64');
    if (given.length !== signature.length) return null;
    const clientKey = Buffer.alloc(signature.length);
    for (let i = 0; i < signature.length; i++) clientKey[i] = given[i]! ^ signature[i]!;
    if (!timingSafeEqual(sha256(clientKey), this.verifier.storedKey)) return null;
    return `v=${hmac(this.verifier.serverKey, authMessage).toString('base64')}`;
  }
}
