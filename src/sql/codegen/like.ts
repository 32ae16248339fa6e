/** SQL LIKE / ILIKE: `%` any run, `_` one character, `\` escapes the next (PostgreSQL's default escape). */
const cache = new Map<string, RegExp>();

export function likeRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const key = (caseInsensitive ? 'i' : 'c') + pattern;
  let re = cache.get(key);
  if (re === undefined) {
    let src = '';
    for (let i = 0; i < pattern.length; i++) {
      const ch = pattern[i] as string;
      if (ch === '\\' && i + 1 < pattern.length) src += escape(pattern[++i] as string);
      else if (ch === '%') src += '[\\s\\S]*';
      else if (ch === '_') src += '[\\s\\S]';
      else src += escape(ch);
    }
    re = new RegExp(`^${src}$`, caseInsensitive ? 'iu' : 'u');
    if (cache.size > 1000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

function escape(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}

export function like(value: string, pattern: string, caseInsensitive: boolean): boolean {
  return likeRegExp(pattern, caseInsensitive).test(value);
}
