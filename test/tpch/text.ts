/**
 * The text columns of the TPC-H data: the fixed nations and regions (clause 4.2.3), part
 * names of five colour words, random address strings, and comments cut from a pool of
 * generated sentences (clause 4.2.2.10). The sentence grammar and vocabulary here are our
 * own, smaller than the specification's; what the queries look for is there: "special" and
 * "requests" (q13), "Customer ... Complaints" (q16, added by the generator), and the colours
 * "green" (q9) and "forest" (q20).
 */
import { rng } from '../sql/types/oracle.ts';

export const REGIONS = ['AFRICA', 'AMERICA', 'ASIA', 'EUROPE', 'MIDDLE EAST'] as const;

/** The 25 nations with their region keys, in n_nationkey order. */
export const NATIONS: readonly (readonly [string, number])[] = [
  ['ALGERIA', 0], ['ARGENTINA', 1], ['BRAZIL', 1], ['CANADA', 1], ['EGYPT', 4], ['ETHIOPIA', 0], ['FRANCE', 3],
  ['GERMANY', 3], ['INDIA', 2], ['INDONESIA', 2], ['IRAN', 4], ['IRAQ', 4], ['JAPAN', 2], ['JORDAN', 4], ['KENYA', 0],
  ['MOROCCO', 0], ['MOZAMBIQUE', 0], ['PERU', 1], ['CHINA', 2], ['ROMANIA', 3], ['SAUDI ARABIA', 4], ['VIETNAM', 2],
  ['RUSSIA', 3], ['UNITED KINGDOM', 3], ['UNITED STATES', 1],
];

/** The 92 colour words p_name is made of (clause 4.2.3). */
const COLORS = (
  'almond antique aquamarine azure beige bisque black blanched blue blush brown burlywood burnished chartreuse chiffon ' +
  'chocolate coral cornflower cornsilk cream cyan dark deep dim dodger drab firebrick floral forest frosted gainsboro ghost ' +
  'goldenrod green grey honeydew hot indian ivory khaki lace lavender lawn lemon light lime linen magenta maroon medium ' +
  'metallic midnight mint misty moccasin navajo navy olive orange orchid pale papaya peach peru pink plum powder puff ' +
  'purple red rose rosy royal saddle salmon sandy seashell sienna sky slate smoke snow spring steel tan thistle tomato ' +
  'turquoise violet wheat white yellow'
).split(' ');

// The sentence vocabulary. Words listed twice are drawn twice as often.
const NOUNS = 'requests requests packages packages accounts accounts deposits deposits foxes ideas theodolites instructions dependencies excuses platelets asymptotes courts dolphins warthogs patterns braids'.split(' ').concat('pinto beans');
const VERBS = 'sleep wake are cajole haggle nag use boost affix detect integrate maintain nod lose solve thrash promise engage hinder print breach eat grow impress serve run doze'.split(' ');
const ADJECTIVES = 'special special pending pending unusual express regular regular final final ironic ironic even bold silent furious sly careful quick fluffy slow quiet thin close daring brave idle busy'.split(' ');
const ADVERBS = 'sometimes always never furiously slyly carefully blithely quickly fluffily slowly quietly thinly closely daringly bravely idly busily regularly finally ironically evenly boldly silently'.split(' ');
const PREPOSITIONS = 'about above across after against along among around at atop before behind beneath beside between beyond by despite during except for from inside into near of on outside over past since through to toward under until upon without with within'.split(' ');
const AUXILIARIES = 'do may might shall will would can could should must'.split(' ');
const TERMINATORS = ['.', '.', '.', ';', ':', '?', '!', '--'];

type Random = () => number;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function nounPhrase(r: Random): string {
  const x = r();
  if (x < 0.1) return pick(r, NOUNS);
  if (x < 0.3) return `${pick(r, ADJECTIVES)} ${pick(r, NOUNS)}`;
  if (x < 0.4) return `${pick(r, ADJECTIVES)}, ${pick(r, ADJECTIVES)} ${pick(r, NOUNS)}`;
  return `${pick(r, ADVERBS)} ${pick(r, ADJECTIVES)} ${pick(r, NOUNS)}`;
}

function verbPhrase(r: Random): string {
  const x = r();
  if (x < 0.4) return pick(r, VERBS);
  if (x < 0.45) return `${pick(r, AUXILIARIES)} ${pick(r, VERBS)}`;
  if (x < 0.95) return `${pick(r, VERBS)} ${pick(r, ADVERBS)}`;
  return `${pick(r, AUXILIARIES)} ${pick(r, VERBS)} ${pick(r, ADVERBS)}`;
}

function sentence(r: Random): string {
  const x = r();
  const prep = (): string => `${pick(r, PREPOSITIONS)} the ${nounPhrase(r)}`;
  let s: string;
  if (x < 0.3) s = `${nounPhrase(r)} ${verbPhrase(r)}`;
  else if (x < 0.6) s = `${nounPhrase(r)} ${verbPhrase(r)} ${prep()}`;
  else if (x < 0.85) s = `${nounPhrase(r)} ${verbPhrase(r)} ${nounPhrase(r)}`;
  else s = `${nounPhrase(r)} ${prep()} ${verbPhrase(r)} ${nounPhrase(r)}`;
  return s + pick(r, TERMINATORS);
}

/** A pool of `size` characters of sentences; `slice(n)` is a random n-character piece of it. */
export function textPool(seed: number, size: number): { slice(length: number): string } {
  const r = rng(seed ^ 0x5eed);
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const s = sentence(r);
    parts.push(s);
    length += s.length + 1;
  }
  const text = parts.join(' ');
  return {
    slice(n: number): string {
      const at = Math.floor(r() * (text.length - n));
      // A piece never ends in a space (PostgreSQL's char(n) would drop it, varchar keeps it).
      return text.slice(at, at + n).trimEnd();
    },
  };
}

/** `count` distinct colour words (p_name). */
export function words(r: Random, count: number): string {
  const chosen: string[] = [];
  while (chosen.length < count) {
    const w = pick(r, COLORS);
    if (!chosen.includes(w)) chosen.push(w);
  }
  return chosen.join(' ');
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789,. ';

/** A random string of lo..hi characters (clause 4.2.2.7's v-string: addresses). */
export function vstring(r: Random, lo: number, hi: number): string {
  const n = lo + Math.floor(r() * (hi - lo + 1));
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHANUMERIC[Math.floor(r() * ALPHANUMERIC.length)];
  return s.trim() || 'x';
}
