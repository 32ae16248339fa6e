/**
 * Arrays in expressions, as PostgreSQL has them (one dimension, subscripts from 1):
 * `ARRAY[a, b]`, `arr[i]`, `arr[i:j]`, comparisons, `||`, `@>`, `<@`, `&&`, `x op ANY/ALL
 * (arr)`, and the array functions whose result type follows from their arguments
 * (`array_length`, `cardinality`, `array_append`, `array_cat`, `array_position(s)`,
 * `array_remove`, `array_replace`, `array_fill`, `array_dims`, `trim_array`, `width_bucket`
 * over thresholds, `array_to_string`, `string_to_array`, `regexp_match`,
 * `regexp_split_to_array`, ...).
 */
import { BOOLEAN, INTEGER, SqlError, TEXT, arrayOf, checkArrayLength, commonTypeOf, comparatorFor, formatType, formatterFor, joinText, type DataType } from '../types/index.ts';
import type { BoundExpr } from './bound-expr.ts';
import type { BindContext } from './bind-expr.ts';
import { regexpMatch, regexpSplitToArray } from '../functions/text/regexp-functions.ts';
import { SqlState, undefinedFunction } from '../../errors/index.ts';

type Coerce = (e: BoundExpr, to: DataType, ctx: BindContext) => BoundExpr;
type Arr = ReadonlyArray<unknown>;

const fnNode = (name: string, args: readonly BoundExpr[], type: DataType, impl: (values: readonly unknown[]) => unknown, strict = true): BoundExpr => ({
  kind: 'function',
  name,
  impl: (values) => impl(values),
  strict,
  args,
  type,
});

const elementOf = (t: DataType): DataType | null => (t.kind === 'array' ? t.element : null);

/** `ARRAY[e1, e2, ...]`: the elements in their common type. */
export function bindArrayConstructor(elements: readonly BoundExpr[], ctx: BindContext, coerce: Coerce): BoundExpr {
  const known = elements.map((e) => e.type).filter((t) => t.kind !== 'unknown');
  if (elements.length === 0) throw new SqlError(SqlState.indeterminateDatatype, 'cannot determine type of empty array', { hint: 'Explicitly cast to the desired type, for example ARRAY[]::integer[].' });
  if (known.some((t) => t.kind === 'array')) throw new SqlError(SqlState.featureNotSupported, 'multidimensional arrays are not supported yet');
  // With untyped elements the modifier goes (select_common_typmod): ARRAY['a'::char(3), 'b'] is bpchar[].
  const element = known.length === 0 ? TEXT : commonTypeOf(elements.map((e) => e.type), 'ARRAY');
  return fnNode('array', elements.map((e) => coerce(e, element, ctx)), arrayOf(element), (values) => [...values], false);
}

/** `arr[i]` (NULL outside the array) and `arr[i:j]` (either bound may be left out). */
export function bindSubscript(arg: BoundExpr, indices: ReadonlyArray<{ lower: BoundExpr | null; upper: BoundExpr | null; slice: boolean }>, ctx: BindContext, coerce: Coerce): BoundExpr {
  const element = elementOf(arg.type);
  if (element === null) throw new SqlError(SqlState.datatypeMismatch, `cannot subscript type ${formatType(arg.type)} because it does not support subscripting`);
  if (indices.length > 1) throw new SqlError(SqlState.featureNotSupported, 'multidimensional subscripts are not supported yet');
  const [{ lower, upper, slice }] = indices as [{ lower: BoundExpr | null; upper: BoundExpr | null; slice: boolean }];
  const int = (e: BoundExpr | null): BoundExpr | null => (e === null ? null : coerce(e, INTEGER, ctx));
  const lo = int(lower);
  const hi = int(upper);
  // int2vector and oidvector (pg_index.indkey, indoption) count from 0, arrays from 1.
  const base = arg.type.kind === 'array' && arg.type.vector !== undefined ? 0 : 1;
  if (!slice) {
    return fnNode('subscript', [arg, hi as BoundExpr], element, ([a, i]) => {
      const k = Number(i);
      return (a as Arr)[k - base] ?? null;
    });
  }
  const args = [arg, ...(lo === null ? [] : [lo]), ...(hi === null ? [] : [hi])];
  // A slice of a vector is a plain array (PostgreSQL prints indkey[0:1] as {4,3}).
  const sliced = arg.type.kind === 'array' && arg.type.vector !== undefined ? arrayOf(element) : arg.type;
  return fnNode('slice', args, sliced, (values) => {
    const a = values[0] as Arr;
    let k = 1;
    const from = lo === null ? base : Number(values[k++]);
    const to = hi === null ? a.length - 1 + base : Number(values[k]);
    return a.slice(Math.max(from, base) - base, Math.max(Math.min(to - base + 1, a.length), 0));
  });
}

