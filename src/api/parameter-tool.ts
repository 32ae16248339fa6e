/**
 * ParameterTool, as in Flink: reads `--key value` / `-k value` / `--flag` program arguments.
 *
 * @example
 * const params = ParameterTool.fromArgs(process.argv.slice(2));
 * const input = params.get('input');
 */
export class ParameterTool {
  private readonly values: ReadonlyMap<string, string>;

  private constructor(values: Map<string, string>) {
    this.values = values;
  }

  static fromArgs(args: readonly string[]): ParameterTool {
    const values = new Map<string, string>();
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      const m = /^--?([^=]+)(?:=(.*))?$/.exec(a);
      if (m === null || /^-\d/.test(a)) throw new Error(`unexpected program argument '${a}'; expected --key value`);
      const key = m[1] as string;
      if (m[2] !== undefined) {
        values.set(key, m[2]);
      } else {
        const next = args[i + 1];
        if (next !== undefined && (!next.startsWith('-') || /^-\d/.test(next))) {
          values.set(key, next);
          i++;
        } else {
          values.set(key, 'true');
        }
      }
    }
    return new ParameterTool(values);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  get(key: string): string | undefined;
  get(key: string, defaultValue: string): string;
  get(key: string, defaultValue?: string): string | undefined {
    return this.values.get(key) ?? defaultValue;
  }

  getRequired(key: string): string {
    const v = this.values.get(key);
    if (v === undefined) throw new Error(`missing required program argument --${key}`);
    return v;
  }

  getInt(key: string, defaultValue?: number): number {
    const v = this.values.get(key);
    if (v === undefined) {
      if (defaultValue === undefined) throw new Error(`missing required program argument --${key}`);
      return defaultValue;
    }
    const n = Number(v);
    if (!Number.isInteger(n)) throw new Error(`program argument --${key} must be an integer, got '${v}'`);
    return n;
  }

  getBoolean(key: string, defaultValue = false): boolean {
    const v = this.values.get(key);
    return v === undefined ? defaultValue : v !== 'false';
  }

  toMap(): Record<string, string> {
    return Object.fromEntries(this.values);
  }
}
