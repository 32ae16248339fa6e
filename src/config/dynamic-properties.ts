/** `-D key=value` flags, as Flink's dynamic properties. */

/**
 * Adds one `key=value` to `into` (commander's collect function for a repeatable `-D`).
 *
 * @example
 * program.option('-D <key=value>', 'set a configuration key', parseDynamicProperty, {});
 */
export function parseDynamicProperty(pair: string, into: Record<string, string> = {}): Record<string, string> {
  const eq = pair.indexOf('=');
  const key = eq < 0 ? '' : pair.slice(0, eq).trim();
  if (key === '') throw new Error(`-D expects key=value, got '${pair}'`);
  return { ...into, [key]: pair.slice(eq + 1).trim() };
}
