/**
 * ErrorResponse and NoticeResponse: a list of (field code, string) pairs ended by a zero byte.
 *
 * @see https://www.postgresql.org/docs/15/protocol-error-fields.html
 */
import type { BackendError } from '../../backend-error.ts';
import type { Notice } from '../../session.ts';
import type { MessageWriter } from '../message-writer.ts';

export function writeErrorResponse(w: MessageWriter, e: BackendError): void {
  w.begin('E');
  writeFields(w, e.severity, e.code, e.message, e.detail, e.hint, e.position, e.context, e.object);
  w.end();
}

export function writeNoticeResponse(w: MessageWriter, n: Notice): void {
  w.begin('N');
  writeFields(w, n.severity, n.code, n.message, n.detail, n.hint, undefined, undefined);
  w.end();
}

function writeFields(
  w: MessageWriter,
  severity: string,
  code: string,
  message: string,
  detail: string | undefined,
  hint: string | undefined,
  position: number | undefined,
  context: string | undefined,
  object?: BackendError['object'],
): void {
  // 'S' may be localized; 'V' never is (clients since 9.6 read it). Weir is not localized.
  w.byte(0x53).cstring(severity);
  w.byte(0x56).cstring(severity);
  w.byte(0x43).cstring(code);
  w.byte(0x4d).cstring(message);
  if (detail !== undefined) w.byte(0x44).cstring(detail);
  if (hint !== undefined) w.byte(0x48).cstring(hint);
  if (position !== undefined) w.byte(0x50).cstring(String(position));
  if (context !== undefined) w.byte(0x57).cstring(context);
  if (object !== undefined) {
    w.byte(0x73).cstring(object.schema);
    w.byte(0x74).cstring(object.table);
    if (object.column !== undefined) w.byte(0x63).cstring(object.column);
    if (object.constraint !== undefined) w.byte(0x6e).cstring(object.constraint);
  }
  w.byte(0);
}
