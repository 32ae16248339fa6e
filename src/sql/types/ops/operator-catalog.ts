/**
 * The built-in operators over Weir's types, as rows of PostgreSQL's pg_operator: name, argument
 * types, result type and the name of the function in ops/ that implements it. Operator
 * resolution (resolve-operator.ts) runs PostgreSQL's algorithm over exactly these rows, so
 * `int2 + int4`, `int + numeric`, `real + numeric` and `'1' + 1` resolve as in PostgreSQL.
 */
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, INTERVAL, JSONB, NUMERIC, REAL, SMALLINT, TEXT, TIME,
  TIMESTAMP, TIMESTAMPTZ, type DataType,
  BPCHAR, BYTEA,
} from '../data-type.ts';

export interface OperatorSignature {
  readonly name: string;
  /** null for prefix operators. */
  readonly left: DataType | null;
  readonly right: DataType;
  readonly result: DataType;
  /** Implementing function, e.g. `int4Add`, for the expression compiler. */
  readonly impl: string;
}

const ops: OperatorSignature[] = [];
const op = (name: string, left: DataType | null, right: DataType, result: DataType, impl: string): void => {
  ops.push(Object.freeze({ name, left, right, result, impl }));
};

const ARITH: ReadonlyArray<readonly [string, string]> = [['+', 'Add'], ['-', 'Sub'], ['*', 'Mul'], ['/', 'Div']];
const INTS: ReadonlyArray<readonly [DataType, number]> = [[SMALLINT, 2], [INTEGER, 4], [BIGINT, 8]];

// Integers: every width pair, computed in the wider one (int24pl, int48pl, …); % same width only.
for (const [name, fn] of ARITH) {
  for (const [l, lw] of INTS) for (const [r, rw] of INTS) {
    const w = Math.max(lw, rw);
    op(name, l, r, w === 2 ? SMALLINT : w === 4 ? INTEGER : BIGINT, `int${w}${fn}`);
  }
  op(name, REAL, REAL, REAL, `float4${fn}`);
  op(name, DOUBLE, DOUBLE, DOUBLE, `float8${fn}`);
  op(name, REAL, DOUBLE, DOUBLE, `float8${fn}`);
  op(name, DOUBLE, REAL, DOUBLE, `float8${fn}`);
  op(name, NUMERIC, NUMERIC, NUMERIC, `decimal${fn}`);
}
for (const [t, w] of INTS) op('%', t, t, t, `int${w}Mod`);
op('%', NUMERIC, NUMERIC, NUMERIC, 'decimalMod');

// Bitwise and, or, xor, not and shifts on integers (same width; the shift count an integer).
for (const [t, w] of INTS) {
  for (const [name, fn] of [['&', 'And'], ['|', 'Or'], ['#', 'Xor']] as const) op(name, t, t, t, `int${w}Bit${fn}`);
  op('~', null, t, t, `int${w}BitNot`);
  op('<<', t, INTEGER, t, `int${w}Shl`);
  op('>>', t, INTEGER, t, `int${w}Shr`);
}

// Prefix minus and plus.
for (const [t, w] of INTS) op('-', null, t, t, `int${w}Neg`);
op('-', null, REAL, REAL, 'floatNeg');
op('-', null, DOUBLE, DOUBLE, 'floatNeg');
op('-', null, NUMERIC, NUMERIC, 'decimalNeg');
op('-', null, INTERVAL, INTERVAL, 'intervalNeg');
for (const t of [SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, NUMERIC]) op('+', null, t, t, 'identity');

