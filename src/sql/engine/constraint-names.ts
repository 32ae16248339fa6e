/**
 * The names PostgreSQL gives constraints and indexes that the user leaves unnamed
 * (`t_a_key`, `t_b_c_key`, `t_a_check`, `t_check1`, `t_a_b_idx`), and which names are taken:
 * an index's name is a relation name (pg_class), so it must be free among tables, views and
 * indexes; a constraint's chosen name also avoids every constraint name in the schema.
 *
 * @see https://github.com/postgres/postgres/blob/REL_15_STABLE/src/backend/commands/indexcmds.c (ChooseRelationName)
 * @see https://github.com/postgres/postgres/blob/REL_15_STABLE/src/backend/catalog/pg_constraint.c (ChooseConstraintName)
 */
import type { Catalog } from '../../catalog/index.ts';

/** PostgreSQL's NAMEDATALEN - 1: the longest name, in bytes. */
const MAX_NAME_BYTES = 63;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** The first `n` bytes of `s`, never cutting a character. */
function clip(s: string, n: number): string {
  let out = '';
  for (const ch of s) {
    if (bytes(out) + bytes(ch) > n) break;
    out += ch;
  }
  return out;
}

/**
 * PostgreSQL's makeObjectName: `name1_name2_label`, with the longer of name1 and name2 cut
 * (a byte at a time) until the whole fits in 63 bytes.
 */
export function objectName(name1: string, name2: string | null, label: string): string {
  const overhead = bytes(label) + 1 + (name2 === null ? 0 : 1);
  const avail = MAX_NAME_BYTES - overhead;
  let n1 = bytes(name1);
  let n2 = name2 === null ? 0 : bytes(name2);
  while (n1 + n2 > avail) {
    if (n1 > n2) n1--;
    else n2--;
  }
  return [clip(name1, n1), ...(name2 === null ? [] : [clip(name2, n2)]), label].join('_');
}

/** `name1_name2_label`, else with label1, label2, ... until `taken` says no (ChooseRelationName). */
export function chooseName(name1: string, name2: string | null, label: string, taken: (name: string) => boolean): string {
  for (let pass = 0; ; pass++) {
    const name = objectName(name1, name2, pass === 0 ? label : `${label}${pass}`);
    if (!taken(name)) return name;
  }
}

/** The columns of an index in its name: `b_c` (ChooseIndexNameAddition; stops once past 63 bytes). */
export function columnsPart(columns: readonly string[]): string {
  let out = '';
  for (const c of columns) {
    out += (out === '' ? '' : '_') + clip(c, MAX_NAME_BYTES);
    if (bytes(out) >= MAX_NAME_BYTES + 1) break;
  }
  return out;
}

/** Names of relations in the schema, with the primary keys' indexes (`t_pkey`) that pg_class shows. */
export function relationNameTaken(catalog: Catalog, schema: string, name: string): boolean {
  if (catalog.get(schema, name) !== undefined) return true;
  return catalog.list('table').some((t) => t.kind === 'table' && t.schema === schema && t.primaryKey !== null && `${t.name}_pkey` === name);
}

/**
 * Every constraint name in the schema: primary keys, UNIQUE constraints and CHECKs of every
 * table (but `except`, whose names the caller knows better).
 */
export function constraintNames(catalog: Catalog, schema: string, except?: string): Set<string> {
  const names = new Set<string>();
  for (const e of catalog.inSchema(schema)) {
    if (e.kind === 'table' && e.name !== except) {
      if (e.primaryKey !== null) names.add(`${e.name}_pkey`);
      for (const c of e.checks ?? []) names.add(c.name);
    } else if (e.kind === 'index' && e.constraint === true && e.table !== except) names.add(e.name);
  }
  return names;
}
