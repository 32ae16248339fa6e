/**
 * to_char(interval, text) against PostgreSQL: every template pattern on intervals of each sign,
 * with parts that truncate toward zero, at the int32/int64 extremes (where date2j wraps), with
 * FM/TH/TM/SP modifiers and quoted text; and the calendar patterns PostgreSQL refuses for
 * intervals (22007).
 *
 * The extremes stop one short of int32/int64 minimum (-2147483648 days, -178956970 years -8 mons,
 * -2562047788:00:54.775808): Weir's interval input refuses those while PostgreSQL reads them,
 * a difference of interval input, not of to_char.
 */
import { describe, it } from 'vitest';
import { sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { usePostgres } from '../../support/postgres.ts';
import { int, pick, rng } from '../types/oracle.ts';
import { compareCalls, expectAllMatch, functionCall, type Call } from './harness.ts';

const TZ = 'Europe/Berlin';
const pg = usePostgres({ timeZone: TZ });
const session = sessionWithTimeZone(TZ);

const INTERVALS = [
  '15h 2m 12s', '1 day 3 hours', '1 year 2 mons 3 days 04:05:06.789', '-1 year -2 mons', '1 mon -1 day', '-35 days 25:00', '100 years',
  '-1 day +02:00:00.5', '00:00:00.000001', '-00:00:00.000001', '1234 years 5 mons', '-00:00:01.5', '7 days', '3 mons 100 days 30:00', '0',
  '12 mons', '-12 mons', '-3 mons', '-14 mons', '11 mons', '-11 mons', '12:00', '-12:00', '13:00', '-13:00', '24:00', '-23:59:59.999999',
  '00:00:00.5', '-00:00:00.25', '2562047788:00:54.775807', '-2562047788:00:54.775807', '178956970 years 7 mons', '-178956970 years -7 mons',
  '2147483647 days', '-2147483647 days', '999 years', '-1000 years', '5879610 years', '-5879610 years 11 mons', '10000 years 1 mon 1 day',
  '1 year 11 mons 31 days 23:59:59', '-2 years -1 mons -3 days -04:05:06.000007', '49 days', '367 days', '-367 days', '3 mons 1 day',
];

const TEMPLATES = [
  'HH24:MI:SS', 'HH:MI:SS AM', 'HH12 hh12 pm P.M. a.m. AM', 'DD HH24', 'FMDD FMHH24 FMMI FMSS', 'FMHH12:FMMI', 'MS US FF1 FF2 FF3 FF4 FF5 FF6',
  'ms us ff1 ff6', 'FMMS FMUS FMFF3', 'SSSS SSSSS sssss', 'YYYY YYY YY Y', 'Y,YYY y,yyy', 'FMYYYY FMYYY FMYY FMY', 'IYYY IYY IY I',
  'FMIYYY iyyy', 'MM FMMM mm', 'RM rm FMRM FMrm', 'DDD FMDDD IDDD FMIDDD', 'WW FMWW IW FMIW W J', 'Q q CC FMCC cc', 'DDth HH24TH MIth SSTH',
  'YYYYth MMth DDDTH FMDDth', 'CCth Qth Wth Jth IWth', 'SSSSth USth', '"HH" HH24 \\"x\\" "a\\"b"', 'FX HH24 SP', 'HH24SP DDSP', 'TMHH24 TMDD',
  'hh24:mi:ss.ff3', 'HH24MIDDMM', 'FMHH24TH', 'Day', 'DAY', 'day', 'Dy', 'DY', 'dy', 'Month', 'MONTH', 'month', 'Mon', 'MON', 'mon', 'D', 'ID', 'd',
  'AD', 'BC', 'A.D.', 'b.c.', 'ad', 'TZ', 'tz', 'TZH', 'TZM', 'OF', 'of', 'HH24 Month', '', 'FM', 'xyz', 'HH24:MI "hours"',
];

describe.skipIf(pg.skipReason)('to_char(interval, text) matches PostgreSQL', () => {
  it('formats intervals with every template pattern', async () => {
    const r = rng(31);
    const intervals = [...INTERVALS];
    for (let k = 0; k < 25; k++) {
      const sign = () => pick(r, ['', '', '-']);
      intervals.push(`${sign()}${int(r, 0, 3000)} years ${sign()}${int(r, 0, 40)} mons ${sign()}${int(r, 0, 400)} days `
        + `${sign()}${int(r, 0, 200)}:${int(r, 0, 59)}:${int(r, 0, 59)}.${int(r, 0, 999999)}`);
    }
    const calls: Call[] = [];
    for (const v of intervals) for (const t of TEMPLATES) calls.push(functionCall('to_char', [['interval', v], ['text', t]], session));
    // NULL in either argument, and an untyped template.
    calls.push(functionCall('to_char', [['interval', null], ['text', 'HH24']], session));
    calls.push(functionCall('to_char', [['interval', '1 hour'], ['text', null]], session));
    calls.push(functionCall('to_char', [['interval', '1 hour'], [null, 'HH24:MI']], session));
    const tally = await compareCalls(pg, calls);
    expectAllMatch('to_char(interval)', tally, 4000);
  });

  it('parses templates for timestamps the same way (the engine is shared)', async () => {
    // Prefixes, suffixes and literals that the interval engine brought to timestamps too.
    const templates = [
      'TMMonth|TMDay|TMMon|TMDy|FMTMMonth|TMFMMonth', 'TMMONTH tmmonth TMDAY', 'FMTZH FMTZM FMOF FMMS FMUS FMFF2', 'FM"x" FMX FM',
      '\u20acHH24\u20ac "\u20ac\\\u20ac"', 'DDSP MMth FMDDTHSP', 'MONth Month DAy', 'HH24MISS', 'Y,YYYth CCth', 'IDDDth IWth', 'FX FMFX fx',
      'RMth rm', 'SSSSSth', 'OF TZH', '"unterminated', 'a\\"b', 'US MS FF4',
    ];
    const calls: Call[] = [];
    for (const st of ['2024-03-05 04:05:06.789', '0044-03-15 12:00:00.000001 BC', '2021-01-03 23:59:59.999999', '1999-11-11 11:11:11'])
      for (const t of templates) for (const type of ['timestamp', 'timestamptz']) calls.push(functionCall('to_char', [[type, st], ['text', t]], session));
    const tally = await compareCalls(pg, calls);
    expectAllMatch('to_char(timestamp) templates', tally, 100);
  });
});
