/**
 * PostgreSQL's function and operator catalogue, reduced to what a SQL user can call over the
 * types Weir supports: pg_proc's normal functions and aggregates (not window-only functions,
 * procedures, or functions PostgreSQL uses to implement something else: operators'
 * implementations, aggregates' transition and final functions, index and range support
 * functions, type I/O; casts' functions stay, since `date(ts)` and `int4(x)` are called as
 * functions) and pg_operator's operators, each with every argument and result type
 * in the supported set.
 */
import type pg from 'pg';
import { ARRAY_TYPE_OIDS, TypeOid } from '../../src/sql/types/index.ts';

/** One callable signature of PostgreSQL's. */
export interface PgSignature {
  readonly kind: 'function' | 'aggregate' | 'operator';
  readonly name: string;
  /** Input argument types as pg_type names (`int4`, `_text`, `anyelement`); an operator's left is absent when prefix. */
  readonly args: readonly string[];
  /** pg_type name of the result. */
  readonly result: string;
  /** Displayed as PostgreSQL prints it: `abs(integer)`, `integer + integer`. */
  readonly display: string;
  readonly retset: boolean;
  /** Index of the VARIADIC argument, or -1. */
  readonly variadic: number;
  /** 'i' immutable, 's' stable, 'v' volatile (operators: their function's). */
  readonly volatility: 'i' | 's' | 'v';
  /** Aggregates: 'n' normal, 'o' ordered-set, 'h' hypothetical-set, and the count of direct arguments. */
  readonly aggKind: 'n' | 'o' | 'h' | null;
  readonly directArgs: number;
  /** A record-returning function without OUT parameters needs a column definition list. */
  readonly needsColumnList: boolean;
  readonly description: string;
}

/**
 * Polymorphic pseudo-types Weir's resolution handles ("any" and the any* families; record as
 * composite values), beside the concrete types of src/sql/types.
 */
const PSEUDO_TYPES = ['any', 'anyelement', 'anyarray', 'anynonarray', 'anycompatible', 'anycompatiblearray', 'anycompatiblenonarray', 'record'];

/** The pg_type oids of Weir's types (src/sql/types/data-type.ts) and their arrays. */
export function supportedTypeOids(): number[] {
  const scalar = Object.entries(TypeOid).filter(([k]) => k !== 'array' && k !== 'record' && k !== 'unknown').map(([, oid]) => oid);
  return [...scalar, ...Object.values(ARRAY_TYPE_OIDS).filter((x): x is number => x !== undefined)];
}

const SUPPORTED_CTE = (oids: readonly number[]): string => `
  supported(t) AS (
    SELECT unnest(ARRAY[${oids.join(', ')}]::oid[])
    UNION SELECT oid FROM pg_type WHERE typname IN (${PSEUDO_TYPES.map((t) => `'${t}'`).join(', ')})
  )`;

const FUNCTIONS_SQL = (oids: readonly number[]): string => `
  WITH ${SUPPORTED_CTE(oids)},
  implementing(f) AS (
    SELECT oprcode FROM pg_operator UNION SELECT oprrest FROM pg_operator UNION SELECT oprjoin FROM pg_operator
    UNION SELECT unnest(ARRAY[aggtransfn, aggfinalfn, aggcombinefn, aggserialfn, aggdeserialfn, aggmtransfn, aggminvtransfn, aggmfinalfn]::oid[]) FROM pg_aggregate
    UNION SELECT amproc FROM pg_amproc
    UNION SELECT unnest(ARRAY[rngcanonical, rngsubdiff]::oid[]) FROM pg_range
    UNION SELECT unnest(ARRAY[typinput, typoutput, typreceive, typsend, typmodin, typmodout, typanalyze, typsubscript]::oid[]) FROM pg_type
  )
  SELECT p.proname AS name, p.prokind AS kind, p.proretset AS retset, p.provolatile AS volatility,
         ARRAY(SELECT t.typname FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(t0, i) JOIN pg_type t ON t.oid = a.t0 ORDER BY i)::text[] AS args,
         r.typname AS result, pg_catalog.oidvectortypes(p.proargtypes) AS arglist,
         CASE WHEN p.provariadic = 0 THEN -1 ELSE p.pronargs - 1 END AS variadic,
         a.aggkind, coalesce(a.aggnumdirectargs, 0) AS directargs,
         (p.prorettype = 'record'::regtype AND p.proallargtypes IS NULL) AS needscolumnlist,
         coalesce(obj_description(p.oid, 'pg_proc'), '') AS description
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'pg_catalog'
  JOIN pg_type r ON r.oid = p.prorettype
  LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
  WHERE p.prokind IN ('f', 'a')
    AND p.prorettype IN (SELECT t FROM supported)
    AND NOT EXISTS (SELECT 1 FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) x WHERE x NOT IN (SELECT t FROM supported))
    AND p.oid NOT IN (SELECT f FROM implementing WHERE f <> 0)
  ORDER BY p.proname, p.pronargs, arglist`;

const OPERATORS_SQL = (oids: readonly number[]): string => `
  WITH ${SUPPORTED_CTE(oids)}
  SELECT o.oprname AS name, l.typname AS lefttype, rt.typname AS righttype, res.typname AS result,
         format_type(o.oprleft, NULL) AS leftname, format_type(o.oprright, NULL) AS rightname,
         p.provolatile AS volatility, coalesce(obj_description(o.oid, 'pg_operator'), '') AS description
  FROM pg_operator o
  JOIN pg_proc p ON p.oid = o.oprcode
  LEFT JOIN pg_type l ON l.oid = o.oprleft
  JOIN pg_type rt ON rt.oid = o.oprright
  JOIN pg_type res ON res.oid = o.oprresult
  WHERE (o.oprleft = 0 OR o.oprleft IN (SELECT t FROM supported))
    AND o.oprright IN (SELECT t FROM supported) AND o.oprresult IN (SELECT t FROM supported)
  ORDER BY o.oprname, lefttype NULLS FIRST, righttype`;

/** PostgreSQL's callable functions, aggregates and operators over Weir's types. */
export async function pgSignatures(client: pg.Client): Promise<PgSignature[]> {
  const oids = supportedTypeOids();
  const out: PgSignature[] = [];
  const fns = await client.query(FUNCTIONS_SQL(oids));
  for (const r of fns.rows) {
    out.push({
      kind: r.kind === 'a' ? 'aggregate' : 'function',
      name: r.name, args: r.args, result: r.result, display: `${r.name}(${r.arglist})`, retset: r.retset,
      variadic: r.variadic, volatility: r.volatility, aggKind: r.aggkind ?? null, directArgs: r.directargs,
      needsColumnList: r.needscolumnlist, description: r.description,
    });
  }
  const ops = await client.query(OPERATORS_SQL(oids));
  for (const r of ops.rows) {
    const args = r.lefttype === null ? [r.righttype] : [r.lefttype, r.righttype];
    const display = r.lefttype === null ? `${r.name} ${r.rightname}` : `${r.leftname} ${r.name} ${r.rightname}`;
    out.push({
      kind: 'operator', name: r.name, args, result: r.result, display, retset: false, variadic: -1,
      volatility: r.volatility, aggKind: null, directArgs: 0, needsColumnList: false, description: r.description,
    });
  }
  return out;
}
