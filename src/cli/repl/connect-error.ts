/**
 * The message for a connection that could not be made, in psql's words:
 *
 *   weir sql: error: connection to server at "localhost", port 5433 failed: Connection refused
 *   	Is the server running on that host and accepting TCP/IP connections?
 */
import type { ConnectionSettings } from './connection-settings.ts';

const SOCKET_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?',
  ENOTFOUND: 'could not translate host name to address: Name or service not known',
  EAI_AGAIN: 'could not translate host name to address: Temporary failure in name resolution',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ECONNRESET: 'server closed the connection unexpectedly',
};

export function describeConnectError(settings: ConnectionSettings, e: unknown): string {
  return `weir sql: error: connection to server at "${settings.host}", port ${settings.port} failed: ${reason(e)}\n`;
}

function reason(e: unknown): string {
  const error = e as { code?: unknown; severity?: unknown; message?: unknown; errors?: unknown[] };
  // A startup error from the server (unknown database, bad password): FATAL:  message.
  if (typeof error.severity === 'string') return `${error.severity}:  ${String(error.message)}`;
  if (typeof error.code === 'string' && error.code in SOCKET_ERRORS) return SOCKET_ERRORS[error.code]!;
  // Node tries every address of a name (IPv6 and IPv4) and reports them together.
  if (Array.isArray(error.errors) && error.errors.length > 0) return reason(error.errors[0]);
  return typeof error.message === 'string' && error.message !== '' ? error.message : String(e);
}
