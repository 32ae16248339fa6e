/** Weir's version, from package.json, for `/overview`, `/config` and `--version`. */
import { readFileSync } from 'node:fs';
import { WEIR_HOME } from './load-config.ts';
import { join } from 'node:path';

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(WEIR_HOME, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export const WEIR_VERSION: string = readVersion();
