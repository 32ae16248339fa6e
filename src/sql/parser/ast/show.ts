import type { DropObjectType } from './drop.ts';
import type { ObjectName } from './object-name.ts';
import type { Span } from './span.ts';

export type ShowObjectType =
  | 'tables'
  | 'sources'
  | 'views'
  | 'materialized_views'
  | 'sinks'
  | 'indexes'
  | 'jobs'
  | 'schemas'
  | 'databases'
  | 'functions'
  | 'cluster';

export type ShowTarget =
  /** `SHOW TABLES [FROM schema] [LIKE 'pattern']` and friends. */
  | {
      readonly type: 'objects';
      readonly objectType: ShowObjectType;
      readonly from: ObjectName | null;
      readonly like: string | null;
    }
  /** `SHOW COLUMNS FROM relation`. */
  | { readonly type: 'columns'; readonly from: ObjectName }
  /** `SHOW CREATE {TABLE | SOURCE | VIEW | MATERIALIZED VIEW | SINK | INDEX} name`. */
  | { readonly type: 'create'; readonly objectType: DropObjectType; readonly name: ObjectName }
  /** `SHOW PARAMETERS`: the cluster's configuration. */
  | { readonly type: 'parameters' }
  /**
   * `SHOW name`, `SHOW ALL`, `SHOW TIME ZONE` (→ `timezone`), `SHOW TRANSACTION ISOLATION
   * LEVEL` (→ `transaction_isolation`): a session variable, lower-cased.
   */
  | { readonly type: 'variable'; readonly name: string };

/** `SHOW ...`: listing catalog objects or a setting. */
export interface ShowStatement {
  readonly kind: 'show';
  readonly target: ShowTarget;
  readonly span: Span;
}
