/**
 * Backend messages of the startup phase: the answer to SSL/GSS requests, authentication
 * requests, ParameterStatus and BackendKeyData.
 *
 * @see https://www.postgresql.org/docs/15/protocol-flow.html#PROTOCOL-FLOW-START-UP
 */
import type { MessageWriter } from '../message-writer.ts';

/** 'N': this server does not do SSL (or GSS encryption); the client continues in the clear. */
export function writeEncryptionRefused(w: MessageWriter): void {
  w.rawByte('N');
}

export function writeAuthenticationOk(w: MessageWriter): void {
  w.begin('R').int32(0).end();
}

export function writeAuthenticationCleartextPassword(w: MessageWriter): void {
  w.begin('R').int32(3).end();
}

export function writeAuthenticationMd5Password(w: MessageWriter, salt: Buffer): void {
  w.begin('R').int32(5).bytes(salt).end();
}

/** AuthenticationSASL with the mechanisms offered. */
export function writeAuthenticationSasl(w: MessageWriter, mechanisms: readonly string[]): void {
  w.begin('R').int32(10);
  for (const m of mechanisms) w.cstring(m);
  w.byte(0).end();
}

export function writeAuthenticationSaslContinue(w: MessageWriter, data: string): void {
  w.begin('R').int32(11).bytes(Buffer.from(data, 'utf8')).end();
}

export function writeAuthenticationSaslFinal(w: MessageWriter, data: string): void {
  w.begin('R').int32(12).bytes(Buffer.from(data, 'utf8')).end();
}

export function writeParameterStatus(w: MessageWriter, name: string, value: string): void {
  w.begin('S').cstring(name).cstring(value).end();
}

export function writeBackendKeyData(w: MessageWriter, processId: number, secretKey: number): void {
  w.begin('K').int32(processId).int32(secretKey).end();
}

/** The client asked for protocol 3.x with x > 0, or for `_pq_.` options this server lacks. */
export function writeNegotiateProtocolVersion(w: MessageWriter, newestMinor: number, unrecognized: readonly string[]): void {
  w.begin('v').int32((3 << 16) | newestMinor).int32(unrecognized.length);
  for (const option of unrecognized) w.cstring(option);
  w.end();
}
