/**
 * The json type against PostgreSQL: input kept as written, to_json / array_to_json /
 * row_to_json / json_build_* / json_object, navigation (-> ->> #> #>> json_extract_path*),
 * json_typeof, json_array_length, json_strip_nulls, casts to and from jsonb and text, and the
 * aggregates json_agg, json_object_agg and jsonb_object_agg as queries and as views kept
 * through inserts, updates and deletes.
 */
import { describe, expect, it } from 'vitest';
import { sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { usePostgres } from '../../support/postgres.ts';
import { int, pick, rng } from '../types/oracle.ts';
import { sortedRows } from '../oracle/sorted-rows.ts';
import { useWeir, textOutcome } from '../oracle/weir-server.ts';
import { compareCalls, expectAllMatch, functionCall, operatorCall, type Arg, type Call } from './harness.ts';

const TZ = 'America/Sao_Paulo';
const pg = usePostgres({ timeZone: TZ });
const session = sessionWithTimeZone(TZ);
const weir = useWeir();

/** JSON text with uneven blanks, duplicate keys and every kind of value. */
function randomJson(r: () => number, depth = 0): string {
  const blank = (): string => pick(r, ['', '', ' ', '  ', '\n']);
  switch (int(r, 0, depth > 2 ? 3 : 6)) {
    case 0: return pick(r, ['1', '-2.50', '0', '1e3', '3.14E-2']);
    case 1: return pick(r, ['"a"', '"b\\n"', '"x y"', '""', '"\\u00e9"']);
    case 2: return pick(r, ['true', 'false']);
    case 3: return 'null';
    case 4: case 5: {
      const n = int(r, 0, 3);
      return `{${blank()}${Array.from({ length: n }, () => `"${pick(r, ['a', 'b', 'a', 'c'])}"${blank()}:${blank()}${randomJson(r, depth + 1)}`).join(`,${blank()}`)}${blank()}}`;
    }
    default: return `[${blank()}${Array.from({ length: int(r, 0, 3) }, () => randomJson(r, depth + 1)).join(`${blank()},`)}]`;
  }
}

const j = (v: string | null): Arg => ['json', v];
const t = (v: string | null): Arg => ['text', v];

describe.skipIf(pg.skipReason)('json matches PostgreSQL', () => {
  it('input, navigation and the json functions', async () => {
    const r = rng(114);
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    const o = (op: string, a: Arg, b: Arg): void => { calls.push(operatorCall(op, a, b, session)); };
    const paths = ['{}', '{a}', '{a,b}', '{0}', '{-1}', '{a,0}', '{1,a}', '{a,NULL}', '{" 1"}'];
    for (let k = 0; k < 200; k++) {
      const a = randomJson(r);
      f('json_typeof', j(a)); f('json_array_length', j(a)); f('json_strip_nulls', j(a));
      o('->', j(a), t(pick(r, ['a', 'b', 'c']))); o('->', j(a), ['integer', pick(r, ['0', '1', '-1', '5'])]);
      o('->>', j(a), t(pick(r, ['a', 'b']))); o('->>', j(a), ['integer', pick(r, ['0', '-2'])]);
      o('#>', j(a), ['text[]', pick(r, paths)]); o('#>>', j(a), ['text[]', pick(r, paths)]);
      f('json_extract_path', j(a), t(pick(r, ['a', '0'])), t(pick(r, ['b', '1']))); f('json_extract_path_text', j(a), t(pick(r, ['a', '1'])));
      f('to_jsonb', j(a)); f('to_json', ['jsonb', a.replace(/\n/g, ' ')]);
    }
    for (const bad of ['', '{', '[1,]', '{"a" 1}', 'tru', '01', '1.', '"\\x"', '"a', '[1] 2', '{"a":1,}', '.5', '-', '"\\u12"', 'nul', ' [ ] ']) f('json_typeof', j(bad));
    const values: Arg[] = [['integer', '5'], ['numeric', '1.50'], ['numeric', 'NaN'], ['double precision', '1e100'], ['double precision', 'Infinity'], ['real', '0.1'],
      ['boolean', 'true'], t('he said "hi"\n'), ['date', '2024-02-29'], ['date', 'infinity'], ['timestamp', '2024-02-29 10:00:00.5'], ['timestamptz', '2024-02-29 10:00:00.5'],
      ['time', '10:00'], ['interval', '1 day 02:00'], ['jsonb', '{"k": [1, 2]}'], j(' {"k" : [1,2]} '), [null, 'lit'], ['bigint', '9223372036854775807'],
      ['integer[]', '{1,NULL,3}'], ['text[]', '{a,"b c"}'], ['jsonb[]', '{"{\\"a\\": 1}",NULL}'], ['timestamp', 'infinity']];
    for (const v of values) {
      if (v[0] !== null) f('to_json', v);
      f('json_build_array', v, t(null), v); f('json_build_object', t('k'), v); f('json_build_object', v, ['integer', '1']);
    }
    f('json_build_object'); f('json_build_array'); f('json_build_object', t('a'), ['integer', '1'], t('a'), ['integer', '2'], t('b'), t(null));
    f('json_build_object', t('a')); f('json_build_object', t(null), ['integer', '1']);
    for (const arr of ['{1,2,3}', '{}', '{NULL}']) { f('array_to_json', ['integer[]', arr]); f('array_to_json', ['integer[]', arr], ['boolean', 'true']); }
    f('array_to_json', ['text[]', '{"a\\"b",c}'], ['boolean', 'false']); f('array_to_json', ['integer', '1']);
    for (const arr of ['{}', '{a,1,b,2}', '{a,1,b}', '{a,NULL}', '{NULL,1}', '{a,1,a,2}']) f('json_object', ['text[]', arr]);
    for (const [k, v] of [['{a,b}', '{1,2}'], ['{}', '{}'], ['{a}', '{}'], ['{a,b}', '{1}'], ['{a,NULL}', '{1,2}'], ['{a}', '{NULL}']] as const) f('json_object', ['text[]', k], ['text[]', v]);
    const tally = await compareCalls(pg, calls);
    expectAllMatch('json functions', tally, 2500);
  });

  it('in SQL: casts, row_to_json of rows, and the aggregates, as queries and as views through changes', async () => {
    const exprs = [
      `'  {"a" :  1, "a": 2}'::json`, `'[1, 2]'::json::jsonb`, `'{"b": 1, "a": 2}'::jsonb::json`, `'{"a":1}'::json::text`, `'{"a":1}'::text::json`,
      `pg_typeof('1'::json)`, `jsonb('{"x" : 1}'::json)`, `row_to_json(ROW(1, 'a', NULL))`, `row_to_json(ROW(1, ARRAY[2,3]), true)`,
      `to_json(ROW(1, 'x'))`, `json_build_object('r', ROW(1, 2))`, `'{"a":1}'::json -> 'a'`, `'[1,2]'::json ->> 1`, `('{"a":null}'::json -> 'a') IS NULL`,
      `'{"a":1}'::json = '{"a":1}'::json`, `'{"a": {"b": [1, {"c": 2}]}}'::json #> '{a,b,1}'`,
    ];
    const mismatches: string[] = [];
    for (const e of exprs) {
      const sql = `SELECT ${e}`;
      const [mine, theirs] = [await textOutcome(weir.client, sql), await textOutcome(pg.server.client, sql)];
      if (mine !== theirs) mismatches.push(`${sql}: Weir ${mine}, PostgreSQL ${theirs}`);
    }
    const both = async (sql: string): Promise<void> => {
      await weir.client.query(sql);
      await pg.server.client.query(sql);
    };
    await both('CREATE TABLE ja (id int PRIMARY KEY, g int, k text, v int, doc json, tags int[])');
    const queries = [
      "SELECT g, json_agg(v) AS a, json_agg(doc) AS d, json_agg(tags) AS t, json_object_agg(k, v) AS o, jsonb_object_agg(id, v) AS jo, jsonb_object_agg('k' || id, doc::jsonb) AS jd FROM ja GROUP BY g",
      'SELECT json_agg(k) AS a, json_object_agg(id, tags) AS o, count(*) AS n FROM ja',
      'SELECT g, json_agg(v) FILTER (WHERE v > 2) AS a, jsonb_object_agg(id, v) FILTER (WHERE v IS NOT NULL) AS o FROM ja GROUP BY g',
    ];
    for (const [i, q] of queries.entries()) await weir.client.query(`CREATE MATERIALIZED VIEW jv${i} AS ${q}`);
    const r = rng(7);
    const row = (id: number): string => `(${id}, ${int(r, 0, 2)}, '${pick(r, ['a', 'b', 'c', 'd'])}', ${r() < 0.2 ? 'NULL' : int(r, 0, 9)}, ${r() < 0.2 ? 'NULL' : `'${randomJson(r).replace(/'/g, "''")}'`}, ${r() < 0.3 ? 'NULL' : `'{${int(r, 0, 5)},${int(r, 0, 5)}}'`})`;
    await both(`INSERT INTO ja VALUES ${Array.from({ length: 40 }, (_, i) => row(i)).join(', ')}`);
    // Aggregates of text in arrival order: compare them as multisets of elements, PostgreSQL's scan order being its own
    // (jsonb_object_agg takes unique keys here: with duplicates the later one wins, and which is later is an order too).
    const canon = (rows: string[]): string[] => rows.map((x) => JSON.stringify((JSON.parse(x) as (string | null)[]).map((c) => {
      if (c === null || !/^[[{]/.test(c)) return c;
      const inner = c.startsWith('{ ') ? c.slice(2, -2).split(', ') : c.startsWith('[') ? c.slice(1, -1).split(/, (?:\n )?/) : [c];
      return inner.sort().join('|');
    }))).sort();
    const check = async (phase: string): Promise<void> => {
      await weir.client.query('FLUSH');
      for (const [i, q] of queries.entries()) {
        const want = canon(await sortedRows(pg.server.client, q));
        const got = canon(await sortedRows(weir.client, `SELECT * FROM jv${i}`));
        const adhoc = canon(await sortedRows(weir.client, q));
        if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${phase} view ${i}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
        if (JSON.stringify(adhoc) !== JSON.stringify(want)) mismatches.push(`${phase} query ${i}: ${JSON.stringify(adhoc)} vs ${JSON.stringify(want)}`);
      }
    };
    await check('after inserts');
    await both("UPDATE ja SET v = v + 1, k = 'z' WHERE id % 3 = 0");
    await both('DELETE FROM ja WHERE id % 4 = 1');
    await check('after changes');
    for (const q of ["SELECT jsonb_object_agg(k, v) FROM (VALUES ('a', 1), (NULL, 2)) t(k, v)", "SELECT json_object_agg(k, v) FROM (VALUES (ARRAY[1], 1)) t(k, v)",
      "SELECT jsonb_object_agg(k, v) FROM (VALUES ('{}'::jsonb, 1)) t(k, v)", 'SELECT json_agg(x) FROM (VALUES (1)) t(x) WHERE false']) {
      const [mine, theirs] = [await textOutcome(weir.client, q), await textOutcome(pg.server.client, q)];
      if (mine !== theirs) mismatches.push(`${q}: Weir ${mine}, PostgreSQL ${theirs}`);
    }
    expect(mismatches).toEqual([]);
  });
});
