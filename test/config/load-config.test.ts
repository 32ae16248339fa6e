import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDuration, parseDynamicProperty, WEIR_HOME } from '../../src/config/index.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A configuration directory holding `yaml` as config.yaml. */
function confDir(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'weir-conf-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'config.yaml'), yaml);
  return dir;
}

describe('loadConfig', () => {
  it('uses the defaults for an empty file, with derived directories under the Weir home', () => {
    const { config, warnings, origins } = loadConfig({ confDir: confDir(''), env: {} });
    expect(config['rest.port']).toBe(8081);
    expect(config['jobmanager.rpc.port']).toBe(6123);
    expect(config['sql.port']).toBe(5433);
    expect(config['execution.checkpointing.interval']).toBeNull();
    expect(config['env.log.dir']).toBe(join(WEIR_HOME, 'log'));
    expect(config['weir.data-dir']).toBe(join(WEIR_HOME, 'data'));
    expect(warnings).toEqual([]);
    expect(origins['rest.port']).toBe('default');
  });

  it('reads nested YAML and flat dotted keys alike, with numbers as numbers', () => {
    const dir = confDir('rest:\n  port: 9000\n  address: example.org\nparallelism.default: 4\nexecution:\n  checkpointing.interval: 10 s\n');
    const { config, origins } = loadConfig({ confDir: dir, env: {} });
    expect(config['rest.port']).toBe(9000);
    expect(config['rest.address']).toBe('example.org');
    expect(config['parallelism.default']).toBe(4);
    expect(config['execution.checkpointing.interval']).toBe(10_000);
    expect(origins['rest.port']).toBe('file');
  });

  it('applies defaults < file < flags', () => {
    const dir = confDir('rest.port: 9000\nsql.port: 9001\n');
    const { config, origins } = loadConfig({ confDir: dir, env: {}, dynamicProperties: { 'rest.port': '9100', 'weir.data-dir': 'rel/data' } });
    expect(config['rest.port']).toBe(9100);
    expect(origins['rest.port']).toBe('flag');
    expect(config['sql.port']).toBe(9001);
    expect(config['jobmanager.rpc.port']).toBe(6123);
    expect(config['weir.data-dir']).toBe(join(process.cwd(), 'rel/data'));
  });

  it('finds the directory by flag, else WEIR_CONF_DIR, else <weir home>/conf', () => {
    const a = confDir('rest.port: 9001\n');
    const b = confDir('rest.port: 9002\n');
    expect(loadConfig({ confDir: a, env: { WEIR_CONF_DIR: b } }).config['rest.port']).toBe(9001);
    expect(loadConfig({ env: { WEIR_CONF_DIR: b } }).config['rest.port']).toBe(9002);
    expect(loadConfig({ env: {} }).configFile).toBe(join(WEIR_HOME, 'conf', 'config.yaml'));
  });

  it('warns about unknown keys, suggesting the nearest one, instead of failing', () => {
    const dir = confDir('rest.prot: 9000\ntaskmanager:\n  memory.process.size: 1g\n');
    const { config, warnings } = loadConfig({ confDir: dir, env: {} });
    expect(config['rest.port']).toBe(8081);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("unknown configuration key 'rest.prot'");
    expect(warnings[0]).toContain("did you mean 'rest.port'?");
    expect(warnings[1]).toContain("'taskmanager.memory.process.size'");
  });

  it('rejects an invalid value in the file, naming the key, the value and the file', () => {
    const dir = confDir('rest:\n  port: 70000\n');
    const error = catchError(() => loadConfig({ confDir: dir, env: {} }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`invalid value 70000 for 'rest.port' in ${join(dir, 'config.yaml')}: expected a port number in 1..65535`);
    expect(error.key).toBe('rest.port');
  });

  it('rejects an invalid flag, naming the flag', () => {
    const dir = confDir('');
    const e1 = catchError(() => loadConfig({ confDir: dir, env: {}, dynamicProperties: { 'rest.port': 'abc' }, flagNames: { 'rest.port': '--rest-port abc' } }));
    expect(e1.message).toBe("invalid value 'abc' for 'rest.port' from --rest-port abc: expected a port number in 1..65535");
    const e2 = catchError(() => loadConfig({ confDir: dir, env: {}, dynamicProperties: { 'parallelism.default': '0' } }));
    expect(e2.message).toBe("invalid value '0' for 'parallelism.default' from -D parallelism.default=0: expected an integer in 1..32768");
  });

  it.each([
    ['execution.batch-size: 1.5', "'execution.batch-size'", 'expected an integer'],
    ['state.backend.type: rocksdb', "'rocksdb' for 'state.backend.type'", 'expected one of hashmap'],
    ['execution.checkpointing.interval: soon', "'soon' for 'execution.checkpointing.interval'", 'expected a duration'],
    ['rest.port: [1, 2]', "'rest.port'", 'expected a single value'],
    ['pipeline.max-parallelism: 0', "0 for 'pipeline.max-parallelism'", 'in 1..32768 (or -1)'],
    ['parallelism.default: 8\npipeline.max-parallelism: 4', "'pipeline.max-parallelism'", 'at least parallelism.default (8)'],
    ['sql.port: 8081', "8081 for 'sql.port'", 'same port as rest.port'],
    ['high-availability.type: zookeeper', "'high-availability.zookeeper.quorum'", 'must be set when high-availability.type is ZOOKEEPER'],
  ])('rejects %j', (yaml, subject, reason) => {
    const error = catchError(() => loadConfig({ confDir: confDir(yaml), env: {} }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(subject);
    expect(error.message).toContain(reason);
    expect(error.message).toContain('config.yaml');
  });

  it('accepts ZooKeeper HA when its quorum and storage directory are set, in any case', () => {
    const dir = confDir('high-availability:\n  type: zookeeper\n  zookeeper.quorum: localhost:2181\n  storageDir: /tmp/ha\n');
    expect(loadConfig({ confDir: dir, env: {} }).config['high-availability.type']).toBe('ZOOKEEPER');
  });

  it('rejects a key set both nested and dotted, invalid YAML, and a missing file', () => {
    expect(catchError(() => loadConfig({ confDir: confDir('rest.port: 1\nrest:\n  port: 2\n'), env: {} })).message).toContain('set twice');
    expect(catchError(() => loadConfig({ confDir: confDir('rest: [\n'), env: {} })).message).toContain('is not valid YAML');
    const dup = catchError(() => loadConfig({ confDir: confDir('rest.port: 1\nrest.port: 2\n'), env: {} }));
    expect(dup.message).toContain('is not valid YAML');
    const missing = join(tmpdir(), 'weir-no-such-conf-dir');
    expect(catchError(() => loadConfig({ confDir: missing, env: {} })).message).toContain(`${join(missing, 'config.yaml')} does not exist`);
  });
});

describe('parseDuration and -D parsing', () => {
  it('reads Flink-style durations', () => {
    expect(parseDuration(250)).toBe(250);
    expect(parseDuration('500 ms')).toBe(500);
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('3 min')).toBe(180_000);
    expect(parseDuration('1 h')).toBe(3_600_000);
  });

  it('splits key=value at the first =', () => {
    expect(parseDynamicProperty('a.b=c=d', { x: '1' })).toEqual({ x: '1', 'a.b': 'c=d' });
    expect(() => parseDynamicProperty('novalue')).toThrow('-D expects key=value');
  });
});

function catchError(f: () => unknown): ConfigError {
  try {
    f();
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('expected an error');
}
