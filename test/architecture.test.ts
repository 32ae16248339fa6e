/**
 * The arrows between src/ folders run the way DESIGN.md says. A new import that runs
 * against them fails here, naming the file and the import. And SQLSTATEs are named from the
 * one table in src/errors/, never written as literals elsewhere.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqlState } from '../src/errors/index.ts';

const SRC = resolve(import.meta.dirname, '../src');

/**
 * Which folders each folder may import from (besides itself). `errors/` (the SQLSTATE table,
 * `SqlError` and its constructors) imports nothing, and every folder may import it.
 */
const ALLOWED: Record<string, readonly string[]> = {
  errors: [],
  connectors: ['errors'],
  config: ['errors'],
  runtime: ['connectors', 'errors'],
  graph: ['runtime', 'errors'],
  api: ['graph', 'runtime', 'connectors', 'errors'],
  cluster: ['graph', 'runtime', 'connectors', 'errors'],
  catalog: ['graph', 'runtime', 'connectors', 'errors'],
  sql: ['api', 'catalog', 'graph', 'runtime', 'connectors', 'errors'],
  web: ['cluster', 'graph', 'config', 'errors'],
  pgwire: ['sql', 'catalog', 'config', 'errors'],
  cli: ['api', 'graph', 'runtime', 'connectors', 'cluster', 'config', 'web', 'pgwire', 'sql', 'catalog', 'errors'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const folderOf = (file: string): string => relative(SRC, file).split('/')[0] as string;

describe('architecture', () => {
  it('imports between src/ folders follow DESIGN.md', () => {
    const violations: string[] = [];
    let crossFolder = 0;
    for (const file of files(SRC)) {
      const from = folderOf(file);
      if (!(from in ALLOWED)) continue; // src/index.ts, the composition root, may import anything
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
        const spec = (m[1] ?? m[2]) as string;
        const target = folderOf(resolve(dirname(file), spec));
        if (target === from || target.endsWith('.ts')) continue;
        crossFolder++;
        if (!ALLOWED[from]!.includes(target)) violations.push(`${relative(SRC, file)} imports ${spec} (${from} → ${target})`);
      }
    }
    expect(violations).toEqual([]);
    // The scan does see the imports it checks (a broken pattern would find none).
    expect(crossFolder).toBeGreaterThan(30);
  });
});

/**
 * The text of a TypeScript file with comments blanked (newlines kept, so line numbers hold),
 * and its string literals (quotes ', " and `, a template's text up to its first `${`).
 */
function scan(text: string): { code: string; literals: { value: string; line: number }[] } {
  const literals: { value: string; line: number }[] = [];
  let code = '';
  let line = 1;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') (code += ' '), i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (; i < stop; i++) code += text[i] === '\n' ? (line++, '\n') : ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && !(c !== '`' && text[j] === '\n') && !(c === '`' && text.startsWith('${', j))) j += text[j] === '\\' ? 2 : 1;
      literals.push({ value: text.slice(i + 1, j), line });
      const chunk = text.slice(i, j + 1);
      line += chunk.split('\n').length - 1;
      code += chunk;
      i = j + 1;
    } else {
      if (c === '\n') line++;
      code += c;
      i++;
    }
  }
  return { code, literals };
}

/** Five characters of a SQLSTATE with at least one digit (every PostgreSQL code has one). */
const CODE_LIKE = /^(?=.*\d)[0-9A-Z]{5}$/;
/** Where a string is a SQLSTATE whatever its value: a coded error's first argument, `code:`, `.code ===`. */
const CODE_CONTEXT = /(?:new\s+\w*Error\(\s*|\b(?:code|sqlState|sqlstate)\s*(?::|[!=]==?|\?\?)\s*)(['"`])([^'"`]{5})\1|(['"`])([^'"`]{5})\3\s*[!=]==?\s*[\w$.?!]*\.(?:code|sqlState|sqlstate)\b/g;

/** Literal SQLSTATEs in one file's text: any string equal to a code of the table, or code-like in a code's place. */
function literalCodes(text: string, codes: ReadonlySet<string>): string[] {
  const { code, literals } = scan(text);
  const found = literals.filter((l) => codes.has(l.value)).map((l) => `line ${l.line}: '${l.value}'`);
  for (const m of code.matchAll(CODE_CONTEXT)) {
    const value = (m[2] ?? m[4]) as string;
    if (CODE_LIKE.test(value) && !codes.has(value)) found.push(`line ${code.slice(0, m.index).split('\n').length}: '${value}' (not in the table)`);
  }
  return found;
}

describe('SQLSTATEs', () => {
  const codes = new Set<string>(Object.values(SqlState));

  it('are written as SqlState names outside src/errors/, never as literals', () => {
    const violations: string[] = [];
    for (const file of files(SRC)) {
      if (folderOf(file) === 'errors') continue;
      for (const v of literalCodes(readFileSync(file, 'utf8'), codes)) violations.push(`${relative(SRC, file)} ${v}`);
    }
    // Use SqlState.name (src/errors/sqlstate.ts) or a constructor of src/errors/constructors.ts;
    // a code PostgreSQL has and the table lacks goes into the table.
    expect(violations).toEqual([]);
  });

  it('the check finds codes where they are used, and nothing in prose or other strings', () => {
    const sample = [
      "throw new SqlError('42601', 'x');",
      "notices.push({ severity: 'NOTICE', code: '00000', message });",
      "if (e.code === \"42P01\") return;",
      "if ('XX000' !== error.code) return;",
      "const NOT_A_TABLE_CODE = '22ZZ9'; throw new BackendError('22ZZ9', m);",
      "// 42601 and '42703' in a comment, /* '0A000' */ too",
      "const f = ['HH24:', 'WHERE', 'FATAL', '10000', `${x}00000`];",
      "throw new SqlError(SqlState.syntaxError, 'subquery has too many columns');",
    ].join('\n');
    expect(literalCodes(sample, codes)).toEqual([
      "line 1: '42601'",
      "line 2: '00000'",
      "line 3: '42P01'",
      "line 4: 'XX000'",
      "line 5: '22ZZ9' (not in the table)",
    ]);
    // The table is PostgreSQL's whole list, and the scan reads it (a broken scan would see none).
    expect(codes.size).toBeGreaterThan(250);
    expect(literalCodes(readFileSync(resolve(SRC, 'errors/sqlstate.ts'), 'utf8'), codes).length).toBe(codes.size);
  });
});
