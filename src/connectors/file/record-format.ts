/**
 * How a file source turns one record's text into a value: text lines, CSV, JSON lines.
 */
import { parseCsvRecord } from './csv.ts';
import type { FileSplit } from './file-split.ts';

export interface RecordFormat<T> {
  /** Whether a line break inside double quotes continues the record (CSV). */
  readonly quoted: boolean;
  /**
   * The value of a record, or undefined to skip it (blank lines, a header). `atFileStart`
   * is true for the record at byte offset 0.
   */
  decode(text: string, split: FileSplit, atFileStart: boolean): T | undefined;
}

export class TextLineFormat implements RecordFormat<string> {
  readonly quoted = false;

  decode(text: string): string {
    return text;
  }
}

export class JsonLinesFormat<T> implements RecordFormat<T> {
  readonly quoted = false;

  decode(text: string, split: FileSplit): T | undefined {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new Error(`invalid JSON line in ${split.path}: ${(error as Error).message}`, { cause: error });
    }
  }
}

export interface CsvOptions {
  /** Whether the first record of each file names the columns (and is not data). */
  header?: boolean;
  /** Field delimiter, default ','. */
  delimiter?: string;
  /** Column names; records become objects. With `header`, the file's header is skipped. */
  columns?: readonly string[];
}

/** CSV records as string arrays, or as objects keyed by column when names are known. */
export class CsvFormat implements RecordFormat<string[] | Record<string, string>> {
  readonly quoted = true;
  private readonly header: boolean;
  private readonly delimiter: string;
  private readonly columns: readonly string[] | null;

  constructor(options: CsvOptions = {}) {
    this.header = options.header ?? false;
    this.delimiter = options.delimiter ?? ',';
    this.columns = options.columns ?? null;
    if (this.delimiter === '' || this.delimiter.includes('"') || /[\r\n]/.test(this.delimiter)) {
      throw new Error(`CSV delimiter must be non-empty and not a quote or line break: ${JSON.stringify(this.delimiter)}`);
    }
  }

  decode(text: string, split: FileSplit, atFileStart: boolean): string[] | Record<string, string> | undefined {
    if (text === '') return undefined;
    const fields = parseCsvRecord(text, this.delimiter);
    if (this.header && atFileStart) {
      split.header = fields;
      return undefined;
    }
    const names = this.columns ?? (this.header ? split.header : null);
    if (names === null) return fields;
    const row: Record<string, string> = {};
    for (let i = 0; i < names.length; i++) {
      row[names[i] ?? ''] = fields[i] ?? '';
    }
    return row;
  }
}
