/**
 * psql's default output format ("aligned", border 1, ASCII line style), so that `weir sql`
 * prints a result the way `psql` prints it from the same server:
 *
 *      name    | id
 *  ------------+----
 *   apple      |  1
 *   kiwi fruit |  2
 *  (2 rows)
 *
 * Headers are centred; numeric columns (by type OID) are right-aligned, others left-aligned;
 * NULL prints as nothing; a value with newlines spans several lines with `+` at the right of
 * every line but its last. The last column is not padded on the right, as in psql.
 * @see https://www.postgresql.org/docs/current/app-psql.html (\pset format aligned)
 */
import { displayWidth } from './display-width.ts';
import type { ResultColumn, ResultRow } from './statement-result.ts';

/**
 * The types psql right-aligns (`column_type_alignment` in psql's print.c): int2, int4, int8,
 * oid, xid, cid, float4, float8, money, numeric, xid8.
 */
const RIGHT_ALIGNED_OIDS: ReadonlySet<number> = new Set([20, 21, 23, 26, 28, 29, 700, 701, 790, 1700, 5069]);

export function isRightAligned(typeOid: number): boolean {
  return RIGHT_ALIGNED_OIDS.has(typeOid);
}

/** The whole table with its `(n rows)` footer and the blank line psql prints after it. */
export function formatAlignedTable(columns: readonly ResultColumn[], rows: readonly ResultRow[]): string {
  const footer = `(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})\n\n`;
  if (columns.length === 0) return `--\n${footer}`;
  const headerLines = columns.map((c) => c.name.split('\n'));
  const cellLines = rows.map((row) => columns.map((_, j) => (row[j] ?? '').split('\n')));
  const widths = columns.map((_, j) => {
    let w = 0;
    for (const line of headerLines[j]!) w = Math.max(w, displayWidth(line));
    for (const cells of cellLines) for (const line of cells[j]!) w = Math.max(w, displayWidth(line));
    return w;
  });
  const right = columns.map((c) => isRightAligned(c.typeOid));
  let out = formatHeader(headerLines, widths);
  out += widths.map((w) => '-'.repeat(w + 2)).join('+') + '\n';
  for (const cells of cellLines) out += formatRow(cells, widths, right);
  return out + footer;
}

function formatHeader(headerLines: readonly string[][], widths: readonly number[]): string {
  const height = Math.max(...headerLines.map((l) => l.length));
  let out = '';
  for (let k = 0; k < height; k++) {
    const parts: string[] = [];
    for (let j = 0; j < widths.length; j++) {
      const lines = headerLines[j]!;
      const text = lines[k] ?? '';
      const pad = widths[j]! - displayWidth(text);
      const centred = k < lines.length ? ' '.repeat(Math.floor(pad / 2)) + text + ' '.repeat(Math.ceil(pad / 2)) : ' '.repeat(widths[j]!);
      parts.push(` ${centred}${k < lines.length - 1 ? '+' : ' '}`);
    }
    out += parts.join('|') + '\n';
  }
  return out;
}

function formatRow(cells: readonly string[][], widths: readonly number[], right: readonly boolean[]): string {
  const height = Math.max(...cells.map((c) => c.length));
  const last = widths.length - 1;
  let out = '';
  for (let k = 0; k < height; k++) {
    let line = '';
    for (let j = 0; j <= last; j++) {
      const lines = cells[j]!;
      const more = k < lines.length - 1;
      line += ' ';
      if (k >= lines.length) {
        // Past this value's last line: pad, unless it is the last column.
        if (j < last) line += ' '.repeat(widths[j]!);
      } else {
        const text = lines[k]!;
        const pad = ' '.repeat(widths[j]! - displayWidth(text));
        if (right[j]) line += pad + text;
        else line += j < last || more ? text + pad : text;
      }
      if (more) line += '+';
      else if (j < last) line += ' ';
      if (j < last) line += '|';
    }
    out += line + '\n';
  }
  return out;
}