function contains(cmp: (a: never, b: never) => number, hay: Arr, needles: Arr): boolean {
  return needles.every((n) => n !== null && hay.some((h) => h !== null && cmp(h as never, n as never) === 0));
}

/** Operators over arrays; undefined when neither side is an array. */
/** The operators bindArrayOperator owns; others over an array (jsonb #> text[]) are the function library's. */
const ARRAY_OPERATORS: ReadonlySet<string> = new Set(['||', '=', '<>', '<', '<=', '>', '>=', '@>', '<@', '&&']);

export function bindArrayOperator(op: string, left: BoundExpr | null, right: BoundExpr, ctx: BindContext, coerce: Coerce): BoundExpr | undefined {
  if (left === null || !ARRAY_OPERATORS.has(op)) return undefined;
  const la = elementOf(left.type);
  const ra = elementOf(right.type);
  if (la === null && ra === null) return undefined;
  if (op === '||') {
    if (la !== null && ra !== null) {
      const type = arrayOf(commonTypeOf([la, ra], 'ARRAY'));
      return fnNode('array_cat', [coerce(left, type, ctx), coerce(right, type, ctx)], type, ([a, b]) => (a === null ? b : b === null ? a : (checkArrayLength((a as Arr).length + (b as Arr).length), [...(a as Arr), ...(b as Arr)])), false);
    }
    if (la !== null) {
      const l = left;
      return fnNode('array_append', [l, coerce(right, la, ctx)], l.type, ([a, x]) => [...((a as Arr | null) ?? []), x], false);
    }
    return fnNode('array_prepend', [coerce(left, ra!, ctx), right], right.type, ([x, a]) => [x, ...((a as Arr | null) ?? [])], false);
  }
  // Both sides arrays (an untyped literal takes the other side's type).
  const type = la !== null ? left.type : right.type;
  const l = coerce(left, type, ctx);
  const r = coerce(right, type, ctx);
  const element = elementOf(type)!;
  const ecmp = comparatorFor(element) as (a: never, b: never) => number;
  switch (op) {
    case '=': case '<>': case '<': case '<=': case '>': case '>=':
      return { kind: 'compare', op, cmp: comparatorFor(type), left: l, right: r, type: BOOLEAN };
    case '@>':
      return fnNode('arraycontains', [l, r], BOOLEAN, ([a, b]) => contains(ecmp, a as Arr, b as Arr));
    case '<@':
      return fnNode('arraycontained', [l, r], BOOLEAN, ([a, b]) => contains(ecmp, b as Arr, a as Arr));
    case '&&':
      return fnNode('arrayoverlap', [l, r], BOOLEAN, ([a, b]) => (a as Arr).some((x) => x !== null && (b as Arr).some((y) => y !== null && ecmp(x as never, y as never) === 0)));
    default:
      throw new SqlError(SqlState.undefinedFunction, `operator does not exist: ${formatType(left.type)} ${op} ${formatType(right.type)}`);
  }
}

