/**
 * parse_ident(qualified_identifier [, strict]): `"SomeSchema".someTable` → {SomeSchema,sometable},
 * as misc.c splits it: quoted parts keep their case (`""` is a quote), unquoted ones are
 * lowered (ASCII), blanks may surround the dots; with strict (the default) nothing may follow.
 */
import { BOOLEAN, SqlError, SqlState, TEXT, arrayOf } from '../../types/index.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const isIdentStart = (c: string | undefined): boolean => c !== undefined && (/[A-Za-z_]/.test(c) || c.charCodeAt(0) >= 0x80);
const isIdentCont = (c: string | undefined): boolean => c !== undefined && (isIdentStart(c) || /[0-9$]/.test(c));

export function parseIdent(text: string, strict = true): string[] {
  const invalid = (detail?: string): SqlError =>
    new SqlError(SqlState.invalidParameterValue, `string is not a valid identifier: "${text}"`, detail === undefined ? {} : { detail });
  const out: string[] = [];
  let i = 0;
  let afterDot = false;
  while (isSpace(text[i])) i++;
  for (;;) {
    if (text[i] === '"') {
      let name = '';
      let j = i + 1;
      for (;;) {
        const end = text.indexOf('"', j);
        if (end < 0) throw invalid('String has unclosed double quotes.');
        name += text.slice(j, end);
        if (text[end + 1] !== '"') { i = end + 1; break; }
        name += '"';
        j = end + 2;
      }
      if (name === '') throw invalid('Quoted identifier must not be empty.');
      out.push(name);
    } else if (isIdentStart(text[i])) {
      const start = i++;
      while (isIdentCont(text[i])) i++;
      out.push(text.slice(start, i).replace(/[A-Z]+/g, (m) => m.toLowerCase()));
    } else if (text[i] === '.') throw invalid('No valid identifier before ".".');
    else if (afterDot) throw invalid('No valid identifier after ".".');
    else throw invalid();
    while (isSpace(text[i])) i++;
    if (text[i] === '.') {
      afterDot = true;
      i++;
      while (isSpace(text[i])) i++;
    } else if (i >= text.length) break;
    else {
      if (strict) throw invalid();
      break;
    }
  }
  return out;
}

export const PARSE_IDENT_FUNCTIONS: readonly FunctionSignature[] = [
  fn('parse_ident', [TEXT, BOOLEAN], arrayOf(TEXT), ([t, strict]) => parseIdent(t as string, strict === undefined ? true : (strict as boolean)), { minArgs: 1 }),
];
