/**
 * PostgreSQL's choice among overloaded candidates (func_match_argtypes + func_select_candidate in
 * parse_func.c, shared by functions and operators; docs "Type Conversion › Functions"):
 *   1. keep candidates every input reaches by an implicit cast (an unknown literal reaches anything);
 *   2. keep those with the most exact matches on known inputs;
 *   3. keep those with the most preferred types where a conversion is needed;
 *   4. for unknown inputs pick a type category per position (string if any candidate offers it,
 *      else the one category all offer) and keep the candidates that take it, preferring the
 *      category's preferred type;
 *   5. last gasp: assume the unknowns have the type of the known inputs, if those agree.
 * Exact matches are found by the callers before this runs (their rules differ slightly).
 */
import { TEXT, baseType, canCoerceImplicitly, isPreferredType, typeCategory, type DataType, type TypeCategory } from '../types/index.ts';
import type { ParamType } from './function-signature.ts';

export type Selection<C> = { readonly kind: 'one'; readonly candidate: C } | { readonly kind: 'none' } | { readonly kind: 'ambiguous' };

type Category = TypeCategory | 'P' | 'A';
/** Pseudo-types: `"any"` is category P, `other` U; never preferred, never exact. */
function categoryOf(p: ParamType): Category {
  switch (p.kind) {
    case 'any': return 'P';
    case 'other': return 'U';
    default: return typeCategory(p as DataType);
  }
}
const isPseudo = (p: ParamType): boolean => p.kind === 'any' || p.kind === 'other';
const preferred = (p: ParamType): boolean => !isPseudo(p) && isPreferredType(p as DataType);
export const sameParam = (p: ParamType, t: DataType): boolean => !isPseudo(p) && p.kind === t.kind;
/** Whether input type t reaches parameter p by an implicit cast; only literals reach Weir-less types. */
export function reaches(t: DataType, p: ParamType): boolean {
  if (p.kind === 'any') return true;
  if (p.kind === 'other') return t.kind === 'unknown';
  return canCoerceImplicitly(t, p as DataType);
}

/** The type an argument is cast to for parameter p: its own for `"any"` (a literal becoming text), text for the pseudo-types. */
export function argTypeFor(p: ParamType, input: DataType): DataType {
  if (p.kind === 'any') return input.kind === 'unknown' ? TEXT : input;
  if (p.kind === 'other') return TEXT;
  return p as DataType;
}

/** Runs steps 1–5 over candidates already expanded to `inputs.length` parameters each. */
export function selectCandidate<C>(inputs0: readonly DataType[], all: readonly C[], paramsOf: (c: C) => readonly ParamType[]): Selection<C> {
  const inputs = inputs0.map(baseType);
  let cands = all.filter((c) => paramsOf(c).every((p, i) => reaches(inputs[i]!, p)));
  if (cands.length === 0) return { kind: 'none' };
  if (cands.length === 1) return { kind: 'one', candidate: cands[0]! };

  const unknown = inputs.map((t) => t.kind === 'unknown');
  cands = keepMax(cands, (c) => paramsOf(c).filter((p, i) => !unknown[i] && sameParam(p, inputs[i]!)).length);
  if (cands.length === 1) return { kind: 'one', candidate: cands[0]! };
  cands = keepMax(cands, (c) => paramsOf(c).filter((p, i) => !unknown[i]
    && (sameParam(p, inputs[i]!) || (preferred(p) && categoryOf(p) === typeCategory(inputs[i]!)))).length);
  if (cands.length === 1) return { kind: 'one', candidate: cands[0]! };
  if (!unknown.some(Boolean)) return { kind: 'ambiguous' };

  const slotCat: Array<Category | undefined> = [];
  const slotPreferred: boolean[] = [];
  let resolved = true;
  for (let i = 0; i < inputs.length && resolved; i++) {
    if (!unknown[i]) continue;
    let conflict = false;
    for (const c of cands) {
      const p = paramsOf(c)[i]!;
      const cat = categoryOf(p);
      if (slotCat[i] === undefined) { slotCat[i] = cat; slotPreferred[i] = preferred(p); }
      else if (cat === slotCat[i]) slotPreferred[i] = slotPreferred[i]! || preferred(p);
      else if (cat === 'S') { slotCat[i] = cat; slotPreferred[i] = preferred(p); }
      else if (slotCat[i] !== 'S') conflict = true;
    }
    if (conflict && slotCat[i] !== 'S') resolved = false;
  }
  if (resolved) {
    const kept = cands.filter((c) => paramsOf(c).every((p, i) => !unknown[i]
      || (categoryOf(p) === slotCat[i] && (!slotPreferred[i] || preferred(p)))));
    if (kept.length > 0) cands = kept;
    if (cands.length === 1) return { kind: 'one', candidate: cands[0]! };
  }
  const known = inputs.filter((_, i) => !unknown[i]);
  if (known.length > 0 && known.every((t) => t.kind === known[0]!.kind)) {
    const k = known[0]!;
    const fit = cands.filter((c) => paramsOf(c).every((p) => reaches(k, p)));
    if (fit.length === 1) return { kind: 'one', candidate: fit[0]! };
  }
  return { kind: 'ambiguous' };
}

function keepMax<T>(xs: readonly T[], score: (x: T) => number): T[] {
  let best = -1;
  let out: T[] = [];
  for (const x of xs) {
    const s = score(x);
    if (s > best) { best = s; out = [x]; } else if (s === best) out.push(x);
  }
  return out;
}