/** `x op ANY (arr)` / `x op ALL (arr)`, with SQL's NULL rules. */
export function bindQuantified(op: string, all: boolean, x: BoundExpr, arr: BoundExpr, ctx: BindContext, coerce: Coerce, compare: (op: string, l: BoundExpr, r: BoundExpr) => BoundExpr): BoundExpr {
  const element = elementOf(arr.type) ?? (arr.type.kind === 'unknown' ? x.type : null);
  if (element === null) throw new SqlError(SqlState.wrongObjectType, `op ANY/ALL (array) requires array on right side`);
  const arrayType = arrayOf(element.kind === 'unknown' ? TEXT : element);
  const a = coerce(arr, arrayType, ctx);
  // The comparison of x with one element, bound as the operator itself would be.
  const probe = compare(op, x, { kind: 'column', index: -1, type: arrayType.kind === 'array' ? arrayType.element : TEXT, name: 'element' });
  if (probe.kind !== 'compare') throw new SqlError(SqlState.featureNotSupported, `${op} ${all ? 'ALL' : 'ANY'} (array) is supported for comparison operators`);
  const cmp = probe.cmp as (a: never, b: never) => number;
  const test = (c: number): boolean => (op === '=' ? c === 0 : op === '<>' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0);
  return fnNode(all ? 'all' : 'any', [probe.left, a], BOOLEAN, ([v, list]) => {
    let unknown = false;
    for (const e of list as Arr) {
      if (e === null) {
        unknown = true;
        continue;
      }
      const r = test(cmp(v as never, e as never));
      if (all && !r) return false;
      if (!all && r) return true;
    }
    return unknown ? null : all;
  });
}

