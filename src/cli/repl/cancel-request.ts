/**
 * Sends a CancelRequest for a running statement: a separate connection carrying the
 * session's process id and secret key, as psql does on Ctrl-C. The server answers the
 * statement with SQLSTATE 57014 on the original connection.
 *
 * Written here rather than through node-postgres' `Client#cancel`, which reads the deprecated
 * `activeQuery` and prints a deprecation warning on the user's terminal.
 * @see https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-CANCELING-REQUESTS
 * @see https://www.postgresql.org/docs/current/protocol-message-formats.html (CancelRequest)
 */
import { connect } from 'node:net';

/** The CancelRequest code: 1234 in the high 16 bits, 5678 in the low 16 bits. */
const CANCEL_REQUEST_CODE = 80877102;

export function sendCancelRequest(host: string, port: number, processId: number, secretKey: number): Promise<boolean> {
  const message = Buffer.alloc(16);
  message.writeInt32BE(16, 0);
  message.writeInt32BE(CANCEL_REQUEST_CODE, 4);
  message.writeInt32BE(processId, 8);
  message.writeInt32BE(secretKey, 12);
  /** Resolves true once the request is written, false when it could not be. */
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => socket.end(message, () => resolve(true)));
    // Best effort, as in libpq: a cancel that cannot be delivered changes nothing.
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(false));
    socket.setTimeout(5000, () => socket.destroy());
  });
}
