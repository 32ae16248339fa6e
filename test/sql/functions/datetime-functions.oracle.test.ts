/**
 * Date/time functions against PostgreSQL in a zone with DST (Europe/Berlin): date_trunc,
 * extract/date_part for every unit and type, date_bin, to_timestamp, make_*, justify_*, age,
 * timezone(), on generated timestamps from BC to far future and on infinities.
 */
import { describe, it } from 'vitest';
import { sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { usePostgres } from '../../support/postgres.ts';
import { int, pick, rng } from '../types/oracle.ts';
import { compareCalls, expectAllMatch, functionCall, type Arg, type Call } from './harness.ts';

const TZ = 'Europe/Berlin';
const pg = usePostgres({ timeZone: TZ });
const session = sessionWithTimeZone(TZ);

const UNITS = ['microseconds', 'milliseconds', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year', 'decade', 'century',
  'millennium', 'epoch', 'julian', 'dow', 'isodow', 'doy', 'isoyear', 'timezone', 'timezone_hour', 'timezone_minute', 'HOURS', 'mins', 'foo'];
const FIXED_STAMPS = ['2024-03-31 01:59:59.999999', '2024-03-31 03:00', '2024-10-27 02:30', '2024-01-01 00:00', '2021-01-03 12:00', '2020-12-31 23:59:59.5',
  '1999-12-31 23:59:59.999999', '0044-03-15 12:00 BC', '0001-01-01 00:00', '0001-12-31 23:00 BC', '2000-02-29 10:20:30.123456', 'infinity', '-infinity', '294276-12-31 23:59:59'];
const INTERVALS = ['1 year 2 mons 3 days 04:05:06.789', '-1 year -2 mons', '1 mon -1 day', '-35 days 25:00', '100 years', '-1 day +02:00:00.5', '00:00:00.000001',
  '1234 years 5 mons', '-00:00:01.5', '7 days', '3 mons 100 days 30:00'];

function randomStamp(r: () => number): string {
  const y = int(r, 1, 2500), mo = int(r, 1, 12), d = int(r, 1, 28);
  const us = int(r, 0, 999999);
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')} ${int(r, 0, 23)}:${int(r, 0, 59)}:${int(r, 0, 59)}.${String(us).padStart(6, '0')}${pick(r, ['', '', '', ' BC'])}`;
}

describe.skipIf(pg.skipReason)('date/time functions match PostgreSQL', () => {
  it('date_trunc, extract and date_part', async () => {
    const r = rng(3);
    const stamps = [...FIXED_STAMPS];
    for (let k = 0; k < 30; k++) stamps.push(randomStamp(r));
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    for (const s of stamps) for (const u of UNITS) {
      for (const type of ['timestamp', 'timestamptz']) {
        f('date_trunc', ['text', u], [type, s]);
        f('pg_catalog.extract', ['text', u], [type, s]);
        f('date_part', ['text', u], [type, s]);
      }
    }
    for (const s of stamps.slice(0, 20)) for (const u of UNITS) { f('pg_catalog.extract', ['text', u], ['date', s]); f('date_part', ['text', u], ['date', s]); }
    for (const t of ['00:00', '12:34:56.789', '23:59:59.999999', '24:00']) for (const u of UNITS) { f('pg_catalog.extract', ['text', u], ['time', t]); f('date_part', ['text', u], ['time', t]); }
    for (const v of INTERVALS) for (const u of UNITS) { f('date_trunc', ['text', u], ['interval', v]); f('pg_catalog.extract', ['text', u], ['interval', v]); f('date_part', ['text', u], ['interval', v]); }
    for (const s of stamps.slice(0, 12)) for (const z of ['UTC', 'Asia/Kolkata', 'America/New_York', '+05', 'EST', 'nowhere'])
      f('date_trunc', ['text', pick(r, ['day', 'hour', 'month', 'week'])], ['timestamptz', s], ['text', z]);
    // The unit as an untyped literal, as people write it.
    f('date_trunc', [null, 'hour'], ['timestamp', '2024-05-05 10:30']); f('pg_catalog.extract', [null, 'year'], ['date', '2024-05-05']);
    const tally = await compareCalls(pg, calls);
    expectAllMatch('date_trunc/extract/date_part', tally, 6000);
  });

  it('date_bin, to_timestamp, make_*, justify_*, age and timezone', async () => {
    const r = rng(8);
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    const strides = ['15 minutes', '1 day', '7 days 12:00', '1 second', '00:00:00.000001', '1 mon', '0 seconds', '-1 hour', '90 minutes'];
    const origins = ['2001-01-01', '2024-03-31 02:30', '1970-01-01', '2100-01-01 00:07', 'infinity'];
    for (const s of FIXED_STAMPS) for (const st of strides) {
      const o = pick(r, origins);
      f('date_bin', ['interval', st], ['timestamp', s], ['timestamp', o]);
      f('date_bin', ['interval', st], ['timestamptz', s], ['timestamptz', o]);
    }
    for (const v of ['0', '1', '-1', '1.5', '1e9', '1711846800.123456', '-62135596800', '1e20', '-1e15', 'NaN', 'Infinity', '-Infinity', '0.0000005', '0.0000015', '9224318015999', '-210866803200'])
      f('to_timestamp', ['double precision', v]);
    for (const [y, m, d] of [[2024, 2, 29], [2023, 2, 29], [0, 1, 1], [-44, 3, 15], [1, 13, 1], [5874897, 12, 31], [5874898, 1, 1], [-4713, 11, 24], [-4714, 11, 24], [2024, 4, 31]]) {
      f('make_date', ['integer', String(y)], ['integer', String(m)], ['integer', String(d)]);
      for (const sec of ['0', '59.9999999', '60', '30.5', '-1', 'NaN']) {
        const args: Arg[] = [['integer', String(y)], ['integer', String(m)], ['integer', String(d)], ['integer', '23'], ['integer', '59'], ['double precision', sec]];
        f('make_timestamp', ...args); f('make_timestamptz', ...args);
      }
    }
    for (const [h, mi, sec] of [[24, 0, '0'], [24, 0, '0.5'], [25, 0, '0'], [10, 60, '0'], [10, 30, '59.5'], [0, 0, '60']] as const) {
      f('make_time', ['integer', String(h)], ['integer', String(mi)], ['double precision', sec]);
      f('make_timestamp', ['integer', '2024'], ['integer', '1'], ['integer', '1'], ['integer', String(h)], ['integer', String(mi)], ['double precision', sec]);
    }
    for (const z of ['Asia/Tokyo', '+3', '-02:30', 'UTC', 'EST', 'bogus']) f('make_timestamptz', ['integer', '2024'], ['integer', '3'], ['integer', '31'], ['integer', '2'], ['integer', '30'], ['double precision', '0'], ['text', z]);
    f('make_interval'); f('make_interval', ['integer', '1']); f('make_interval', ['integer', '1'], ['integer', '2'], ['integer', '3'], ['integer', '4'], ['integer', '5'], ['integer', '6'], ['double precision', '7.5']);
    f('make_interval', ['integer', '0'], ['integer', '0'], ['integer', '0'], ['integer', '0'], ['integer', '0'], ['integer', '0'], ['double precision', 'Infinity']);
    for (const v of [...INTERVALS, '65 days', '-65 days', '1 mon -35 days', '-1 mon 35 days -25:00', '29 days 23:59:59', '-29 days -23:59:59', '1 day -24:00:01']) {
      f('justify_days', ['interval', v]); f('justify_hours', ['interval', v]); f('justify_interval', ['interval', v]);
    }
    const ages = ['2024-03-31', '2024-02-29 10:00', '2020-02-29', '2024-03-31 12:00', '2023-01-31 23:59:59.5', '1999-12-31', '2024-10-27 03:00', '0010-05-05 BC'];
    for (const a of ages) for (const b of ages) { f('age', ['timestamp', a], ['timestamp', b]); f('age', ['timestamptz', a], ['timestamptz', b]); }
    for (const s of FIXED_STAMPS) for (const z of ['UTC', 'Asia/Kolkata', 'America/New_York', '+05', '-03:30', 'EST', 'PST', 'UTC+5', 'nowhere']) {
      f('timezone', ['text', z], ['timestamp', s]); f('timezone', ['text', z], ['timestamptz', s]);
    }
    for (const z of ['1 hour', '-05:30', '1 day', '00:00:30.7']) { f('timezone', ['interval', z], ['timestamp', '2024-05-05 12:00']); f('timezone', ['interval', z], ['timestamptz', '2024-05-05 12:00']); }
    for (const v of ['infinity', '2024-01-01']) { f('isfinite', ['timestamp', v]); f('isfinite', ['date', v]); }
    const tally = await compareCalls(pg, calls);
    expectAllMatch('date_bin/make/justify/age/timezone', tally, 500);
  });

  it('to_char over timestamps and timestamptz', async () => {
    const r = rng(8);
    const stamps = [...FIXED_STAMPS];
    for (let k = 0; k < 25; k++) stamps.push(randomStamp(r));
    const templates = [
      'YYYY-MM-DD HH24:MI:SS', 'yyyy-mm-dd hh24:mi:ss.ms', 'HH12:MI:SS AM', 'hh:mi:ss.us pm', 'Day, DD Month YYYY', 'FMDay, FMDD FMMonth YYYY', 'DY dy Dy MON Mon mon',
      'DDD IDDD D ID W WW IW', 'IYYY-IW-ID', 'IYY IY I YYY YY Y', 'Y,YYY CC J Q RM rm', 'DDth ddTH FMDDth Q th', 'SSSS SSSSS FF1 FF3 FF6', 'A.M. p.m. BC b.c. A.D. ad',
      '"quoted YYYY text" YYYY "a\\"b"', 'HH24:MI TZH:TZM OF', 'FMHH12:FMMI FMMonth', 'MONTH month', 'YYYYMMDD', 'Mon DD, YYYY HH12:MI:SS am', '',
    ];
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    for (const st of stamps) for (const t of templates) for (const type of ['timestamp', 'timestamptz']) f('to_char', [type, st], ['text', t]);
    const tally = await compareCalls(pg, calls);
    expectAllMatch('to_char', tally, 1500);
  });

  it('OVERLAPS over timestamp, timestamptz and time with ends or intervals, timestamp(date, time) and timestamptz(date, time)', async () => {
    const r = rng(31);
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    const value = (type: string): Arg => {
      if (r() < 0.12) return [type, null];
      if (type === 'interval') return [type, pick(r, ['1 day', '-2 days', '3 hours', '0', '1 mon', '-30 minutes', '25 hours'])];
      if (type === 'time') return [type, `${String(int(r, 0, 23)).padStart(2, '0')}:${String(pick(r, [0, 15, 30])).padStart(2, '0')}`];
      return [type, `2024-03-${String(int(r, 8, 12)).padStart(2, '0')} ${String(pick(r, [0, 6, 12, 18])).padStart(2, '0')}:00`];
    };
    for (const type of ['timestamp', 'timestamptz', 'time']) {
      for (const [i1, i2] of [[false, false], [true, true], [false, true], [true, false]] as const) {
        for (let k = 0; k < 60; k++) {
          f('pg_catalog.overlaps', value(type), value(i1 ? 'interval' : type), value(type), value(i2 ? 'interval' : type));
        }
      }
    }
    // Mixed inputs resolve as in PostgreSQL (dates become timestamps).
    f('pg_catalog.overlaps', ['date', '2001-02-16'], ['date', '2001-12-21'], ['date', '2001-10-30'], ['date', '2002-10-30']);
    f('pg_catalog.overlaps', ['date', '2001-02-16'], ['interval', '100 days'], ['timestamptz', '2001-10-30'], ['date', '2002-10-30']);
    f('pg_catalog.overlaps', [null, '2001-02-16'], [null, '2001-12-21'], [null, '2001-10-30'], [null, '2002-10-30']);
    for (const [d, t] of [['2024-02-29', '23:59:59.999999'], ['2024-03-31', '02:30'], ['2024-10-27', '02:30'], [null, '01:00']] as const) {
      f('pg_catalog.timestamp', ['date', d], ['time', t]); f('timestamptz', ['date', d], ['time', t]);
    }
    const tally = await compareCalls(pg, calls);
    expectAllMatch('overlaps / timestamp(date, time)', tally, 700);
  });
});