/** Array functions; undefined when `name` is not one (or no argument is an array where one must be). */
export function bindArrayFunction(name: string, args: readonly BoundExpr[], ctx: BindContext, coerce: Coerce): BoundExpr | undefined {
  const a0 = args[0];
  const el = a0 === undefined ? null : elementOf(a0.type);
  const need = (n: number): void => {
    if (args.length !== n) throw undefinedFunction(name, args.map((a) => formatType(a.type)));
  };
  const int = (e: BoundExpr): BoundExpr => coerce(e, INTEGER, ctx);
  const text = (e: BoundExpr): BoundExpr => coerce(e, TEXT, ctx);
  switch (name) {
    case 'array_length':
    case 'array_upper':
      if (el === null) return undefined;
      need(2);
      return fnNode(name, [a0!, int(args[1]!)], INTEGER, ([a, d]) => (Number(d) === 1 && (a as Arr).length > 0 ? (a as Arr).length : null));
    case 'array_lower':
      if (el === null) return undefined;
      need(2);
      return fnNode(name, [a0!, int(args[1]!)], INTEGER, ([a, d]) => (Number(d) === 1 && (a as Arr).length > 0 ? 1 : null));
    case 'cardinality':
      if (el === null) return undefined;
      need(1);
      return fnNode(name, [a0!], INTEGER, ([a]) => (a as Arr).length);
    case 'array_ndims':
      if (el === null) return undefined;
      need(1);
      return fnNode(name, [a0!], INTEGER, ([a]) => ((a as Arr).length > 0 ? 1 : null));
    case 'array_append':
    case 'array_prepend':
    case 'array_cat':
      need(2);
      return bindArrayOperator('||', args[0]!, args[1]!, ctx, coerce);
    case 'array_position': {
      if (el === null) return undefined;
      if (args.length !== 2 && args.length !== 3) need(2);
      const cmp = comparatorFor(el) as (a: never, b: never) => number;
      const rest = [coerce(args[1]!, el, ctx), ...(args[2] === undefined ? [] : [int(args[2])])];
      return fnNode(name, [a0!, ...rest], INTEGER, ([a, x, start]) => {
        const arr = a as Arr;
        for (let i = Math.max(Number(start ?? 1), 1) - 1; i < arr.length; i++) {
          const e = arr[i];
          if (x === null ? e === null : e !== null && cmp(e as never, x as never) === 0) return i + 1;
        }
        return null;
      }, false);
    }
    case 'array_remove': {
      if (el === null) return undefined;
      need(2);
      const cmp = comparatorFor(el) as (a: never, b: never) => number;
      return fnNode(name, [a0!, coerce(args[1]!, el, ctx)], a0!.type, ([a, x]) =>
        a === null ? null : (a as Arr).filter((e) => (x === null ? e !== null : e === null || cmp(e as never, x as never) !== 0)),
      false);
    }
    case 'array_to_string': {
      if (el === null) return undefined;
      if (args.length !== 2 && args.length !== 3) need(2);
      const out = formatterFor(el, ctx.session) as (v: never) => string;
      const rest = args.slice(1).map(text);
      return fnNode(name, [a0!, ...rest], TEXT, ([a, sep, nullText]) => {
        if (a === null || sep === null) return null;
        const parts: string[] = [];
        for (const e of a as Arr) {
          if (e === null) {
            if (nullText !== undefined && nullText !== null) parts.push(nullText as string);
          } else parts.push(out(e as never));
        }
        return joinText(parts, sep as string);
      }, false);
    }
    case 'string_to_array': {
      if (args.length !== 2 && args.length !== 3) return undefined;
      return fnNode(name, args.map(text), arrayOf(TEXT), ([s, sep, nullText]) => {
        if (s === null) return null;
        const str = s as string;
        if (str === '') return [];
        const parts = sep === null ? [...str] : sep === '' ? [str] : str.split(sep as string);
        return parts.map((p) => (nullText !== undefined && nullText !== null && p === nullText ? null : p));
      }, false);
    }
    case 'regexp_match':
    case 'regexp_split_to_array': {
      if (args.length !== 2 && args.length !== 3) return undefined;
      return fnNode(name, args.map(text), arrayOf(TEXT), ([s, pattern, flags]) => {
        const f = (flags as string | undefined) ?? '';
        return name === 'regexp_match' ? regexpMatch(s as string, pattern as string, f) : regexpSplitToArray(s as string, pattern as string, f);
      });
    }
    default:
      return bindMoreArrayFunction(name, args, ctx, coerce);
  }
}

