/**
 * Compiled patterns (LIKE, regular expressions) by pattern text: the last one used, checked
 * first without hashing (an operator's constant pattern hits it on every row), then an LRU of
 * recent ones for patterns that vary by row. Compilation errors are not cached.
 */
export class PatternCache<T> {
  private lastPattern: string | undefined;
  private lastValue: T | undefined;
  private readonly recent = new Map<string, T>();
  private readonly capacity: number;
  private readonly compile: (pattern: string) => T;

  constructor(capacity: number, compile: (pattern: string) => T) {
    this.capacity = capacity;
    this.compile = compile;
  }

  get(pattern: string): T {
    if (pattern === this.lastPattern) return this.lastValue as T;
    let value = this.recent.get(pattern);
    if (value !== undefined) {
      this.recent.delete(pattern); // re-inserted below, as the most recent
    } else {
      value = this.compile(pattern);
      if (this.recent.size >= this.capacity) this.recent.delete(this.recent.keys().next().value!);
    }
    this.recent.set(pattern, value);
    this.lastPattern = pattern;
    this.lastValue = value;
    return value;
  }
}
