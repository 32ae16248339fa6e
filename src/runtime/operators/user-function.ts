/** Helpers to call user functions given as plain functions or as objects with a method. */
import { UserFunctionError, type RichFunction, type RuntimeContext } from '../functions.ts';

/** Resolves `fn` (a function, or an object with `method`) to a plain function bound to its object. */
export function resolveFunction<F extends (...args: never[]) => unknown>(fn: unknown, method: string): F {
  if (typeof fn === 'function') return fn as F;
  if (fn !== null && typeof fn === 'object') {
    const m = (fn as Record<string, unknown>)[method];
    if (typeof m === 'function') return m.bind(fn) as F;
  }
  throw new TypeError(`expected a function or an object with a ${method}() method`);
}

export async function openFunction(fn: unknown, context: RuntimeContext): Promise<void> {
  if (fn === null || typeof fn !== 'object') return;
  const rich = fn as RichFunction & { setRuntimeContext?: (c: RuntimeContext) => void };
  rich.setRuntimeContext?.(context);
  await rich.open?.(context);
}

export async function closeFunction(fn: unknown): Promise<void> {
  if (fn === null || typeof fn !== 'object') return;
  await (fn as RichFunction).close?.();
}

/** Wraps an error from user code with the operator's name, once. */
export function userError(operatorName: string, e: unknown): Error {
  return e instanceof UserFunctionError ? e : new UserFunctionError(operatorName, e);
}

/**
 * A copy of a function object for one subtask. Flink gives every subtask its own
 * deserialized copy of a user function; here a shallow copy with the same prototype does
 * the same, so `getRuntimeContext()` and fields set in `open()` belong to one subtask.
 * Plain functions (closures) are shared as they are.
 */
export function copyForSubtask<F>(fn: F): F {
  if (fn === null || typeof fn !== 'object') return fn;
  return Object.assign(Object.create(Object.getPrototypeOf(fn) as object) as object, fn) as F;
}
