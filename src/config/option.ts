/**
 * One configuration key: its parser, its default and its documentation, as Flink's
 * `ConfigOption`. Builders below cover the kinds Weir's keys need; each parser accepts the
 * YAML scalar (number, string, null) or the string of a `-D key=value` flag, and throws an
 * `InvalidValue` that the loader turns into a `ConfigError` naming the key, value and origin.
 */
import { resolve } from 'node:path';

/** A reason a raw value was rejected; the loader adds key, value and origin. */
export class InvalidValue extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidValue';
  }
}

/** What a derived default may depend on. */
export interface DefaultContext {
  /** The Weir installation directory (the repository root), as FLINK_HOME. */
  readonly weirHome: string;
}

export interface ConfigOption<T> {
  readonly key: string;
  /** What the key does and when to change it; the same text belongs in conf/config.yaml. */
  readonly doc: string;
  /** The default as written in conf/config.yaml: a scalar, or null when unset or derived. */
  readonly fileDefault: string | number | null;
  /** The default in words, for docs and error hints ("<weir home>/log", "unset"). */
  readonly defaultText: string;
  /** Parses a raw value; null means "not set" and yields the default. */
  parse(raw: string | number | boolean): T;
  defaultValue(context: DefaultContext): T;
}

export type RawValue = string | number | boolean | null;

function asInteger(raw: string | number | boolean): number {
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'string' && /^\s*[-+]?\d+\s*$/.test(raw)) return Number(raw);
  throw new InvalidValue('expected an integer');
}

export function intOption(
  key: string,
  def: number,
  range: { min: number; max: number; also?: number },
  doc: string,
): ConfigOption<number> {
  return {
    key,
    doc,
    fileDefault: def,
    defaultText: String(def),
    parse(raw) {
      const n = asInteger(raw);
      if (n === range.also) return n;
      if (n < range.min || n > range.max) {
        const also = range.also === undefined ? '' : ` (or ${range.also})`;
        throw new InvalidValue(`expected an integer in ${range.min}..${range.max}${also}`);
      }
      return n;
    },
    defaultValue: () => def,
  };
}

export function portOption(key: string, def: number, doc: string): ConfigOption<number> {
  const option = intOption(key, def, { min: 1, max: 65535 }, doc);
  return {
    ...option,
    parse(raw) {
      try {
        return option.parse(raw);
      } catch {
        throw new InvalidValue('expected a port number in 1..65535');
      }
    },
  };
}

function asString(raw: string | number | boolean): string {
  const s = String(raw).trim();
  if (s === '') throw new InvalidValue('expected a non-empty string');
  return s;
}

export function stringOption(key: string, def: string, doc: string): ConfigOption<string> {
  return { key, doc, fileDefault: def, defaultText: def, parse: asString, defaultValue: () => def };
}

/** A string with no default: unset is null. */
export function optionalStringOption(key: string, doc: string): ConfigOption<string | null> {
  return { key, doc, fileDefault: null, defaultText: 'unset', parse: asString, defaultValue: () => null };
}

/** A local directory; relative paths are resolved against the working directory, as Flink does. */
export function pathOption(key: string, def: string, doc: string): ConfigOption<string> {
  return { key, doc, fileDefault: def, defaultText: def, parse: (raw) => resolve(asString(raw)), defaultValue: () => def };
}

/** A local directory whose default is computed, e.g. a directory under the Weir home. */
export function derivedPathOption(
  key: string,
  defaultText: string,
  derive: (context: DefaultContext) => string,
  doc: string,
): ConfigOption<string> {
  return { key, doc, fileDefault: null, defaultText, parse: (raw) => resolve(asString(raw)), defaultValue: derive };
}

/** One of a fixed set of words, compared case-insensitively and normalised to the listed spelling. */
export function enumOption<T extends string>(key: string, values: readonly T[], def: T, doc: string): ConfigOption<T> {
  return {
    key,
    doc,
    fileDefault: def,
    defaultText: def,
    parse(raw) {
      const s = String(raw).trim().toLowerCase();
      const found = values.find((v) => v.toLowerCase() === s);
      if (found === undefined) throw new InvalidValue(`expected one of ${values.join(', ')}`);
      return found;
    },
    defaultValue: () => def,
  };
}

const DURATION_UNITS: ReadonlyArray<[readonly string[], number]> = [
  [['ms', 'milli', 'millis', 'millisecond', 'milliseconds'], 1],
  [['s', 'sec', 'secs', 'second', 'seconds'], 1000],
  [['min', 'm', 'minute', 'minutes'], 60_000],
  [['h', 'hour', 'hours'], 3_600_000],
  [['d', 'day', 'days'], 86_400_000],
];

/**
 * Parses a duration as Flink's TimeUtils does: a number of milliseconds, or a number and a
 * unit ("500 ms", "10s", "3 min", "1 h").
 */
export function parseDuration(raw: string | number | boolean): number {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) return raw;
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(String(raw));
  if (m !== null) {
    const unit = (m[2] ?? '').toLowerCase();
    if (unit === '') return Number(m[1]);
    const factor = DURATION_UNITS.find(([names]) => names.includes(unit))?.[1];
    if (factor !== undefined) return Number(m[1]) * factor;
  }
  throw new InvalidValue("expected a duration such as '10 s', '3 min' or a number of milliseconds");
}

/** A duration in milliseconds with no default: unset (null) means "off". */
export function optionalDurationOption(key: string, doc: string): ConfigOption<number | null> {
  return {
    key,
    doc,
    fileDefault: null,
    defaultText: 'off',
    parse(raw) {
      const ms = parseDuration(raw);
      if (ms <= 0) throw new InvalidValue('expected a positive duration (leave the key empty to turn it off)');
      return ms;
    },
    defaultValue: () => null,
  };
}

const MEMORY_UNITS: ReadonlyArray<[readonly string[], number]> = [
  [['', 'b', 'bytes'], 1],
  [['k', 'kb', 'kib', 'kibibytes'], 2 ** 10],
  [['m', 'mb', 'mib', 'mebibytes'], 2 ** 20],
  [['g', 'gb', 'gib', 'gibibytes'], 2 ** 30],
  [['t', 'tb', 'tib', 'tebibytes'], 2 ** 40],
];

/** Parses a memory size as Flink's MemorySize does: bytes, or a number and a unit ("512 mb", "2g"). */
export function parseMemorySize(raw: string | number | boolean): number {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) return raw;
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(String(raw));
  if (m !== null) {
    const unit = (m[2] ?? '').toLowerCase();
    const factor = MEMORY_UNITS.find(([names]) => names.includes(unit))?.[1];
    if (factor !== undefined && Number(m[1]) > 0) return Number(m[1]) * factor;
  }
  throw new InvalidValue("expected a memory size such as '512 mb', '2 gb' or a number of bytes");
}

/** A memory size in bytes whose default is computed (from the machine's memory, say). */
export function derivedMemoryOption(key: string, defaultText: string, derive: () => number, doc: string): ConfigOption<number> {
  return { key, doc, fileDefault: null, defaultText, parse: parseMemorySize, defaultValue: derive };
}
