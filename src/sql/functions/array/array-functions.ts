/**
 * Array functions whose result type follows the element type, as catalogue rows with a
 * polymorphic result (FunctionSignature.resultFor): array_min, array_max, array_sum,
 * array_sort, array_reverse (PostgreSQL 18's array_sort/array_reverse over one dimension)
 * and array_join, RisingWave's name for array_to_string.
 *
 * NULL elements are skipped by min/max/sum (an array of only NULLs, or an empty one, gives
 * NULL, as the aggregates over its elements would); array_sort puts them last, or first with
 * nulls_first, as ORDER BY does.
 */
import {
  BIGINT, NUMERIC, SqlError, SqlState, TEXT, castFunction, comparatorFor, formatTypeName, formatterFor, joinText,
  resolveBinaryOperator, OPERATOR_IMPLS, BOOLEAN, type DataType,
} from '../../types/index.ts';
import { ANYELEMENT, polyFn, type FunctionImpl, type FunctionSignature } from '../function-signature.ts';

type Arr = readonly unknown[];

/** The element type of an anyarray argument, or 42883 naming the call as PostgreSQL does. */
function elementOf(name: string, argTypes: readonly DataType[]): DataType {
  const t = argTypes[0]!;
  if (t.kind !== 'array') {
    throw new SqlError(SqlState.undefinedFunction, `function ${name}(${argTypes.map(formatTypeName).join(', ')}) does not exist`, {
      hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
    });
  }
  return t.element;
}

function extremum(name: string, sign: 1 | -1): FunctionSignature {
  return polyFn(name, [ANYELEMENT], TEXT, (argTypes) => {
    const cmp = comparatorFor(elementOf(name, argTypes));
    return ([a]) => {
      let best: unknown = null;
      for (const v of a as Arr) if (v !== null && (best === null || sign * cmp(v as never, best as never) < 0)) best = v;
      return best;
    };
  }, { resultFor: (t) => elementOf(name, t) });
}

/** sum's result type for an element type (int2/int4 → int8, int8 → numeric, the rest their own). */
function sumType(element: DataType): DataType {
  switch (element.kind) {
    case 'smallint': case 'integer': return BIGINT;
    case 'bigint': case 'numeric': return NUMERIC;
    case 'real': case 'double': case 'interval': return element;
    default:
      throw new SqlError(SqlState.undefinedFunction, `function array_sum(${formatTypeName(element)}[]) does not exist`, {
        hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
      });
  }
}

function arraySum(argTypes: readonly DataType[]): FunctionImpl {
  const element = elementOf('array_sum', argTypes);
  const result = sumType(element);
  const toResult = castFunction(element, result, 'i');
  const add = OPERATOR_IMPLS[resolveBinaryOperator('+', result, result).impl]!;
  return ([a], session) => {
    let acc: unknown = null;
    for (const v of a as Arr) {
      if (v === null) continue;
      const x = toResult(v as never);
      acc = acc === null ? x : add(acc, x, session);
    }
    return acc;
  };
}

function sorter(argTypes: readonly DataType[]): FunctionImpl {
  const cmp = comparatorFor(elementOf('array_sort', argTypes));
  return ([a, descending = false, nullsFirst = descending]) => {
    const dir = descending === true ? -1 : 1;
    const nulls = nullsFirst === true ? -1 : 1;
    return [...(a as Arr)].sort((x, y) => {
      if (x === null || y === null) return x === y ? 0 : (x === null ? nulls : -nulls);
      return dir * cmp(x as never, y as never);
    });
  };
}

/** array_to_string's rules: NULL elements are left out, or written as null_string when one is given. */
function joiner(argTypes: readonly DataType[]): FunctionImpl {
  const format = formatterFor(elementOf('array_join', argTypes));
  return ([a, sep, nullString]) => {
    if (a === null || sep === null) return null;
    const parts: string[] = [];
    for (const v of a as Arr) {
      if (v !== null) parts.push(format(v as never));
      else if (nullString !== undefined && nullString !== null) parts.push(nullString as string);
    }
    return joinText(parts, sep as string);
  };
}

const sameType = (name: string) => (t: readonly DataType[]): DataType => (elementOf(name, t), t[0]!);

export const ARRAY_FUNCTIONS: readonly FunctionSignature[] = [
  extremum('array_min', 1),
  extremum('array_max', -1),
  polyFn('array_sum', [ANYELEMENT], NUMERIC, arraySum, { resultFor: (t) => sumType(elementOf('array_sum', t)) }),
  polyFn('array_sort', [ANYELEMENT, BOOLEAN, BOOLEAN], TEXT, sorter, { minArgs: 1, resultFor: sameType('array_sort') }),
  polyFn('array_reverse', [ANYELEMENT], TEXT, (t) => (elementOf('array_reverse', t), ([a]) => [...(a as Arr)].reverse()), { resultFor: sameType('array_reverse') }),
  polyFn('array_join', [ANYELEMENT, TEXT], TEXT, joiner),
  polyFn('array_join', [ANYELEMENT, TEXT, TEXT], TEXT, joiner, { strict: false }),
];
