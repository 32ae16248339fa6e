/**
 * Which functions and operators an oracle test calls: the test files that start a real
 * PostgreSQL (usePostgres / startPostgres) and name the function as a call (`name(`) or as a
 * quoted name (`'name'`, how the harness's call lists spell it); operators by their quoted
 * spelling (`'->>'`, as operatorCall takes them). A name check, not a per-overload one.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

export interface OracleIndex {
  callsFunction(name: string): boolean;
  usesOperator(op: string): boolean;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function oracleIndex(testDir: string): OracleIndex {
  const texts = files(testDir)
    .map((f) => readFileSync(f, 'utf8'))
    .filter((t) => /\busePostgres\(|\bstartPostgres\(/.test(t) && !t.includes('export function usePostgres'));
  const all = texts.join('\n');
  return {
    callsFunction: (name) => new RegExp(`(?<![\\w.])${escape(name)}\\s*\\(|'${escape(name)}'`, 'i').test(all),
    usesOperator: (op) => all.includes(`'${op}'`),
  };
}
