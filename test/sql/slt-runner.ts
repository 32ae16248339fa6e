/**
 * A small sqllogictest runner for Weir's own SQL tests (test/sql/*.slt), over the wire
 * protocol with node-postgres. Records:
 *
 *   statement ok | statement error [regex]      SQL until a blank line
 *   query <types> [rowsort|valuesort|nosort]    SQL, `----`, expected rows until a blank line
 *   # comment, halt
 *
 * Values are PostgreSQL's text forms, NULL as `NULL` and the empty string as `(empty)`;
 * columns are separated by whitespace. An error's SQLSTATE can be matched as well as its
 * message: `statement error 22012` matches either.
 *
 * With WEIR_UPDATE_SLT=1, slt.test.ts writes each query's actual rows back as its expected
 * ones (updateSlt): golden plans (EXPLAIN) are regenerated that way, then reviewed in the diff.
 */
import type pg from 'pg';

export interface SltRecord {
  readonly line: number;
  readonly kind: 'statement' | 'query';
  readonly sql: string;
  /** statement: 'ok' or the error pattern ('' for any error). */
  readonly expectError: string | null;
  readonly sort: 'rowsort' | 'valuesort' | 'nosort';
  readonly expected: readonly string[];
  /** Where the expected rows are in the file: lines [from, to) (0-based); for query records. */
  readonly expectedLines?: { readonly from: number; readonly to: number; readonly dashes: boolean };
}

export function parseSlt(text: string): SltRecord[] {
  const lines = text.split('\n');
  const records: SltRecord[] = [];
  let i = 0;
  const block = (stopAtDashes: boolean): string[] => {
    const out: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !(stopAtDashes && lines[i]!.trim() === '----')) out.push(lines[i++]!);
    return out;
  };
  while (i < lines.length) {
    const head = lines[i]!.trim();
    const line = i + 1;
    i++;
    if (head === '' || head.startsWith('#')) continue;
    if (head === 'halt') break;
    const [word, ...rest] = head.split(/\s+/);
    if (word === 'statement') {
      const sql = block(false).join('\n');
      const expectError = rest[0] === 'ok' ? null : rest.slice(1).join(' ');
      if (rest[0] !== 'ok' && rest[0] !== 'error') throw new Error(`line ${line}: statement ok|error expected`);
      records.push({ line, kind: 'statement', sql, expectError, sort: 'nosort', expected: [] });
    } else if (word === 'query') {
      const sql = block(true).join('\n');
      let expected: string[] = [];
      const dashes = lines[i]?.trim() === '----';
      if (dashes) i++;
      const from = i;
      if (dashes) expected = block(false);
      const sort = (rest.find((r) => r === 'rowsort' || r === 'valuesort' || r === 'nosort') ?? 'nosort') as SltRecord['sort'];
      records.push({ line, kind: 'query', sql, expectError: null, sort, expected, expectedLines: { from, to: i, dashes } });
    } else {
      throw new Error(`line ${line}: unknown record '${head}'`);
    }
  }
  return records;
}

function cell(v: unknown): string {
  if (v === null) return 'NULL';
  if (v === '') return '(empty)';
  return String(v);
}

const normalize = (row: string): string => row.trim().split(/\s+/).join(' ');

/**
 * The file's text with each query's expected rows replaced by `actual` (by record), for
 * regenerating golden output.
 */
export function updateSlt(text: string, actual: ReadonlyMap<SltRecord, readonly string[]>): string {
  const lines = text.split('\n');
  const records = [...actual.keys()].filter((r) => r.expectedLines !== undefined).sort((a, b) => b.line - a.line);
  for (const r of records) {
    const { from, to, dashes } = r.expectedLines!;
    const rows = actual.get(r)!;
    lines.splice(from, to - from, ...(dashes ? [] : ['----']), ...rows);
  }
  return lines.join('\n');
}

/**
 * Runs every record; returns one message per failing record (empty when all pass). With
 * `actual`, the rows the server gave for each query that did not match are recorded there.
 */
export async function runSlt(client: pg.Client, records: readonly SltRecord[], file: string, actual?: Map<SltRecord, string[]>): Promise<string[]> {
  const failures: string[] = [];
  for (const r of records) {
    const where = `${file}:${r.line}`;
    try {
      const res = await client.query({ text: r.sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
      if (r.kind === 'statement') {
        if (r.expectError !== null) failures.push(`${where}: expected an error, the statement succeeded`);
        continue;
      }
      let got = (res.rows as unknown[][]).map((row) => normalize(row.map(cell).join(' ')));
      const rows = (res.rows as unknown[][]).map((row) => row.map(cell).join(' '));
      let want = r.expected.map(normalize);
      if (r.sort === 'rowsort') {
        got = got.sort();
        want = [...want].sort();
      } else if (r.sort === 'valuesort') {
        got = got.flatMap((x) => x.split(' ')).sort();
        want = want.flatMap((x) => x.split(' ')).sort();
      }
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        actual?.set(r, rows);
        failures.push(`${where}: ${r.sql}\n  expected:\n    ${want.join('\n    ')}\n  got:\n    ${got.join('\n    ')}`);
      }
    } catch (e) {
      const err = e as { message?: string; code?: string };
      if (r.kind === 'statement' && r.expectError !== null) {
        const pattern = r.expectError;
        if (pattern === '' || err.code === pattern || new RegExp(pattern).test(err.message ?? '')) continue;
        failures.push(`${where}: error ${err.code} '${err.message}' does not match /${pattern}/`);
      } else {
        failures.push(`${where}: ${r.sql}\n  failed: ${err.code ?? ''} ${err.message ?? String(e)}`);
      }
    }
  }
  return failures;
}
