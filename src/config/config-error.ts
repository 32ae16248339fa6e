/** The one error configuration loading throws: it names the key, the value and where it came from. */
export class ConfigError extends Error {
  /** The key at fault; null when the file as a whole is at fault. */
  readonly key: string | null;
  readonly value: unknown;
  /** "in /path/conf/config.yaml", "from --rest-port", or the file path. */
  readonly where: string;

  constructor(key: string | null, value: unknown, where: string, reason: string) {
    super(key === null ? reason : `invalid value ${formatValue(value)} for '${key}' ${where}: ${reason}`);
    this.name = 'ConfigError';
    this.key = key;
    this.value = value;
    this.where = where;
  }
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '(unset)';
  if (typeof value === 'string') return `'${value}'`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The candidate closest to `word` by edit distance, when it is close enough to be a likely typo. */
export function nearest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 4)) ? best : null;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = row;
  }
  return prev[b.length]!;
}
