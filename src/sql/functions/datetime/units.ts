/**
 * Unit names for date_trunc, extract and date_part, as PostgreSQL's DecodeUnits reads them
 * (deltatktbl plus the reserved words): case-insensitive, with plurals and abbreviations.
 */
import { SqlError, SqlState } from '../../types/index.ts';

export type Unit =
  | 'microseconds' | 'milliseconds' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter'
  | 'year' | 'decade' | 'century' | 'millennium' | 'epoch' | 'julian' | 'dow' | 'isodow' | 'doy' | 'isoyear'
  | 'timezone' | 'timezone_hour' | 'timezone_minute';

const NAMES = new Map<string, Unit>();
const add = (unit: Unit, ...names: string[]): void => { for (const n of names) NAMES.set(n, unit); };
add('microseconds', 'microsecond', 'microseconds', 'microsecon', 'us', 'usec', 'usecs', 'useconds');
add('milliseconds', 'millisecond', 'milliseconds', 'millisecon', 'ms', 'msec', 'msecs', 'mseconds');
add('second', 'second', 'seconds', 's', 'sec', 'secs');
add('minute', 'minute', 'minutes', 'm', 'min', 'mins');
add('hour', 'hour', 'hours', 'h', 'hr', 'hrs');
add('day', 'day', 'days', 'd');
add('week', 'week', 'weeks', 'w');
add('month', 'month', 'months', 'mon', 'mons');
add('quarter', 'quarter', 'qtr');
add('year', 'year', 'years', 'y', 'yr', 'yrs');
add('decade', 'decade', 'decades', 'dec', 'decs');
add('century', 'century', 'centuries', 'c', 'cent');
add('millennium', 'millennium', 'millennia', 'millenniums', 'mil', 'mils');
add('epoch', 'epoch');
add('julian', 'julian', 'j');
add('dow', 'dow');
add('isodow', 'isodow');
add('doy', 'doy');
add('isoyear', 'isoyear');
add('timezone', 'timezone');
add('timezone_hour', 'timezone_h', 'timezone_hour');
add('timezone_minute', 'timezone_m', 'timezone_minute');

/** The unit, or undefined; `text` is lowered as PostgreSQL does (ASCII only). */
export function decodeUnit(text: string): Unit | undefined {
  return NAMES.get(lowerUnit(text));
}

export const lowerUnit = (text: string): string => text.replace(/[A-Z]+/g, (m) => m.toLowerCase());

export function unitNotRecognized(text: string, typeName: string): SqlError {
  return new SqlError(SqlState.invalidParameterValue, `unit "${lowerUnit(text)}" not recognized for type ${typeName}`);
}
export function unitNotSupported(text: string, typeName: string, detail?: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `unit "${lowerUnit(text)}" not supported for type ${typeName}`, detail === undefined ? undefined : { detail });
}
