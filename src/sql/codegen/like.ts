/** SQL LIKE / ILIKE in compiled expressions: the function library's matcher (no backtracking). */
import { ilike, like as likeCaseSensitive } from '../functions/text/like.ts';

export function like(value: string, pattern: string, caseInsensitive: boolean): boolean {
  return caseInsensitive ? ilike(value, pattern) : likeCaseSensitive(value, pattern);
}
