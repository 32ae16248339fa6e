/**
 * Keys, key groups and subtasks, as in Flink: a key hashes to one of `maxParallelism` key
 * groups, and each subtask owns a contiguous range of key groups. State is snapshotted by
 * key group, so a job can later be restored at another parallelism by moving whole groups.
 */

/** A key as stored in state maps: primitives as they are, everything else as stable text. */
export type NormalizedKey = string | number | boolean | bigint | null | undefined;

const OBJECT_KEY_PREFIX = '\u0001';

/** Maps a user key to a value with the key's equality semantics that a Map can use. */
export function normalizeKey(key: unknown): NormalizedKey {
  switch (typeof key) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return key;
    default:
      if (key === null) return null;
      return OBJECT_KEY_PREFIX + stableStringify(key);
  }
}

function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    return JSON.stringify(v) ?? 'undefined';
  }
  if (v instanceof Date) return `D${v.getTime()}`;
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  const keys = Object.keys(v).sort();
  const rec = v as Record<string, unknown>;
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(rec[k])}`).join(',')}}`;
}

/** 32-bit hash of a normalized key; the same on every process (no seeds). */
export function hashKey(nk: NormalizedKey): number {
  switch (typeof nk) {
    case 'number':
      if (Number.isInteger(nk) && nk >= -0x80000000 && nk <= 0x7fffffff) return fmix32(nk | 0);
      return murmurString(String(nk));
    case 'string':
      return murmurString(nk);
    case 'boolean':
      return nk ? 1231 : 1237;
    case 'bigint':
      return murmurString(nk.toString());
    default:
      return 0;
  }
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3 (x86, 32 bit) over UTF-16 code units. */
function murmurString(s: string): number {
  let h = 0x9747b28c;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let k = s.charCodeAt(i);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= n;
  return fmix32(h);
}

export function keyGroupFor(nk: NormalizedKey, maxParallelism: number): number {
  return hashKey(nk) % maxParallelism;
}

/** The subtask that owns a key group (Flink's KeyGroupRangeAssignment). */
export function subtaskForKeyGroup(keyGroup: number, maxParallelism: number, parallelism: number): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}

export interface KeyGroupRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

export function keyGroupRangeFor(subtask: number, maxParallelism: number, parallelism: number): KeyGroupRange {
  const start = Math.ceil((subtask * maxParallelism) / parallelism);
  const end = Math.ceil(((subtask + 1) * maxParallelism) / parallelism) - 1;
  return { start, end };
}

/** Flink's default: 1.5 × parallelism rounded up to a power of two, within [128, 32768]. */
export function defaultMaxParallelism(parallelism: number): number {
  const target = Math.ceil(parallelism * 1.5);
  let p = 1;
  while (p < target) p *= 2;
  return Math.min(Math.max(p, 128), 32768);
}
