/** The REPL's query buffer: where statements end, as psql decides it. */
import { describe, expect, it } from 'vitest';
import { StatementBuffer } from '../../../src/cli/repl/index.ts';

function feed(lines: string[]): { statements: string[]; pending: boolean } {
  const buffer = new StatementBuffer();
  const statements = lines.flatMap((line) => buffer.push(line));
  return { statements, pending: !buffer.isEmpty };
}

describe('StatementBuffer', () => {
  it('ends a statement at ; and keeps multi-line statements whole', () => {
    expect(feed(['select 1', '  as x;'])).toEqual({ statements: ['select 1\n  as x'], pending: false });
    expect(feed(['select 1; select 2;'])).toEqual({ statements: ['select 1', 'select 2'], pending: false });
    expect(feed(['select 1; select'])).toEqual({ statements: ['select 1'], pending: true });
  });

  it('ignores ; inside strings, quoted identifiers, dollar quotes and comments', () => {
    expect(feed(["select 'a;", "b';"]).statements).toEqual(["select 'a;\nb'"]);
    expect(feed(['select 1 as "x;y";']).statements).toEqual(['select 1 as "x;y"']);
    expect(feed(['select $tag$ ; $tag$;']).statements).toEqual(['select $tag$ ; $tag$']);
    expect(feed(['select 1 -- not the end;', ';']).statements).toEqual(['select 1 -- not the end;']);
    expect(feed(['select /* ; */ 2;']).statements).toEqual(['select /* ; */ 2']);
    expect(feed(["select E'it\\'s;", "';"]).statements).toEqual(["select E'it\\'s;\n'"]);
  });

  it('does not start a statement with whitespace, comments or empty statements', () => {
    expect(feed(['-- a note', '   ', ';;'])).toEqual({ statements: [], pending: false });
    expect(feed(['/* open', 'comment */'])).toEqual({ statements: [], pending: false });
    expect(feed(['/* still open'])).toEqual({ statements: [], pending: true });
  });

  it('accepts meta-commands only outside quotes', () => {
    const buffer = new StatementBuffer();
    expect(buffer.acceptsMetaCommand()).toBe(true);
    buffer.push('select 1');
    expect(buffer.acceptsMetaCommand()).toBe(true);
    buffer.push("  , 'open");
    expect(buffer.acceptsMetaCommand()).toBe(false);
    buffer.push("string';");
    expect(buffer.isEmpty).toBe(true);
  });

  it('drains an unterminated statement (a script ending without ;)', () => {
    const buffer = new StatementBuffer();
    buffer.push('select 1');
    buffer.push('  as last -- note');
    expect(buffer.drain()).toBe('select 1\n  as last -- note');
    expect(buffer.drain()).toBeNull();
  });
});
