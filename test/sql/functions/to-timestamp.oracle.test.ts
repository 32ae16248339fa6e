/**
 * to_timestamp(text, template) and to_date(text, template) against PostgreSQL: the cases of
 * PostgreSQL's own horology tests (separators, blanks, FX, FM, quoted text, BC, ISO weeks,
 * day of year, 12-hour clock, TZH/TZM, fractions, the errors), and round trips of generated
 * instants through to_char with generated templates, in a zone with daylight saving time.
 */
import { describe, it } from 'vitest';
import { sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { usePostgres } from '../../support/postgres.ts';
import { int, pick, rng } from '../types/oracle.ts';
import { compareCalls, expectAllMatch, functionCall, type Call } from './harness.ts';

const TZ = 'Europe/Berlin';
const pg = usePostgres({ timeZone: TZ });
const session = sessionWithTimeZone(TZ);

const CASES: ReadonlyArray<readonly [string, string]> = [
  ['0097/Feb/16 --> 08:14:30', 'YYYY/Mon/DD --> HH:MI:SS'], ['97/2/16 8:14:30', 'FMYYYY/FMMM/FMDD FMHH:FMMI:FMSS'], ['2011$03!18 23_38_15', 'YYYY-MM-DD HH24:MI:SS'],
  ['1985 January 12', 'YYYY FMMonth DD'], ['1985 FMMonth 12', 'YYYY "FMMonth" DD'], ['1985 \\ 12', 'YYYY \\\\ DD'],
  ['My birthday-> Year: 1976, Month: May, Day: 16', '"My birthday-> Year:" YYYY, "Month:" FMMonth, "Day:" DD'], ['1,582nd VIII 21', 'Y,YYYth FMRM DD'],
  ['15 "text between quote marks" 98 54 45', 'HH24 "\\"text between quote marks\\"" YY MI SS'], ['05121445482000', 'MMDDHH24MISSYYYY'],
  ['2000January09Sunday', 'YYYYFMMonthDDFMDay'], ['97/Feb/16', 'YYMonDD'], ['97/Feb/16', 'YY:Mon:DD'], ['97/Feb/16', 'FXYY:Mon:DD'], ['97/Feb/16', 'FXYY/Mon/DD'],
  ['19971116', 'YYYYMMDD'], ['20000-1116', 'YYYY-MMDD'], ['1997 AD 11 16', 'YYYY BC MM DD'], ['1997 BC 11 16', 'YYYY BC MM DD'], ['1997 A.D. 11 16', 'YYYY B.C. MM DD'],
  ['1997 B.C. 11 16', 'YYYY B.C. MM DD'], ['9-1116', 'Y-MMDD'], ['95-1116', 'YY-MMDD'], ['995-1116', 'YYY-MMDD'], ['2005426', 'YYYYWWD'], ['2005300', 'YYYYDDD'],
  ['2005527', 'IYYYIWID'], ['005527', 'IYYIWID'], ['05527', 'IYIWID'], ['5527', 'IIWID'], ['2005364', 'IYYYIDDD'], ['20050302', 'YYYYMMDD'], ['2005 03 02', 'YYYYMMDD'],
  [' 2005 03 02', 'YYYYMMDD'], ['  20050302', 'YYYYMMDD'], ['2011-12-18 11:38 AM', 'YYYY-MM-DD HH12:MI PM'], ['2011-12-18 11:38 PM', 'YYYY-MM-DD HH12:MI PM'],
  ['2011-12-18 11:38 A.M.', 'YYYY-MM-DD HH12:MI P.M.'], ['2011-12-18 11:38 P.M.', 'YYYY-MM-DD HH12:MI P.M.'], ['2011-12-18 11:38 +05', 'YYYY-MM-DD HH12:MI TZH'],
  ['2011-12-18 11:38 -05', 'YYYY-MM-DD HH12:MI TZH'], ['2011-12-18 11:38 +05:20', 'YYYY-MM-DD HH12:MI TZH:TZM'], ['2011-12-18 11:38 -05:20', 'YYYY-MM-DD HH12:MI TZH:TZM'],
  ['2011-12-18 11:38 20', 'YYYY-MM-DD HH12:MI TZM'], ['2011-12-18 11:38 PST', 'YYYY-MM-DD HH12:MI TZ'], ['2018-11-02 12:34:56.025', 'YYYY-MM-DD HH24:MI:SS.MS'],
  ['2018-11-02 12:34:56', 'YYYY-MM-DD HH24:MI:SS.FF3'], ['2018-11-02 12:34:56.1', 'YYYY-MM-DD HH24:MI:SS.FF1'], ['2018-11-02 12:34:56.123456', 'YYYY-MM-DD HH24:MI:SS.FF4'],
  ['2018-11-02 12:34:56.123456', 'YYYY-MM-DD HH24:MI:SS.FF6'], ['2018-11-02 12:34:56.1234567', 'YYYY-MM-DD HH24:MI:SS.FF6'], ['2018-11-02 12:34:56.12', 'YYYY-MM-DD HH24:MI:SS.US'],
  ['1 4 1902', 'Q MM YYYY'], ['3 4 21 01', 'W MM CC YY'], ['2458872', 'J'], ['44-02-01 BC', 'YYYY-MM-DD BC'], ['-44-02-01', 'YYYY-MM-DD'], ['-44-02-01 BC', 'YYYY-MM-DD BC'],
  ['44-02-01 11:12:13 BC', 'YYYY-MM-DD HH24:MI:SS BC'], ['-44-02-01 11:12:13', 'YYYY-MM-DD HH24:MI:SS'], ['2011-12-18 23:38:15', 'YYYY-MM-DD  HH24:MI:SS'],
  ['2011-12-18  23:38:15', 'YYYY-MM-DD  HH24:MI:SS'], ['2011-12-18   23:38:15', 'YYYY-MM-DD  HH24:MI:SS'], ['2011-12-18  23:38:15', 'YYYY-MM-DD HH24:MI:SS'],
  ['2011-12-18  23:38:15', 'YYYY-MM-DD   HH24:MI:SS'], ['2000+   JUN', 'YYYY/MON'], ['  2000 +JUN', 'YYYY/MON'], [' 2000 +JUN', 'YYYY//MON'], ['2000  +JUN', 'YYYY//MON'],
  ['2000 + JUN', 'YYYY MON'], ['2000 ++ JUN', 'YYYY  MON'], ['2000 + + JUN', 'YYYY  MON'], ['2000 + + JUN', 'YYYY   MON'], ['2000 -10', 'YYYY TZH'], ['2000 -10', 'YYYY  TZH'],
  ['2011 12  18', 'YYYY MM DD'], ['2011 12  18', 'YYYY MM  DD'], ['2011 12  18', 'YYYY MM   DD'], ['2011 12 18', 'YYYY  MM DD'], ['2011  12 18', 'YYYY  MM DD'],
  ['2011   12 18', 'YYYY  MM DD'], ['2011 12 18', 'YYYYxMMxDD'], ['2011x 12x 18', 'YYYYxMMxDD'], ['2011 x12 x18', 'YYYYxMMxDD'], ['2005527', 'YYYYIWID'], ['19971', 'YYYYMMDD'],
  ['19971)24', 'YYYYMMDD'], ['Friday 1-January-1999', 'DY DD MON YYYY'], ['Fri 1-January-1999', 'DY DD MON YYYY'], ['Fri 1-Jan-1999', 'DY DD MON YYYY'],
  ['1997-11-Jan-16', 'YYYY-MM-Mon-DD'], ['199711xy', 'YYYYMMDD'], ['10000000000', 'FMYYYY'], ['2016-06-13 25:00:00', 'YYYY-MM-DD HH24:MI:SS'],
  ['2016-06-13 15:60:00', 'YYYY-MM-DD HH24:MI:SS'], ['2016-06-13 15:50:60', 'YYYY-MM-DD HH24:MI:SS'], ['2016-06-13 15:50:55', 'YYYY-MM-DD HH24:MI:SS'],
  ['2016-06-13 15:50:55', 'YYYY-MM-DD HH:MI:SS'], ['2016-13-01 15:50:55', 'YYYY-MM-DD HH24:MI:SS'], ['2016-02-30 15:50:55', 'YYYY-MM-DD HH24:MI:SS'],
  ['2016-02-29 15:50:55', 'YYYY-MM-DD HH24:MI:SS'], ['2015-02-29 15:50:55', 'YYYY-MM-DD HH24:MI:SS'], ['2015-02-11 86000', 'YYYY-MM-DD SSSS'],
  ['2015-02-11 86400', 'YYYY-MM-DD SSSS'], ['2015-02-11 86000', 'YYYY-MM-DD SSSSS'], ['2015-02-11 86400', 'YYYY-MM-DD SSSSS'], ['2016-13-10', 'YYYY-MM-DD'],
  ['2016-02-30', 'YYYY-MM-DD'], ['2016-02-29', 'YYYY-MM-DD'], ['2015-02-29', 'YYYY-MM-DD'], ['2015 365', 'YYYY DDD'], ['2015 366', 'YYYY DDD'], ['2016 365', 'YYYY DDD'],
  ['2016 366', 'YYYY DDD'], ['2016 367', 'YYYY DDD'], ['0000-02-01', 'YYYY-MM-DD'], ['10:00', 'HH24:MI'], ['', 'YYYY'], ['2020', ''], ['2020-01-01 01:02', 'YYYY-MM-DD HH24:MI TZH'],
  ['12 2020', 'MM YYYY IYYY'], ['20 1', 'CC Y'], ['21 00', 'CC YY'], ['5 BC 00', 'CC BC YY'], ['2020 100', 'YYYY DDD MM'], ['2020-03-29 02:30', 'YYYY-MM-DD HH24:MI'],
  ['2020-10-25 02:30', 'YYYY-MM-DD HH24:MI'], ['2020 1', 'YYYY TZH'], ['2020 16', 'YYYY TZH'], ['2020 15:59', 'YYYY TZH:TZM'], ['2020 15:60', 'YYYY TZH:TZM'],
  ['1999-12-31 12:00 am', 'YYYY-MM-DD HH:MI am'], ['1999-12-31 13:00 pm', 'YYYY-MM-DD HH:MI pm'], ['2020 2021', 'YYYY YYYY'], ['2020 2020', 'YYYY YYYY'],
  ['xiii', 'RM'], ['IX 2000', 'RM YYYY'], ['2000 JANUARY 01', 'YYYY MONTH DD'], ['2000 jAn 01', 'YYYY mon DD'], ['1 2 3', 'DDTH MM YY'], ['1st 2nd 2003', 'DDth MMth YYYY'],
];

describe.skipIf(pg.skipReason)('to_timestamp and to_date match PostgreSQL', () => {
  it("on PostgreSQL's horology cases", async () => {
    const calls: Call[] = [];
    for (const [input, template] of CASES) {
      calls.push(functionCall('to_timestamp', [['text', input], ['text', template]], session));
      calls.push(functionCall('to_date', [['text', input], ['text', template]], session));
    }
    const tally = await compareCalls(pg, calls);
    expectAllMatch('to_timestamp / to_date cases', tally, 280);
  });

  it('on round trips through to_char', async () => {
    const r = rng(1999);
    const templates = [
      'YYYY-MM-DD HH24:MI:SS', 'DD Mon YYYY HH12:MI:SS AM', 'FMDay, FMDD FMMonth YYYY', 'YYYYMMDDHH24MISS', 'IYYY-IW-ID', 'YYYY DDD', 'Y,YYY MM DD', 'MM/DD/YY',
      'YYYY-MM-DD"T"HH24:MI:SS.US', 'J SSSS', 'DD.MM.YYYY HH24:MI:SS.MS', 'CC YY MM DD', 'YYYY-MM-DD HH24:MI:SS TZH:TZM', 'FXYYYY-MM-DD', 'Mon DD, YYYY', 'RM YYYY DD',
    ];
    const calls: Call[] = [];
    for (let k = 0; k < 120; k++) {
      const ts = `${String(int(r, 1, 2300)).padStart(4, "0")}-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')} ${String(int(r, 0, 23)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}.${String(int(r, 0, 999999)).padStart(6, '0')}`;
      const template = pick(r, templates);
      const text = (await pg.query<{ t: string }>('SELECT to_char($1::timestamptz, $2) AS t', [ts, template])).rows[0]!.t;
      calls.push(functionCall('to_timestamp', [['text', text], ['text', template]], session));
      calls.push(functionCall('to_date', [['text', text], ['text', template]], session));
    }
    const tally = await compareCalls(pg, calls);
    expectAllMatch('to_timestamp round trips', tally, 240);
  });
});
