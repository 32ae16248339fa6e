import { describe, expect, it } from 'vitest';
import { StreamExecutionEnvironment } from '../../src/index.ts';
import {
  jobGraphToDot,
  jobGraphToMermaid,
  jobGraphToText,
  keyGroupFor,
  keyGroupRangeFor,
  normalizeKey,
  subtaskForKeyGroup,
} from '../../src/graph/index.ts';

function wordcount(env: StreamExecutionEnvironment) {
  env
    .fromElements('a b', 'b')
    .flatMap((l: string, out: { collect(w: string): void }) => l.split(' ').forEach((w) => out.collect(w)))
    .map((w) => [w, 1] as [string, number])
    .keyBy((t) => t[0])
    .sum(1)
    .print();
}

describe('JobGraph', () => {
  it('chains forward edges of equal parallelism and cuts at keyBy', () => {
    const env = new StreamExecutionEnvironment(2);
    wordcount(env);
    const g = env.getJobGraph('wordcount');
    // The collection source is not parallel, so it cannot chain with the parallel flatMap.
    expect(g.vertices.map((v) => [v.name, v.parallelism])).toEqual([
      ['Source: Collection Source', 1],
      ['Flat Map -> Map', 2],
      ['Keyed Aggregation -> Sink: Print to Std. Out', 2],
    ]);
    expect(g.edges.map((e) => [e.source, e.target, e.partitioner])).toEqual([
      ['v1', 'v2', 'rebalance'],
      ['v2', 'v5', 'hash'],
    ]);
    expect(g.vertices[2]!.operators[0]!.keySelectors).toEqual(['key-0']);
  });

  it('does not chain when chaining is disabled, or across startNewChain/disableChaining', () => {
    const env = new StreamExecutionEnvironment(1).disableOperatorChaining();
    wordcount(env);
    expect(env.getJobGraph().vertices).toHaveLength(5);
    const env2 = new StreamExecutionEnvironment(1);
    env2.fromElements(1).map((x) => x).map((x) => x).startNewChain().map((x) => x).disableChaining().print();
    expect(env2.getJobGraph().vertices.map((v) => v.name)).toEqual([
      'Source: Collection Source -> Map',
      'Map',
      'Map',
      'Sink: Print to Std. Out',
    ]);
  });

  it('is plain data: survives a JSON round trip and prints deterministically', () => {
    const env = new StreamExecutionEnvironment(2);
    wordcount(env);
    const g = env.getJobGraph('wordcount');
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
    expect(jobGraphToText(g)).toMatchInlineSnapshot(`
      "Job "wordcount": 3 vertices, 2 edges
      v1  Source: Collection Source  [parallelism 1, max 128]
        · source  uid=source-1
         └─REBALANCE─► v2
      v2  Flat Map -> Map  [parallelism 2, max 128]
        · flat-map  uid=flat-map-2
        · map  uid=map-3
         └─HASH─► v5
      v5  Keyed Aggregation -> Sink: Print to Std. Out  [parallelism 2, max 128]
        · keyed-sum keyed  uid=keyed-sum-5
        · sink  uid=sink-6
      "
    `);
    expect(jobGraphToDot(g)).toContain('v2 -> v5 [label="HASH"];');
    expect(jobGraphToMermaid(g)).toContain('v2 -->|HASH| v5');
  });

  it('uses explicit uids and rejects duplicates', () => {
    const env = new StreamExecutionEnvironment(1);
    env.fromElements(1).uid('src').map((x) => x).uid('m').print();
    expect(env.getJobGraph().vertices[0]!.operators.map((o) => o.uid)).toEqual(['src', 'm', 'sink-3']);
    const env2 = new StreamExecutionEnvironment(1);
    env2.fromElements(1).uid('same').map((x) => x).uid('same').print();
    expect(() => env2.getJobGraph()).toThrow(/duplicate operator uid 'same'/);
  });

  it('refuses to run an empty topology', () => {
    expect(() => new StreamExecutionEnvironment(1).getJobGraph()).toThrow(/no operators defined/);
  });
});

describe('key groups', () => {
  it('map keys to key groups and key groups to subtasks consistently with the ranges', () => {
    const max = 128;
    for (const p of [1, 2, 3, 4, 7]) {
      for (let sub = 0; sub < p; sub++) {
        const { start, end } = keyGroupRangeFor(sub, max, p);
        for (let kg = start; kg <= end; kg++) expect(subtaskForKeyGroup(kg, max, p)).toBe(sub);
      }
    }
    // Stable across runs: the same key always lands in the same group.
    expect(keyGroupFor(normalizeKey('hello'), max)).toBe(keyGroupFor(normalizeKey('hello'), max));
    expect(normalizeKey({ b: 1, a: [1, 2] })).toBe(normalizeKey({ a: [1, 2], b: 1 }));
    expect(normalizeKey(1)).not.toBe(normalizeKey('1'));
    // Keys spread over groups.
    const groups = new Set(Array.from({ length: 1000 }, (_, i) => keyGroupFor(normalizeKey(`k${i}`), max)));
    expect(groups.size).toBeGreaterThan(100);
  });
});
