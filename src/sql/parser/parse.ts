/**
 * The parser's driver: split the script into statements, route each either to Weir's PEG
 * grammar (streaming statements and statements with Weir semantics) or to PostgreSQL's own
 * parser (everything else), and turn every failure into a positioned ParseError.
 * docs/sql-parser.md explains the design and its measurements.
 */
import type { Statement } from './ast/statement.ts';
import { createBuilder, type Builder } from './builder.ts';
import { ParseError, syntaxErrorAt } from './errors.ts';
import { parse as parseWeir, SyntaxError as PeggySyntaxError } from './generated/weir-parser.js';
import { parsePg } from './pg.ts';
import { splitStatements } from './split.ts';
import { rewriteExtensions } from './pg-extensions.ts';

/**
 * Parses a script of one or more statements separated by `;`.
 *
 * @throws ParseError with SQLSTATE 42601 (or 0A000 for recognized but unsupported forms)
 *   and a 1-based character position into `sql`.
 * @example
 * const [mv] = parse("CREATE MATERIALIZED VIEW m AS SELECT count(*) FROM t EMIT ON WINDOW CLOSE");
 * if (mv?.kind === 'create_materialized_view') console.log(mv.emitOnWindowClose); // true
 */
export function parse(sql: string): Statement[] {
  const context = new ParseContext(sql);
  return splitStatements(sql).map((span) => context.statementAt(span.start, span.end));
}

class ParseContext {
  readonly #script: string;
  readonly #builder: Builder;

  constructor(script: string) {
    this.#script = script;
    this.#builder = createBuilder(script, (start, end) => this.statementAt(start, end));
  }

  /** Parses `script[start, end)`, which holds exactly one statement and no `;` at the top level. */
  statementAt(start: number, end: number): Statement {
    const text = this.#script.slice(start, end);
    const options = { base: start, builder: this.#builder };
    if (!parseWeir(text, { ...options, startRule: 'Head' })) return this.#pgStatement(text, start, end);
    try {
      return parseWeir(text, { ...options, startRule: 'Statement' });
    } catch (error) {
      if (error instanceof PeggySyntaxError) throw this.#fromPeggy(error, start);
      throw error;
    }
  }

  #pgStatement(text: string, start: number, end: number): Statement {
    const { body, restore } = rewriteExtensions(text);
    const stmts = parsePg({ script: this.#script, start, body });
    const tree = stmts[0]?.stmt;
    restore(tree, start);
    if (tree === undefined) throw syntaxErrorAt(this.#script, start);
    if (stmts.length > 1) {
      throw syntaxErrorAt(this.#script, start + (stmts[1]?.stmt_location ?? 0));
    }
    const type = Object.keys(tree)[0] ?? '';
    return Object.freeze({ kind: 'pg', type, tree, text, span: { start, end } });
  }

  #fromPeggy(error: PeggySyntaxError, base: number): ParseError {
    const offset = base + error.location.start.offset;
    if (error.expected === null) {
      // A message from error() in a grammar action, e.g. zero-length delimited identifier.
      return syntaxErrorAt(this.#script, offset, { what: error.message });
    }
    const detail = error.message.replace(/ but .* found\.$/s, '.');
    return syntaxErrorAt(this.#script, offset, { detail });
  }
}