/** array_dims, array_fill, array_positions, array_replace, trim_array, width_bucket(x, thresholds). */
function bindMoreArrayFunction(name: string, args: readonly BoundExpr[], ctx: BindContext, coerce: Coerce): BoundExpr | undefined {
  const a0 = args[0];
  const el = a0 === undefined ? null : elementOf(a0.type);
  const need = (n: number): void => {
    if (args.length !== n) throw undefinedFunction(name, args.map((a) => formatType(a.type)));
  };
  const int = (e: BoundExpr): BoundExpr => coerce(e, INTEGER, ctx);
  switch (name) {
    case 'array_dims': {
      if (el === null) return undefined;
      need(1);
      // int2vector and oidvector count from 0.
      const base = a0!.type.kind === 'array' && a0!.type.vector !== undefined ? 0 : 1;
      return fnNode(name, [a0!], TEXT, ([a]) => ((a as Arr).length === 0 ? null : `[${base}:${(a as Arr).length - 1 + base}]`));
    }
    case 'array_fill': {
      if (args.length !== 2 && args.length !== 3) return undefined;
      const v = args[0]!;
      if (v.type.kind === 'unknown') throw new SqlError(SqlState.datatypeMismatch, 'could not determine polymorphic type because input has type unknown');
      if (v.type.kind === 'array') throw new SqlError(SqlState.featureNotSupported, 'multidimensional arrays are not supported yet');
      const ints = arrayOf(INTEGER);
      return fnNode(name, [v, ...args.slice(1).map((e) => coerce(e, ints, ctx))], arrayOf(v.type), ([x, dims, lbounds]) => {
        if (dims === null || lbounds === null) throw new SqlError(SqlState.nullValueNotAllowed, 'dimension array or low bound array cannot be null');
        const d = dims as Arr;
        const lb = lbounds as Arr | undefined;
        if (lb !== undefined && lb.length !== d.length) {
          throw new SqlError(SqlState.arraySubscriptError, 'wrong number of array subscripts', { detail: 'Low bound array has different size than dimensions array.' });
        }
        if (d.some((n) => n === null) || lb?.some((n) => n === null)) throw new SqlError(SqlState.nullValueNotAllowed, 'dimension values cannot be null');
        if (d.length === 0) return [];
        if (d.length > 1) throw new SqlError(SqlState.featureNotSupported, 'multidimensional arrays are not supported yet');
        if (lb !== undefined && Number(lb[0]) !== 1) throw new SqlError(SqlState.featureNotSupported, 'arrays with a lower bound other than 1 are not supported yet');
        const n = Number(d[0]);
        if (n > 134217727 || n < 0) throw new SqlError(SqlState.programLimitExceeded, 'array size exceeds the maximum allowed (134217727)');
        checkArrayLength(n);
        return new Array<unknown>(n).fill(x);
      }, false);
    }
    case 'array_positions': {
      if (el === null) return undefined;
      need(2);
      const same = notDistinct(el);
      return fnNode(name, [a0!, coerce(args[1]!, el, ctx)], arrayOf(INTEGER), ([a, x]) => {
        if (a === null) return null;
        const out: number[] = [];
        (a as Arr).forEach((e, i) => { if (same(e, x)) out.push(i + 1); });
        return out;
      }, false);
    }
    case 'array_replace': {
      if (el === null) return undefined;
      need(3);
      const same = notDistinct(el);
      return fnNode(name, [a0!, coerce(args[1]!, el, ctx), coerce(args[2]!, el, ctx)], a0!.type, ([a, from, to]) =>
        (a === null ? null : (a as Arr).map((e) => (same(e, from) ? to : e))), false);
    }
    case 'trim_array': {
      if (el === null) return undefined;
      need(2);
      return fnNode(name, [a0!, int(args[1]!)], a0!.type, ([a, n]) => {
        const arr = a as Arr;
        const k = Number(n);
        if (k < 0 || k > arr.length) throw new SqlError(SqlState.arraySubscriptError, `number of elements to trim must be between 0 and ${arr.length}`);
        return arr.slice(0, arr.length - k);
      });
    }
    case 'width_bucket': {
      const t = args[1];
      if (args.length !== 2 || t === undefined || t.type.kind !== 'array') return undefined;
      // anycompatible: the operand and the thresholds' elements in their common type.
      const type = commonTypeOf([a0!.type, t.type.element].filter((x) => x.kind !== 'unknown'), 'width_bucket');
      const cmp = comparatorFor(type) as (a: never, b: never) => number;
      return fnNode(name, [coerce(a0!, type, ctx), coerce(t, arrayOf(type), ctx)], INTEGER, ([x, thresholds]) => {
        const th = thresholds as Arr;
        if (th.some((e) => e === null)) throw new SqlError(SqlState.nullValueNotAllowed, 'thresholds array must not contain NULLs');
        let left = 0, right = th.length;
        while (left < right) {
          const mid = (left + right) >> 1;
          if (cmp(x as never, th[mid] as never) < 0) right = mid; else left = mid + 1;
        }
        return left;
      });
    }
    default:
      return undefined;
  }
}

/** IS NOT DISTINCT FROM over one element type: NULL matches NULL. */
function notDistinct(el: DataType): (a: unknown, b: unknown) => boolean {
  const cmp = comparatorFor(el) as (a: never, b: never) => number;
  return (a, b) => (a === null || b === null ? a === b : cmp(a as never, b as never) === 0);
}
