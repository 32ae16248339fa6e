/**
 * Loads a user's DataStream program (a .ts or .js module anywhere on disk) so that its
 * `import ... from 'weir'` resolves to this Weir, and reports its errors at its own lines.
 */
import { registerHooks } from 'node:module';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const WEIR_ENTRY = new URL('../index.ts', import.meta.url).href;
let hooksInstalled = false;

/** Makes `weir` (and `weir/...`) resolve to this installation for modules loaded from now on. */
export function installWeirResolution(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === 'weir') return { url: WEIR_ENTRY, shortCircuit: true };
      return nextResolve(specifier, context);
    },
  });
}

export function programUrl(file: string): string {
  const path = resolve(file);
  if (!existsSync(path)) throw new Error(`program file not found: ${file}`);
  return pathToFileURL(path).href;
}

/**
 * Describes an error from a program: the messages of its cause chain and the first stack
 * frame that lies in the program's own file.
 */
export function describeProgramError(e: unknown, programFile: string): string {
  const messages: string[] = [];
  let frame: string | null = null;
  const path = resolve(programFile);
  for (let cur: unknown = e, depth = 0; cur !== undefined && cur !== null && depth < 10; depth++) {
    if (cur instanceof Error) {
      if (messages.length === 0 || !messages[messages.length - 1]!.includes(cur.message)) messages.push(cur.message);
      const hit = cur.stack?.split('\n').find((l) => l.includes(path));
      if (hit !== undefined) frame = hit.trim();
      cur = cur.cause;
    } else {
      messages.push(String(cur));
      break;
    }
  }
  return frame === null ? messages[0] ?? 'unknown error' : `${messages[0]}\n    ${frame}`;
}
