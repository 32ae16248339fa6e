/**
 * PostgreSQL's own parser (libpg-query: PostgreSQL 17's scanner and grammar compiled to
 * WASM), with every location mapped back to the text the user submitted.
 *
 * The WASM module loads once, at import (top-level await), so `parse` stays synchronous.
 */
import { loadModule, parseSync } from 'libpg-query';
import type { PgNode, PgRawStmt } from './ast/pg-node.ts';
import { ParseError, syntaxErrorAt } from './errors.ts';

await loadModule();

/**
 * Where a string handed to libpg-query came from: `prefix + body + suffix`, where `body` has
 * the same length as `script[start, start + body.length)` and is either that text or a
 * length-preserving rewrite of it (see tvf-rewrite.ts). Text of the prefix and suffix is a
 * wrapper that makes a fragment a whole statement (`SELECT ` + expression).
 */
export interface PgSource {
  readonly script: string;
  readonly start: number;
  readonly body: string;
  readonly prefix?: string;
  readonly suffix?: string;
}

/**
 * Parses with libpg-query and returns the raw statements, each `location` turned into a
 * 0-based UTF-16 offset into `source.script` (-1 for locations inside the wrapper).
 * Throws ParseError (42601) positioned in `source.script`.
 */
export function parsePg(source: PgSource): PgRawStmt[] {
  const prefix = source.prefix ?? '';
  const input = prefix + source.body + (source.suffix ?? '');
  let result: { stmts?: PgRawStmt[] };
  try {
    result = parseSync(input) as { stmts?: PgRawStmt[] };
  } catch (error) {
    throw toParseError(error, source, prefix.length);
  }
  const stmts = result.stmts ?? [];
  const ascii = isAscii(input);
  if (ascii && prefix.length === 0 && source.start === 0) return stmts;
  const toChar = ascii ? null : byteToCharMap(input);
  const lo = prefix.length;
  const hi = prefix.length + source.body.length;
  const shift = source.start - prefix.length;
  const map = (byte: number): number => {
    if (byte < 0) return byte;
    const ch = toChar === null ? byte : (toChar[byte] ?? input.length);
    return ch < lo || ch > hi ? -1 : ch + shift;
  };
  for (const s of stmts) remapLocations(s, map);
  return stmts;
}

/** Parses exactly one statement and returns its node (`{ SelectStmt: ... }`). */
export function parsePgOne(source: PgSource): PgNode {
  const stmts = parsePg(source);
  const stmt = stmts[0]?.stmt;
  if (stmt === undefined || stmts.length !== 1) {
    throw new ParseError('expected exactly one statement', { position: source.start + 1 });
  }
  return stmt;
}

function toParseError(error: unknown, source: PgSource, prefixLength: number): ParseError {
  const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
  const message = details?.message ?? (error instanceof Error ? error.message : String(error));
  // libpg-query reports a 0-based *character* offset into the string it was given.
  const cursor = details?.cursorPosition ?? prefixLength;
  const inBody = Math.min(Math.max(cursor - prefixLength, 0), source.body.length);
  const offset = source.start + inBody;
  if (message.startsWith('syntax error at')) {
    // Re-word against the user's text: the end of a fragment is not the end of the input.
    return syntaxErrorAt(source.script, offset);
  }
  return new ParseError(message, { position: offset + 1 });
}

function remapLocations(node: unknown, map: (byte: number) => number): void {
  if (Array.isArray(node)) {
    for (const item of node) if (typeof item === 'object' && item !== null) remapLocations(item, map);
    return;
  }
  const obj = node as Record<string, unknown>;
  for (const key in obj) {
    const value = obj[key];
    if (typeof value === 'object' && value !== null) remapLocations(value, map);
    else if (key === 'location' && typeof value === 'number') obj[key] = map(value);
  }
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** For each UTF-8 byte offset of `s`, the UTF-16 offset of the character it belongs to. */
function byteToCharMap(s: string): Int32Array {
  const map = new Int32Array(Buffer.byteLength(s, 'utf8') + 1);
  let byte = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.codePointAt(i) ?? 0;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < width; k++) map[byte + k] = i;
    byte += width;
    if (code >= 0x10000) i++; // surrogate pair: two UTF-16 units
  }
  map[byte] = s.length;
  return map;
}
