/** The TPC-H schema and a small data set (scale factor 0.001) for tpch.sql's golden plans: sizes as the estimates see them. */
import { createStatements, generate, insertStatements } from '../../tpch/generate.ts';

export function statements(): string[] {
  return [...createStatements(), ...insertStatements(generate(0.001))];
}
