/**
 * Micro-benchmark behind the int64 representation decision in src/sql/types/values.ts.
 * Run: node test/sql/types/int64-representation.bench.ts  (prints ns/op; no assertions).
 * Sums N values with PostgreSQL overflow checks in three representations.
 */
const N = 2_000_000;
const MAX = 9223372036854775807n, MIN = -9223372036854775808n;
const SAFE = Number.MAX_SAFE_INTEGER;

function bigintAdd(a: bigint, b: bigint): bigint {
  const r = a + b;
  if (r > MAX || r < MIN) throw new Error('bigint out of range');
  return r;
}
function numberAdd(a: number, b: number): number {
  const r = a + b;
  if (r > SAFE || r < -SAFE) throw new Error('out of safe range');
  return r;
}
/** Canonical hybrid: a number when |v| <= 2^53-1, a bigint otherwise. */
function hybridAdd(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= SAFE && r >= -SAFE) return r;
  }
  const r = BigInt(a) + BigInt(b);
  if (r > MAX || r < MIN) throw new Error('bigint out of range');
  return r >= -SAFE && r <= SAFE ? Number(r) : r;
}

function time(name: string, f: () => unknown): void {
  for (let i = 0; i < 3; i++) f();
  const t0 = process.hrtime.bigint();
  const r = f();
  const ns = Number(process.hrtime.bigint() - t0) / N;
  console.log(`${name.padEnd(34)} ${ns.toFixed(2)} ns/op  (${String(r)})`);
}

const nums = Array.from({ length: N }, (_, i) => (i * 7919) % 1_000_003);
const bigs = nums.map((x) => BigInt(x));
const f64 = new Float64Array(nums);
const b64 = new BigInt64Array(bigs);
time('number (safe-range check), array', () => { let s = 0; for (let i = 0; i < N; i++) s = numberAdd(s, nums[i]!); return s; });
time('number, Float64Array', () => { let s = 0; for (let i = 0; i < N; i++) s = numberAdd(s, f64[i]!); return s; });
time('hybrid number|bigint, array', () => { let s: number | bigint = 0; for (let i = 0; i < N; i++) s = hybridAdd(s, nums[i]!); return s; });
time('bigint (int64 check), array', () => { let s = 0n; for (let i = 0; i < N; i++) s = bigintAdd(s, bigs[i]!); return s; });
time('bigint, BigInt64Array', () => { let s = 0n; for (let i = 0; i < N; i++) s = bigintAdd(s, b64[i]!); return s; });
time('compare number a<b', () => { let c = 0; for (let i = 1; i < N; i++) if (nums[i]! < nums[i - 1]!) c++; return c; });
time('compare bigint a<b', () => { let c = 0; for (let i = 1; i < N; i++) if (bigs[i]! < bigs[i - 1]!) c++; return c; });
time('hash key String(number)', () => { let c = 0; for (let i = 0; i < N; i++) c += String(nums[i]).length; return c; });
time('hash key String(bigint)', () => { let c = 0; for (let i = 0; i < N; i++) c += String(bigs[i]).length; return c; });
