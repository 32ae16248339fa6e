/**
 * The parallelism of operators that do not repartition their input, set after the DAG is
 * built (a view's job, whose operators run at parallelism > 1, split by key).
 */
import type { Transformation } from '../../api/transformation.ts';

/**
 * Gives every operator that does not repartition its input (projections, filters, series,
 * window assignment, sinks without a parallelism of their own) its input's parallelism, as
 * Flink's SQL planner does for Calc: records then reach it on forward channels, in the order
 * their producer emitted them. An operator at a wider parallelism than its input would get
 * its records round-robin, and an update's retraction and insertion could take different
 * paths and arrive out of order. Only keyed exchanges (hash by the key, which keeps a key's
 * changes on one path) run wider than their input. Over union, the narrowest input counts.
 */
export function followInputParallelism(out: { readonly transformation: Transformation }, defaultParallelism: number): void {
  const resolved = new Map<number, number>();
  const resolve = (t: Transformation): number => {
    const known = resolved.get(t.id);
    if (known !== undefined) return known;
    let p: number;
    switch (t.type) {
      case 'physical': {
        const inputs = t.inputs.map(resolve);
        const exchange = t.inputs.some((i) => i.type === 'partition');
        if (t.nonParallel) p = 1;
        else if (t.parallelism !== null) p = t.parallelism;
        else if (inputs.length === 0 || exchange || t.keySelectors !== null) p = defaultParallelism;
        else {
          p = Math.min(...inputs);
          t.parallelism = p;
        }
        break;
      }
      case 'union':
        p = Math.min(...t.inputs.map(resolve));
        break;
      case 'partition':
      case 'side-output':
        p = resolve(t.input);
        break;
    }
    resolved.set(t.id, p);
    return p;
  };
  resolve(out.transformation);
}
