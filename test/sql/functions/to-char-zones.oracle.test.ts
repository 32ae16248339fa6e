/**
 * to_char's time zone patterns against PostgreSQL: TZ and tz (the zone's abbreviation), OF,
 * TZH and TZM, for timestamptz in zones with daylight saving time, half- and quarter-hour
 * offsets and numeric abbreviations, at instants from 1970 to 2100 (past the tz database's
 * last transition, where its POSIX rule applies), and for timestamp (no zone: TZ is empty).
 */
import { describe, it } from 'vitest';
import { sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { usePostgres } from '../../support/postgres.ts';
import { int, rng } from '../types/oracle.ts';
import { compareCalls, expectAllMatch, functionCall, type Call } from './harness.ts';

const pg = usePostgres({ timeZone: 'UTC' });

const ZONES = [
  'UTC', 'GMT', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Tehran',
  'Australia/Lord_Howe', 'Australia/Adelaide', 'America/Sao_Paulo', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Kathmandu',
  'Etc/GMT+3', 'Asia/Tokyo', 'Europe/Moscow', 'Pacific/Auckland',
];
// Not Africa/Casablanca: its offsets after 2033 (Ramadan DST) differ between the runtime's ICU data and Debian's tz database.
const TEMPLATES = ['TZ', 'tz', 'OF', 'FMOF', 'TZH:TZM', 'YYYY-MM-DD HH24:MI:SS TZ', '"zone" TZ (OF) tz', 'TZTZ'];

describe.skipIf(pg.skipReason)('to_char time zone patterns match PostgreSQL', () => {
  it('for timestamptz in many zones and timestamp', async () => {
    const r = rng(99);
    let total = 0;
    const mismatches: string[] = [];
    for (const zone of ZONES) {
      await pg.query(`SET TimeZone = '${zone}'`);
      const session = sessionWithTimeZone(zone);
      const calls: Call[] = [];
      for (let k = 0; k < 40; k++) {
        const year = k < 30 ? int(r, 1970, 2037) : int(r, 2038, 2100);
        const ts = `${year}-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')} ${String(int(r, 0, 23)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}:00+00`;
        for (const t of TEMPLATES.slice(0, k % 3 === 0 ? TEMPLATES.length : 3)) {
          calls.push(functionCall('to_char', [['timestamptz', ts], ['text', t]], session));
          if (k < 3) calls.push(functionCall('to_char', [['timestamp', ts.slice(0, -3)], ['text', t]], session));
        }
      }
      const tally = await compareCalls(pg, calls);
      total += tally.total;
      mismatches.push(...tally.mismatches.map((m) => `${zone}: ${m}`));
    }
    await pg.query("SET TimeZone = 'UTC'");
    expectAllMatch('to_char TZ/OF', { total, mismatches }, 2000);
  });
});
