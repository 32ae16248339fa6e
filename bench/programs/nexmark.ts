/**
 * The benchmark's Nexmark queries as a program file, so that the threaded mini-cluster can
 * load it on slot threads: `weir run -p N bench/programs/nexmark.ts <query> <events>`
 * (bench/case.ts submits the same job with this file as its program).
 */
import { StreamExecutionEnvironment } from '../../src/index.ts';
import { buildQuery, type QueryName } from '../queries.ts';

const [query = 'q0', events = '1000000'] = process.argv.slice(2);
const env = StreamExecutionEnvironment.getExecutionEnvironment();
buildQuery(env, query as QueryName, Number(events));
const result = await env.execute(query);
console.log(JSON.stringify(result.metrics));
