/**
 * The query buffer of the REPL: lines accumulate until a `;` outside string literals, quoted
 * identifiers, dollar quotes and comments ends a statement, as in psql. Where a statement
 * ends is decided by the SQL layer's own splitter, so the REPL and the server agree on it.
 */
import { splitStatements } from '../../sql/parser/index.ts';

export class StatementBuffer {
  private text = '';

  /** True when no unfinished statement is pending (the prompt is `dev=> `, not `dev-> `). */
  get isEmpty(): boolean {
    return this.text === '';
  }

  /**
   * Appends one input line and returns the statements it completes, in order, without their
   * terminating `;`. What follows the last `;` stays in the buffer.
   *
   * @example
   * const b = new StatementBuffer();
   * b.push("select 'a;");   // → []          (inside a string literal)
   * b.push("b'; select 2;"); // → ["select 'a;\nb'", "select 2"]
   */
  push(line: string): string[] {
    this.text = this.text === '' ? line : `${this.text}\n${line}`;
    const { complete, rest } = takeComplete(this.text);
    this.text = rest;
    return complete;
  }

  /**
   * True when a line starting with `\` would be a meta-command here, that is when the buffer
   * does not end inside a string literal, quoted identifier, dollar quote or block comment.
   */
  acceptsMetaCommand(): boolean {
    return this.text === '' || takeComplete(`${this.text}\n;`).rest.trim() === '';
  }

  /** Returns the unfinished statement (if any) and empties the buffer. */
  drain(): string | null {
    const spans = splitStatements(this.text);
    const text = spans.length === 0 ? null : this.text.slice(spans[0]!.start, spans[spans.length - 1]!.end);
    this.text = '';
    return text;
  }

  clear(): void {
    this.text = '';
  }
}

/** Splits `text` into the statements ended by a `;` and the unterminated rest. */
export function takeComplete(text: string): { complete: string[]; rest: string } {
  const complete: string[] = [];
  let cut = 0;
  for (const span of splitStatements(text)) {
    let j = span.end;
    while (j < text.length && /\s/.test(text[j]!)) j++;
    if (text[j] !== ';') break;
    complete.push(text.slice(span.start, span.end));
    cut = j + 1;
  }
  // Empty statements (`;;`) produce no span: drop what is only `;`, whitespace and comments.
  const rest = text.slice(cut);
  return { complete, rest: isIgnorable(rest) ? '' : rest };
}

/**
 * Whitespace and comments alone do not start a statement (psql keeps its `=>` prompt after
 * `-- note`); an open block comment does (a word after it would be swallowed by it).
 */
function isIgnorable(text: string): boolean {
  return splitStatements(text).length === 0 && splitStatements(`${text}\nx`).length === 1;
}
