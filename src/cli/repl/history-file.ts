/**
 * The REPL's line history, kept across sessions in `~/.weir_history` (or `$WEIR_HISTORY`),
 * one entry per line, oldest first, as psql keeps `~/.psql_history`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** psql's default HISTSIZE. */
export const HISTORY_SIZE = 500;

export function historyFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.WEIR_HISTORY;
  return configured !== undefined && configured !== '' ? configured : join(homedir(), '.weir_history');
}

/** The saved entries, newest first (the order node:readline keeps); none when unreadable. */
export function loadHistory(file: string): string[] {
  try {
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
    return lines.slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

/** Saves readline's history (newest first). A history that cannot be written is not an error. */
export function saveHistory(file: string, newestFirst: readonly string[]): void {
  try {
    writeFileSync(file, [...newestFirst].reverse().join('\n') + '\n', { mode: 0o600 });
  } catch {
    // A read-only home directory should not stop the REPL.
  }
}
