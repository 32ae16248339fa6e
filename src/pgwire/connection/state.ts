/**
 * The states of one pgwire connection. Each state's messages are handled in its own file under
 * `states/`; a handler returns nothing and moves the connection by assigning the next state
 * through `PgConnection.transition`, so every change of state is named at one call site.
 *
 *   awaiting-startup ──StartupMessage──► authenticating ──password ok──► ready
 *          │  ▲                              │                          │  ▲
 *          │  └─SSLRequest/GSSENCRequest: 'N'│                   Query/ │  │ done
 *          │                                 │                 Execute  ▼  │
 *          │                                 │                        in-query ◄──CopyDone/CopyFail── copy-in
 *          │                                 │                          │ └──COPY FROM STDIN──────────────►┘
 *          │                                 │                          │ error in an extended-protocol message
 *          │                                 │                          ▼
 *          │                                 │                   skipping-until-sync ──Sync──► ready
 *          └──CancelRequest / fatal error────┴──────────Terminate / fatal / network loss──► closed
 */
import type { StartupParams } from './startup-params.ts';
import type { ScramExchange } from './scram.ts';

export type ConnectionState =
  | { readonly kind: 'awaiting-startup' }
  | {
      readonly kind: 'authenticating';
      readonly params: StartupParams;
      readonly method: 'password' | 'md5' | 'scram-sha-256';
      /** The MD5 salt sent in AuthenticationMD5Password. */
      readonly salt: Buffer;
      /** SCRAM: the exchange after the client's first message (absent before it). */
      readonly scram?: ScramExchange;
    }
  /** Between messages; also between the messages of an extended-protocol batch. */
  | { readonly kind: 'ready' }
  /** A statement runs; a cancel request for this connection reaches it through `cancel`. */
  | { readonly kind: 'in-query'; readonly cancel: () => void }
  /**
   * COPY ... FROM STDIN of a running statement: CopyData, CopyDone and CopyFail are read by
   * the statement (`PgConnection.copyIn`), not by a state handler.
   */
  | { readonly kind: 'copy-in'; readonly cancel: () => void }
  /** An extended-protocol message failed: discard everything until Sync. */
  | { readonly kind: 'skipping-until-sync' }
  | { readonly kind: 'closed'; readonly reason: string };

export type ConnectionStateKind = ConnectionState['kind'];
