/**
 * The scalar function catalogue: every family's rows, indexed by name. Resolution
 * (resolve-function.ts) only ever looks functions up here.
 */
import type { FunctionSignature } from './function-signature.ts';
import { STRING_FUNCTIONS } from './text/string-functions.ts';
import { PAD_TRIM_FUNCTIONS } from './text/pad-trim.ts';
import { FORMAT_FUNCTIONS } from './text/format.ts';
import { REGEXP_FUNCTIONS } from './text/regexp-functions.ts';
import { LIKE_FUNCTIONS } from './text/like.ts';
import { MATH_FUNCTIONS } from './math/math-functions.ts';
import { DATETIME_FUNCTIONS } from './datetime/datetime-functions.ts';
import { JSONB_FUNCTIONS } from './json/jsonb-functions.ts';
import { BOOL_FUNCTIONS } from './bool-functions.ts';
import { SYSTEM_FUNCTIONS } from './system-functions.ts';
import { SETTINGS_FUNCTIONS } from './settings.ts';
import { SIZE_FUNCTIONS } from './sizes.ts';
import { COMPARISON_FUNCTIONS } from './comparison-functions.ts';
import { UNICODE_FUNCTIONS } from './text/unicode-functions.ts';
import { JSONB_MODIFY_FUNCTIONS } from './json/jsonb-modify.ts';
import { PARSE_IDENT_FUNCTIONS } from './text/parse-ident.ts';
import { OVERLAPS_FUNCTIONS } from './datetime/overlaps.ts';
import { TYPMOD_FUNCTIONS } from './typmod-functions.ts';
import { CAST_FUNCTIONS } from './cast-functions.ts';
import { BYTEA_FUNCTIONS } from './bytea/bytea-functions.ts';
import { BPCHAR_FUNCTIONS } from './text/bpchar-functions.ts';
import { JSON_FUNCTIONS } from './json/json-functions.ts';
import { TO_TIMESTAMP_FUNCTIONS } from './datetime/to-timestamp.ts';
import { TO_NUMBER_FUNCTIONS } from './math/to-number.ts';
import { ARRAY_FUNCTIONS } from './array/array-functions.ts';
import { GAMMA_FUNCTIONS } from './math/gamma.ts';
import { CRC_FUNCTIONS } from './bytea/crc.ts';

const ALL: readonly FunctionSignature[] = [
  ...STRING_FUNCTIONS, ...PAD_TRIM_FUNCTIONS, ...FORMAT_FUNCTIONS, ...REGEXP_FUNCTIONS, ...LIKE_FUNCTIONS,
  ...MATH_FUNCTIONS, ...DATETIME_FUNCTIONS, ...JSONB_FUNCTIONS, ...BOOL_FUNCTIONS, ...SYSTEM_FUNCTIONS, ...SETTINGS_FUNCTIONS,
  ...SIZE_FUNCTIONS, ...COMPARISON_FUNCTIONS, ...UNICODE_FUNCTIONS, ...JSONB_MODIFY_FUNCTIONS, ...PARSE_IDENT_FUNCTIONS, ...OVERLAPS_FUNCTIONS, ...TYPMOD_FUNCTIONS, ...CAST_FUNCTIONS, ...JSON_FUNCTIONS, ...TO_TIMESTAMP_FUNCTIONS, ...TO_NUMBER_FUNCTIONS,
  ...BYTEA_FUNCTIONS, ...BPCHAR_FUNCTIONS, ...ARRAY_FUNCTIONS, ...GAMMA_FUNCTIONS, ...CRC_FUNCTIONS,
];

const BY_NAME = new Map<string, FunctionSignature[]>();
for (const f of ALL) {
  const list = BY_NAME.get(f.name);
  if (list === undefined) BY_NAME.set(f.name, [f]); else list.push(f);
}

const NONE: readonly FunctionSignature[] = [];
export const functionsNamed = (name: string): readonly FunctionSignature[] => BY_NAME.get(name) ?? NONE;
export const functionNames = (): IterableIterator<string> => BY_NAME.keys();
export const FUNCTIONS: readonly FunctionSignature[] = ALL;