// Date and time.
op('+', DATE, INTEGER, DATE, 'datePlusDays');
op('+', INTEGER, DATE, DATE, 'daysPlusDate');
op('-', DATE, INTEGER, DATE, 'dateMinusDays');
op('-', DATE, DATE, INTEGER, 'dateMinusDate');
op('+', DATE, INTERVAL, TIMESTAMP, 'datePlusInterval');
op('+', INTERVAL, DATE, TIMESTAMP, 'intervalPlusDate');
op('-', DATE, INTERVAL, TIMESTAMP, 'dateMinusInterval');
op('+', DATE, TIME, TIMESTAMP, 'datePlusTime');
op('+', TIME, DATE, TIMESTAMP, 'timePlusDate');
op('+', TIMESTAMP, INTERVAL, TIMESTAMP, 'timestampPlusInterval');
op('+', INTERVAL, TIMESTAMP, TIMESTAMP, 'intervalPlusTimestamp');
op('-', TIMESTAMP, INTERVAL, TIMESTAMP, 'timestampMinusInterval');
op('-', TIMESTAMP, TIMESTAMP, INTERVAL, 'timestampMinusTimestamp');
op('+', TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ, 'timestamptzPlusInterval');
op('+', INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ, 'intervalPlusTimestamptz');
op('-', TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ, 'timestamptzMinusInterval');
op('-', TIMESTAMPTZ, TIMESTAMPTZ, INTERVAL, 'timestampMinusTimestamp');
op('+', TIME, INTERVAL, TIME, 'timePlusInterval');
op('+', INTERVAL, TIME, TIME, 'intervalPlusTime');
op('-', TIME, INTERVAL, TIME, 'timeMinusInterval');
op('-', TIME, TIME, INTERVAL, 'timeMinusTime');
op('+', INTERVAL, INTERVAL, INTERVAL, 'intervalAdd');
op('-', INTERVAL, INTERVAL, INTERVAL, 'intervalSub');
op('*', INTERVAL, DOUBLE, INTERVAL, 'intervalMul');
op('*', DOUBLE, INTERVAL, INTERVAL, 'doubleMulInterval');
op('/', INTERVAL, DOUBLE, INTERVAL, 'intervalDiv');

// Strings and JSON.
op('||', TEXT, TEXT, TEXT, 'textConcat');
op('||', BYTEA, BYTEA, BYTEA, 'byteaConcat');
op('->', JSONB, TEXT, JSONB, 'jsonbField');
op('->', JSONB, INTEGER, JSONB, 'jsonbElement');
op('->>', JSONB, TEXT, TEXT, 'jsonbFieldText');
op('->>', JSONB, INTEGER, TEXT, 'jsonbElementText');
op('-', JSONB, TEXT, JSONB, 'jsonbDeleteKey');
op('-', JSONB, INTEGER, JSONB, 'jsonbDeleteElement');

// Comparisons: same-type for every comparable type, plus PostgreSQL's cross-type families.
export const COMPARISON_OPERATORS = ['=', '<>', '<', '<=', '>', '>='] as const;
const comparable: DataType[] = [BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, NUMERIC, TEXT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL, JSONB, BPCHAR, BYTEA];
const crossType: ReadonlyArray<readonly [DataType, DataType]> = [
  [SMALLINT, INTEGER], [INTEGER, SMALLINT], [SMALLINT, BIGINT], [BIGINT, SMALLINT], [INTEGER, BIGINT], [BIGINT, INTEGER],
  [REAL, DOUBLE], [DOUBLE, REAL],
  [DATE, TIMESTAMP], [TIMESTAMP, DATE], [DATE, TIMESTAMPTZ], [TIMESTAMPTZ, DATE], [TIMESTAMP, TIMESTAMPTZ], [TIMESTAMPTZ, TIMESTAMP],
];
for (const name of COMPARISON_OPERATORS) {
  for (const t of comparable) op(name, t, t, BOOLEAN, 'compare');
  for (const [l, r] of crossType) op(name, l, r, BOOLEAN, 'compare');
}

export const OPERATORS: readonly OperatorSignature[] = ops;

export function operatorsNamed(name: string, prefix: boolean): OperatorSignature[] {
  return OPERATORS.filter((o) => o.name === name && (o.left === null) === prefix);
}
