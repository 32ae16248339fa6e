/**
 * Rows of random or sequential values described by options, after Flink's `datagen` table
 * connector (`'fields.<name>.kind' = 'sequence' | 'random'`, `start`/`end`, `min`/`max`,
 * `length`, `null-rate`, `max-past`, `'rows-per-second'`, `'number-of-rows'`), for SQL.
 *
 * Row i is a pure function of (seed, i), so a restored reader replays identical rows; the one
 * exception is random timestamps, which, as in Flink, are drawn back from the wall clock.
 * Differences from Flink: `seed` is an extra option (default 0, so runs repeat); random
 * doubles default to [0, 1) and random bigints to the safe-integer range, since rows hold
 * JavaScript numbers.
 *
 * @example
 * new RandomRowSource(
 *   [{ name: 'id', type: 'bigint' }, { name: 'name', type: 'string' }],
 *   { 'fields.id.kind': 'sequence', 'fields.id.start': 1, 'fields.id.end': 100, 'fields.name.length': 8 },
 * );
 */
import type { Boundedness, Source, SourceReader, SourceReaderContext, SplitEnumerator } from '../source.ts';
import { SplitMix } from '../internal/prng.ts';
import type { SequenceSplit } from '../internal/sequence-split.ts';
import { DataGeneratorSource } from './data-generator-source.ts';

export type DatagenType = 'int' | 'bigint' | 'double' | 'string' | 'boolean' | 'timestamp';

export interface DatagenColumn {
  readonly name: string;
  readonly type: DatagenType;
}

export type DatagenRow = Record<string, number | string | boolean | null>;

type FieldGen = (rng: SplitMix, index: number) => number | string | boolean | null;

const HEX = '0123456789abcdef';
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export class RandomRowSource implements Source<DatagenRow, SequenceSplit> {
  readonly boundedness: Boundedness;
  readonly name = 'datagen';
  /** Rows to produce (Infinity when unbounded). */
  readonly rowCount: number;
  private readonly inner: DataGeneratorSource<DatagenRow>;

  constructor(columns: readonly DatagenColumn[], options: Readonly<Record<string, string | number>> = {}) {
    const known = new Set(['rows-per-second', 'number-of-rows', 'seed']);
    const get = (key: string): string | undefined => {
      known.add(key);
      const v = options[key];
      return v === undefined ? undefined : String(v);
    };
    const seed = Number(get('seed') ?? 0) | 0;
    const rowsPerSecond = num('rows-per-second', get('rows-per-second') ?? '10000');
    let rowCount = get('number-of-rows') === undefined ? Infinity : num('number-of-rows', get('number-of-rows') ?? '');
    const names: string[] = [];
    const gens: FieldGen[] = [];
    for (const column of columns) {
      const prefix = `fields.${column.name}.`;
      const field = (key: string): string | undefined => get(prefix + key);
      const kind = field('kind') ?? 'random';
      const nullRate = num(prefix + 'null-rate', field('null-rate') ?? '0');
      let gen: FieldGen;
      if (kind === 'sequence') {
        const start = num(prefix + 'start', required(prefix + 'start', field('start')));
        const end = num(prefix + 'end', required(prefix + 'end', field('end')));
        if (end < start) throw new Error(`datagen: ${prefix}end (${end}) is below ${prefix}start (${start})`);
        rowCount = Math.min(rowCount, end - start + 1);
        gen = sequenceField(column, start);
      } else if (kind === 'random') {
        gen = randomField(column, field);
      } else {
        throw new Error(`datagen: ${prefix}kind must be 'sequence' or 'random', got '${kind}'`);
      }
      names.push(column.name);
      gens.push(nullRate > 0 ? withNulls(gen, nullRate) : gen);
    }
    for (const key of Object.keys(options)) {
      if (!known.has(key)) throw new Error(`datagen: unsupported option '${key}'`);
    }
    this.rowCount = rowCount;
    this.boundedness = Number.isFinite(rowCount) ? 'bounded' : 'unbounded';
    const rng = new SplitMix();
    const generate = (index: number): DatagenRow => {
      const row: DatagenRow = {};
      for (let f = 0; f < gens.length; f++) {
        rng.reseed(seed ^ Math.imul(f + 1, 0x27d4eb2d), index);
        row[names[f] ?? ''] = (gens[f] as FieldGen)(rng, index);
      }
      return row;
    };
    this.inner = new DataGeneratorSource(generate, rowCount, rowsPerSecond);
  }

  createEnumerator(): SplitEnumerator<SequenceSplit> {
    return this.inner.createEnumerator();
  }

  createReader(context: SourceReaderContext): SourceReader<DatagenRow, SequenceSplit> {
    return this.inner.createReader(context);
  }

  serializeSplit(split: SequenceSplit): unknown {
    return this.inner.serializeSplit(split);
  }

  deserializeSplit(data: unknown): SequenceSplit {
    return this.inner.deserializeSplit(data);
  }
}

function sequenceField(column: DatagenColumn, start: number): FieldGen {
  switch (column.type) {
    case 'int':
    case 'bigint':
    case 'double':
      return (_rng, index) => start + index;
    case 'string':
      return (_rng, index) => String(start + index);
    case 'boolean':
    case 'timestamp':
      throw new Error(`datagen: a ${column.type} field ('${column.name}') cannot be a sequence`);
  }
}

function randomField(column: DatagenColumn, field: (key: string) => string | undefined): FieldGen {
  const prefix = `fields.${column.name}.`;
  switch (column.type) {
    case 'int':
    case 'bigint': {
      const lo = column.type === 'int' ? INT_MIN : Number.MIN_SAFE_INTEGER;
      const hi = column.type === 'int' ? INT_MAX : Number.MAX_SAFE_INTEGER;
      const min = num(prefix + 'min', field('min') ?? String(lo));
      const max = num(prefix + 'max', field('max') ?? String(hi));
      if (max < min) throw new Error(`datagen: ${prefix}max (${max}) is below ${prefix}min (${min})`);
      const span = max - min + 1;
      return (rng) => min + rng.nextLong(span);
    }
    case 'double': {
      const min = num(prefix + 'min', field('min') ?? '0');
      const max = num(prefix + 'max', field('max') ?? '1');
      return (rng) => min + rng.nextDouble() * (max - min);
    }
    case 'string': {
      const length = num(prefix + 'length', field('length') ?? '100');
      return (rng) => {
        let s = '';
        for (let i = 0; i < length; i++) s += HEX[rng.nextInt(16)];
        return s;
      };
    }
    case 'boolean':
      return (rng) => rng.nextInt(2) === 1;
    case 'timestamp': {
      const maxPast = num(prefix + 'max-past', field('max-past') ?? '0');
      return (rng) => Date.now() - rng.nextLong(maxPast + 1);
    }
  }
}

function withNulls(gen: FieldGen, nullRate: number): FieldGen {
  return (rng, index) => (rng.nextFloat() < nullRate ? null : gen(rng, index));
}

function num(key: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new Error(`datagen: option '${key}' must be a number, got '${text}'`);
  }
  return value;
}

function required(key: string, value: string | undefined): string {
  if (value === undefined) throw new Error(`datagen: option '${key}' is required for a sequence field`);
  return value;
}
