/**
 * Errors and notices as psql prints them (libpq's `pqBuildErrorMessage3`):
 *
 *   ERROR:  column "nope" does not exist
 *   LINE 1: SELECT nope FROM t
 *                  ^
 *   HINT:  Perhaps you meant to reference the column "note".
 *
 * With `\set VERBOSITY verbose` the SQLSTATE follows the severity (`ERROR:  42703: ...`);
 * with `terse` only the first line is shown.
 * @see https://www.postgresql.org/docs/current/libpq-exec.html (PQsetErrorVerbosity)
 */
import { displayWidth } from './display-width.ts';
import type { ServerMessage } from './statement-result.ts';

export type Verbosity = 'default' | 'verbose' | 'terse' | 'sqlstate';

export const VERBOSITIES: readonly Verbosity[] = ['default', 'verbose', 'terse', 'sqlstate'];

/**
 * The message's lines, each ending in a newline. `statement` is the text the position points
 * into; `prefix` (`weir:script.sql:3: `) goes before the first line only, as psql does.
 */
export function formatServerMessage(m: ServerMessage, verbosity: Verbosity, statement: string | null, prefix = ''): string {
  const severity = m.severity ?? 'ERROR';
  if (verbosity === 'sqlstate' && m.code !== undefined) return `${prefix}${severity}:  ${m.code}\n`;
  const code = verbosity === 'verbose' && m.code !== undefined ? `${m.code}: ` : '';
  let out = `${prefix}${severity}:  ${code}${m.message}\n`;
  if (verbosity === 'terse') return out;
  if (m.position !== undefined && statement !== null) out += positionLines(statement, Number(m.position));
  if (m.detail !== undefined) out += `DETAIL:  ${m.detail}\n`;
  if (m.hint !== undefined) out += `HINT:  ${m.hint}\n`;
  if (m.where !== undefined) out += `CONTEXT:  ${m.where}\n`;
  return out;
}

/**
 * The `LINE n:` excerpt with a caret under the error position (1-based, in characters), as
 * libpq's `reportErrorPosition` prints it for lines that fit a terminal.
 */
export function positionLines(statement: string, position: number): string {
  const chars = Array.from(statement);
  if (!(Number.isInteger(position) && position >= 1 && position <= chars.length + 1)) return '';
  let lineNo = 1;
  let lineStart = 0;
  for (let i = 0; i < position - 1; i++) {
    if (chars[i] === '\n') {
      lineNo++;
      lineStart = i + 1;
    }
  }
  let lineEnd = lineStart;
  while (lineEnd < chars.length && chars[lineEnd] !== '\n' && chars[lineEnd] !== '\r') lineEnd++;
  const line = chars.slice(lineStart, lineEnd).join('').replaceAll('\t', ' ');
  const label = `LINE ${lineNo}: `;
  const before = chars.slice(lineStart, position - 1).join('').replaceAll('\t', ' ');
  return `${label}${line}\n${' '.repeat(displayWidth(label) + displayWidth(before))}^\n`;
}

/** psql's `\timing` line: milliseconds, and minutes and seconds from one second up. */
export function formatTiming(ms: number): string {
  let out = `Time: ${ms.toFixed(3)} ms`;
  if (ms >= 1000) {
    const seconds = ms / 1000;
    const minutes = Math.floor(seconds / 60);
    const rest = (seconds - minutes * 60).toFixed(3).padStart(6, '0');
    if (minutes < 60) out += ` (${String(minutes).padStart(2, '0')}:${rest})`;
    else out += ` (${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:${rest})`;
  }
  return `${out}\n`;
}
