/** Errors as plain data across threads, SQLSTATE kept; and back. */
import { MemoryLimitError } from '../../runtime/memory-guard.ts';
import { SqlError } from '../types/index.ts';
import { SqlState } from '../../errors/index.ts';

export interface PlainError {
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly context?: string;
}

/** The SQL error behind `e` (through causes), as plain data; a job over its memory budget is 53200. */
/** 53200 for a statement or view whose slot held more than its limit (the config key named). */
export function outOfMemory(heapBytes: number, limitBytes: number, limitKey: string): PlainError {
  const mb = (b: number): number => Math.round(b / 2 ** 20);
  const what = limitKey.startsWith('view') ? 'view' : 'statement';
  return {
    code: SqlState.outOfMemory,
    message: 'out of memory',
    detail: `The ${what} held ${mb(heapBytes)} MB, over its limit of ${mb(limitBytes)} MB (${limitKey}).`,
    hint: what === 'view' ? `Make the view's state smaller (fewer or narrower groups, a time bound on joins), or raise ${limitKey}.` : `Add conditions that make the result or the intermediate joins smaller, or raise ${limitKey}.`,
  };
}

export function plainError(e: unknown, limitKey = 'statement.memory.limit'): PlainError {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 10; cur = cur.cause, depth++) {
    if (cur instanceof MemoryLimitError) return outOfMemory(cur.heapBytes, cur.limitBytes, limitKey);
    if (cur instanceof SqlError) {
      return { code: cur.code, message: cur.message, ...(cur.detail !== undefined && { detail: cur.detail }), ...(cur.hint !== undefined && { hint: cur.hint }), ...(cur.context !== undefined && { context: cur.context }) };
    }
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return { code: SqlState.statementTooComplex, message: 'stack depth limit exceeded', hint: 'Simplify the query: it nests too deeply.' };
  }
  return { code: SqlState.internalError, message: e instanceof Error ? e.message : String(e) };
}

export function sqlErrorFrom(e: PlainError): SqlError {
  const { code, message, ...rest } = e;
  return new SqlError(code, message, rest);
}
