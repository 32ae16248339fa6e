/**
 * Text for a record, the way Flink's print() shows Java objects: strings as they are,
 * arrays as tuples `(a,b)`, plain objects as `{a: 1, b: "x"}`, null as `null`.
 *
 * @example
 * formatValue(['a', 1]);          // (a,1)
 * formatValue({ id: 1, n: 'x' }); // {id: 1, n: "x"}
 */
export function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : format(value, false, 0);
}

const MAX_DEPTH = 8;

function format(value: unknown, quoteStrings: boolean, depth: number): string {
  switch (typeof value) {
    case 'string':
      return quoteStrings ? JSON.stringify(value) : value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'null';
    case 'symbol':
      return value.toString();
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
    case 'object':
      return formatObject(value, depth);
  }
}

function formatObject(value: object | null, depth: number): string {
  if (value === null) return 'null';
  if (depth >= MAX_DEPTH) return '...';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value)) {
    // Flink's TupleN.toString: elements as their own toString, no quotes, no spaces.
    let out = '(';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += format(value[i], false, depth + 1);
    }
    return out + ')';
  }
  if (ArrayBuffer.isView(value)) {
    return `[${Array.from(value as unknown as ArrayLike<number>).join(', ')}]`;
  }
  if (value instanceof Map) {
    const parts: string[] = [];
    for (const [k, v] of value) parts.push(`${format(k, false, depth + 1)}=${format(v, false, depth + 1)}`);
    return `{${parts.join(', ')}}`;
  }
  if (value instanceof Set) {
    const parts: string[] = [];
    for (const v of value) parts.push(format(v, true, depth + 1));
    return `[${parts.join(', ')}]`;
  }
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  const proto: unknown = Object.getPrototypeOf(value);
  const custom = (value as { toString?: unknown }).toString;
  if (proto !== Object.prototype && proto !== null && typeof custom === 'function' && custom !== Object.prototype.toString) {
    return String(value); // a class with its own toString knows best
  }
  let out = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    if (!first) out += ', ';
    first = false;
    out += `${key}: ${format((value as Record<string, unknown>)[key], true, depth + 1)}`;
  }
  return out + '}';
}
