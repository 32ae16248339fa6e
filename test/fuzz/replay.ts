/**
 * Replays the reproductions in known.txt (`npm run fuzz -- --replay`): each entry's script
 * runs on both sides from empty tables, and its last statement (for a view: the view read on
 * Weir against its query on PostgreSQL) is compared again. An entry that no longer differs
 * is fixed: delete it from known.txt.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { compare, run, type Verdict } from './outcome.ts';
import { dropAll, type Sides } from './scenario.ts';

export interface KnownEntry {
  readonly signature: string;
  /** The reproduction's statements, in order, without their trailing semicolons. */
  readonly statements: readonly string[];
}

/** The entries of a known.txt: comment lines holding a script, then its signature line. */
export function readEntries(path: string): KnownEntry[] {
  const entries: KnownEntry[] = [];
  let script: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('#')) {
      const text = line.replace(/^# ?/, '');
      if (text !== '' && !text.startsWith('--')) script.push(text.replace(/;\s*(--.*)?$/, ''));
    } else {
      // A signature ends its entry; a blank line ends whatever comments came before (the header).
      if (line.trim() !== '') entries.push({ signature: line.trim(), statements: script });
      script = [];
    }
  }
  return entries.filter((e) => e.statements.length > 0);
}

/** Runs one entry's script on both sides and compares its last statement again. */
export async function replay(sides: Sides, entry: KnownEntry): Promise<Verdict> {
  await dropAll(sides);
  const stmts = entry.statements;
  const viewRead = stmts.indexOf('SELECT * FROM v');
  if (viewRead >= 0) {
    for (const s of stmts.slice(0, viewRead)) await run(sides.weir, s);
    const weir = await run(sides.weir, 'SELECT * FROM v');
    for (const s of stmts.slice(0, viewRead)) if (!/^(CREATE MATERIALIZED VIEW|FLUSH)/.test(s)) await run(sides.pg, s);
    return compare(await run(sides.pg, stmts[stmts.length - 1]!), weir, false, 'view');
  }
  for (const s of stmts.slice(0, -1)) {
    await run(sides.pg, s);
    await run(sides.weir, s);
  }
  const last = stmts[stmts.length - 1]!;
  return compare(await run(sides.pg, last), await run(sides.weir, last), false, 'last statement');
}

/** Rewrites known.txt without the entries of the given signatures (the header stays). */
export function pruneKnown(path: string, signatures: ReadonlySet<string>): void {
  const blocks = readFileSync(path, 'utf8').split('\n\n');
  const keep = blocks.filter((b) => !signatures.has(b.trimEnd().split('\n').pop()!.trim()));
  writeFileSync(path, keep.join('\n\n'));
}
