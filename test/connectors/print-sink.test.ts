import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BlackholeSink, formatValue, PrintSink, printPrefix } from '../../src/connectors/index.ts';

class Capture extends Writable {
  chunks: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk.toString());
    callback();
  }
}

describe('formatValue', () => {
  it('formats like Flink print()', () => {
    expect(formatValue('as is')).toBe('as is');
    expect(formatValue(42)).toBe('42');
    expect(formatValue(12345678901234567890n)).toBe('12345678901234567890');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(true)).toBe('true');
    expect(formatValue(['word', 3])).toBe('(word,3)');
    expect(formatValue(['k', ['n', 1]])).toBe('(k,(n,1))');
    expect(formatValue({ a: 1, b: 'x', c: null, d: [1, 'y'] })).toBe('{a: 1, b: "x", c: null, d: (1,y)}');
    expect(formatValue({ nested: { t: new Date(0) } })).toBe('{nested: {t: 1970-01-01T00:00:00.000Z}}');
    expect(formatValue(new Map([['k', 1]]))).toBe('{k=1}');
    class Point {
      x = 1;
      toString(): string {
        return 'Point(1)';
      }
    }
    expect(formatValue(new Point())).toBe('Point(1)');
  });
});

describe('PrintSink', () => {
  it('prefixes as Flink does', () => {
    expect(printPrefix(undefined, { subtaskIndex: 0, parallelism: 1 })).toBe('');
    expect(printPrefix(undefined, { subtaskIndex: 2, parallelism: 4 })).toBe('3> ');
    expect(printPrefix('out', { subtaskIndex: 0, parallelism: 1 })).toBe('out> ');
    expect(printPrefix('out', { subtaskIndex: 1, parallelism: 2 })).toBe('out:2> ');
  });

  it('writes one string per batch', () => {
    const target = new Capture();
    const writer = new PrintSink<unknown>({ prefix: 'p', target }).createWriter({ subtaskIndex: 1, parallelism: 3, operatorName: 'print' });
    writer.write(['a', { n: 1 }, [1, 2]], null);
    writer.write([], null);
    expect(target.chunks).toEqual(['p:2> a\np:2> {n: 1}\np:2> (1,2)\n']);
  });

  it('writes bare values at parallelism 1', () => {
    const target = new Capture();
    const writer = new PrintSink<number>({ target }).createWriter({ subtaskIndex: 0, parallelism: 1, operatorName: 'print' });
    writer.write([1, 2], null);
    expect(target.chunks.join('')).toBe('1\n2\n');
  });
});

describe('BlackholeSink', () => {
  it('counts and discards', () => {
    const sink = new BlackholeSink<number>();
    const a = sink.createWriter();
    const b = sink.createWriter();
    a.write([1, 2, 3], null);
    b.write([4], null);
    expect(sink.count).toBe(4);
  });
});
