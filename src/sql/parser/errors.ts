/**
 * Errors of the parse phase. Every one carries a PostgreSQL SQLSTATE and, where it points
 * at the text, a 1-based character position into the whole submitted SQL, which is what the
 * `P` field of pgwire's ErrorResponse carries.
 * @see https://www.postgresql.org/docs/current/protocol-error-fields.html
 */
import { skipBlank } from './scan.ts';
import { SqlState } from '../../errors/index.ts';

export class ParseError extends Error {
  /** `SqlState.syntaxError`; `featureNotSupported` for recognized but unsupported forms. */
  readonly sqlstate: string;
  /** 1-based character (UTF-16 unit) position into the whole submitted text; 0 when none. */
  readonly position: number;
  readonly detail: string | undefined;
  readonly hint: string | undefined;

  constructor(
    message: string,
    options: { sqlstate?: string; position?: number; detail?: string; hint?: string } = {},
  ) {
    super(message);
    this.name = 'ParseError';
    this.sqlstate = options.sqlstate ?? SqlState.syntaxError;
    this.position = options.position ?? 0;
    this.detail = options.detail;
    this.hint = options.hint;
  }
}

/**
 * A syntax error worded as PostgreSQL words it: `syntax error at or near "FROM"` for the
 * token at `offset` (0-based into `text`; whitespace and comments there are skipped), or
 * `syntax error at end of input` when only `;` or nothing follows.
 */
export function syntaxErrorAt(text: string, offset: number, options: { detail?: string; what?: string } = {}): ParseError {
  const at = skipBlank(text, offset);
  const token = tokenAt(text, at);
  const what = options.what ?? 'syntax error';
  const message = token === null ? `${what} at end of input` : `${what} at or near "${token}"`;
  return new ParseError(message, { position: at + 1, ...(options.detail === undefined ? {} : { detail: options.detail }) });
}

/** The token starting at `offset` as PostgreSQL's lexer would cut it, or null at the end. */
function tokenAt(text: string, offset: number): string | null {
  if (offset >= text.length || text.charCodeAt(offset) === 59 /* ; */) return null;
  const rest = text.slice(offset);
  const m =
    /^(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*|'(?:[^']|'')*'?|"(?:[^"]|"")*"?|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\$\d+|::|[<>=!~+\-*/%^|&#@?]+|.)/su.exec(
      rest,
    );
  return m ? m[0] : null;
}
