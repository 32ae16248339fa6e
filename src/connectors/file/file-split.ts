/**
 * A file split: one whole file, read from `offset`, the byte offset of the next unread
 * record (so a restored reader resumes exactly there).
 */
import type { SourceSplit } from '../source.ts';

export interface FileSplit extends SourceSplit {
  /** Absolute path of the file. */
  readonly path: string;
  /** Byte offset of the next unread record. */
  offset: number;
  /** CSV column names read from the file's header, kept for readers resuming past it. */
  header: string[] | null;
  /** Set on splits a monitoring reader has finished, so a restored reader skips the file. */
  done: boolean;
}

export function copyFileSplit(split: FileSplit): FileSplit {
  return {
    splitId: split.splitId,
    path: split.path,
    offset: split.offset,
    header: split.header === null ? null : [...split.header],
    done: split.done,
  };
}

export function parseFileSplit(data: unknown): FileSplit {
  const d = data as Partial<FileSplit> | null;
  if (
    d === null ||
    typeof d !== 'object' ||
    typeof d.splitId !== 'string' ||
    typeof d.path !== 'string' ||
    typeof d.offset !== 'number'
  ) {
    throw new Error(`not a file split: ${JSON.stringify(data)}`);
  }
  const header = Array.isArray(d.header) ? d.header.map(String) : null;
  return { splitId: d.splitId, path: d.path, offset: d.offset, header, done: d.done === true };
}
