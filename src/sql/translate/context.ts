/** What translating a physical plan needs besides the plan: where to build, and the relations' rows. */
import type { StreamExecutionEnvironment } from '../../api/environment.ts';
import type { CatalogEntry } from '../../catalog/index.ts';
import type { TableReadable } from '../../connectors/table/table-store.ts';
import type { Source, SourceSplit } from '../../connectors/source.ts';
import type { ErrorLedger } from '../../runtime/relational/evaluate.ts';
import type { SessionContext } from '../types/index.ts';

export type Row = readonly unknown[];

export interface TranslateContext {
  readonly env: StreamExecutionEnvironment;
  readonly session: SessionContext;
  storeOf(entry: CatalogEntry): TableReadable;
  /** The connector behind a CREATE SOURCE. */
  sourceOf(entry: CatalogEntry): Source<Row, SourceSplit>;
  /**
   * A view's error ledger: with it, a projection or filter that fails on a row counts the
   * error (retractably) instead of failing the job. Without it (queries that end), the error
   * is the query's.
   */
  readonly errors?: ErrorLedger;
}
