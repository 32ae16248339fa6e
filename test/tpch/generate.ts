/**
 * TPC-H data of our own making: the eight tables at any scale factor, seeded (the same data
 * on every run), with the value domains and derived columns of the specification's clause 4.2
 * (row counts, key formulas, p_retailprice, ps_suppkey, sparse o_orderkey, o_custkey never a
 * multiple of 3, ship/commit/receipt dates from the order date, l_returnflag and
 * l_linestatus against the current date 1995-06-17, o_orderstatus and o_totalprice from the
 * lines), and the refresh functions RF1 (new orders and their lines) and RF2 (old orders and
 * their lines deleted) as SQL statements. Not dbgen: the random streams differ, so the
 * answers are not the specification's published ones; the tests compare with PostgreSQL.
 *
 * @see https://www.tpc.org/tpc_documents_current_versions/pdf/tpc-h_v3.0.1.pdf clause 4.2
 * @example
 *   const data = generate(0.01);            // SF 0.01: about 60,000 lineitem rows
 *   for (const s of [...createStatements(), ...insertStatements(data)]) await client.query(s);
 *   const { rf1, rf2 } = refresh(0.01, 1);  // refresh set 1
 */
import { rng } from '../sql/types/oracle.ts';
import { REGIONS, NATIONS, textPool, vstring, words } from './text.ts';

/** A column value: integers as numbers; decimals, dates and text as the strings PostgreSQL reads. */
export type Value = number | string;
export type Row = readonly Value[];

/** The spec's fixed-length text (clause 1.3.1): char(n), blank-padded on output. */
const char = (n: number): string => `char(${n})`;
const MONEY = 'numeric(15,2)';

/** The schema of clause 1.4 in PostgreSQL types, columns in the spec's order. */
export const SCHEMA = {
  region: { key: ['r_regionkey'], columns: [['r_regionkey', 'integer'], ['r_name', char(25)], ['r_comment', 'varchar(152)']] },
  nation: { key: ['n_nationkey'], columns: [['n_nationkey', 'integer'], ['n_name', char(25)], ['n_regionkey', 'integer'], ['n_comment', 'varchar(152)']] },
  part: {
    key: ['p_partkey'],
    columns: [['p_partkey', 'integer'], ['p_name', 'varchar(55)'], ['p_mfgr', char(25)], ['p_brand', char(10)], ['p_type', 'varchar(25)'], ['p_size', 'integer'], ['p_container', char(10)], ['p_retailprice', MONEY], ['p_comment', 'varchar(23)']],
  },
  supplier: {
    key: ['s_suppkey'],
    columns: [['s_suppkey', 'integer'], ['s_name', char(25)], ['s_address', 'varchar(40)'], ['s_nationkey', 'integer'], ['s_phone', char(15)], ['s_acctbal', MONEY], ['s_comment', 'varchar(101)']],
  },
  partsupp: {
    key: ['ps_partkey', 'ps_suppkey'],
    columns: [['ps_partkey', 'integer'], ['ps_suppkey', 'integer'], ['ps_availqty', 'integer'], ['ps_supplycost', MONEY], ['ps_comment', 'varchar(199)']],
  },
  customer: {
    key: ['c_custkey'],
    columns: [['c_custkey', 'integer'], ['c_name', 'varchar(25)'], ['c_address', 'varchar(40)'], ['c_nationkey', 'integer'], ['c_phone', char(15)], ['c_acctbal', MONEY], ['c_mktsegment', char(10)], ['c_comment', 'varchar(117)']],
  },
  orders: {
    key: ['o_orderkey'],
    columns: [['o_orderkey', 'integer'], ['o_custkey', 'integer'], ['o_orderstatus', char(1)], ['o_totalprice', MONEY], ['o_orderdate', 'date'], ['o_orderpriority', char(15)], ['o_clerk', char(15)], ['o_shippriority', 'integer'], ['o_comment', 'varchar(79)']],
  },
  lineitem: {
    key: ['l_orderkey', 'l_linenumber'],
    columns: [
      ['l_orderkey', 'integer'], ['l_partkey', 'integer'], ['l_suppkey', 'integer'], ['l_linenumber', 'integer'], ['l_quantity', MONEY], ['l_extendedprice', MONEY], ['l_discount', MONEY], ['l_tax', MONEY],
      ['l_returnflag', char(1)], ['l_linestatus', char(1)], ['l_shipdate', 'date'], ['l_commitdate', 'date'], ['l_receiptdate', 'date'], ['l_shipinstruct', char(25)], ['l_shipmode', char(10)], ['l_comment', 'varchar(44)'],
    ],
  },
} as const satisfies Record<string, { key: readonly string[]; columns: readonly (readonly [string, string])[] }>;

export type TableName = keyof typeof SCHEMA;
export const TABLES = Object.keys(SCHEMA) as TableName[];
export type TpchData = Record<TableName, Row[]>;

/** Rows per table at scale factor `sf` (clause 4.2.5), at least one of each. */
export function sizes(sf: number) {
  const n = (base: number): number => Math.max(1, Math.round(base * sf));
  return { part: n(200_000), supplier: n(10_000), customer: n(150_000), orders: n(1_500_000), clerks: n(1_000), refreshOrders: n(1_500) };
}

// ---- value domains (clause 4.2.2.13) -------------------------------------------------------

const TYPE_1 = ['STANDARD', 'SMALL', 'MEDIUM', 'LARGE', 'ECONOMY', 'PROMO'];
const TYPE_2 = ['ANODIZED', 'BURNISHED', 'PLATED', 'POLISHED', 'BRUSHED'];
const TYPE_3 = ['TIN', 'NICKEL', 'BRASS', 'STEEL', 'COPPER'];
const CONTAINER_1 = ['SM', 'LG', 'MED', 'JUMBO', 'WRAP'];
const CONTAINER_2 = ['CASE', 'BOX', 'BAG', 'JAR', 'PKG', 'PACK', 'CAN', 'DRUM'];
const SEGMENTS = ['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD'];
const PRIORITIES = ['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW'];
const INSTRUCTIONS = ['DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN'];
const MODES = ['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB'];

// ---- dates as days since 1992-01-01 --------------------------------------------------------

const EPOCH = Date.UTC(1992, 0, 1);
const DAY = 86_400_000;
const dayOf = (y: number, m: number, d: number): number => (Date.UTC(y, m - 1, d) - EPOCH) / DAY;
/** The last order date: ENDDATE (1998-12-31) less 151 days. */
const LAST_ORDER_DAY = dayOf(1998, 12, 31) - 151;
/** CURRENTDATE: lines shipped after it are open ('O'), received after it not yet returned ('N'). */
const CURRENT_DAY = dayOf(1995, 6, 17);
const date = (day: number): string => new Date(EPOCH + day * DAY).toISOString().slice(0, 10);

const pad9 = (n: number): string => String(n).padStart(9, '0');
/** Cents as a numeric(15,2) literal, exactly (no floating point). */
export function cents(c: number): string {
  const a = Math.abs(c);
  return `${c < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** Random draws of clause 4.2.2.3, all from one seeded stream. */
function draws(seed: number) {
  const r = rng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  return { r, int, pick, phone: (nation: number): string => `${nation + 10}-${int(100, 999)}-${int(100, 999)}-${int(1000, 9999)}` };
}
type Draws = ReturnType<typeof draws>;

/** p_retailprice in cents (clause 4.2.3). */
const retailCents = (partkey: number): number => 90_000 + (Math.floor(partkey / 10) % 20_001) + 100 * (partkey % 1_000);

/**
 * The 4 suppliers of a part (clause 4.2.3's ps_suppkey formula). At tiny scale factors the
 * formula can repeat a supplier; the next unused one is taken then, so (partkey, suppkey)
 * stays a key.
 */
function suppliersOf(partkey: number, suppliers: number): number[] {
  const out: number[] = [];
  const step = Math.floor(suppliers / 4) + Math.floor((partkey - 1) / suppliers);
  for (let i = 0; i < Math.min(4, suppliers); i++) {
    let s = ((partkey + i * step) % suppliers) + 1;
    while (out.includes(s)) s = (s % suppliers) + 1;
    out.push(s);
  }
  return out;
}

/** The i-th order's key (1-based): only the first 8 keys of each 32 are used, RF1 fills the rest. */
const orderKey = (i: number): number => Math.floor((i - 1) / 8) * 32 + ((i - 1) % 8) + 1;
/** The j-th refresh order's key (1-based), in the gaps orderKey leaves. */
const refreshOrderKey = (j: number): number => Math.floor((j - 1) / 24) * 32 + 8 + ((j - 1) % 24) + 1;

/** The whole data set at scale factor `sf`. */
export function generate(sf: number, seed = 1): TpchData {
  const n = sizes(sf);
  const d = draws(seed);
  const { int, pick } = d;
  const pool = textPool(seed, 1 << 20);
  const text = (lo: number, hi: number): string => pool.slice(int(lo, hi));

  const region: Row[] = REGIONS.map((name, i) => [i, name, text(31, 115)]);
  const nation: Row[] = NATIONS.map(([name, regionkey], i) => [i, name, regionkey, text(31, 114)]);

  const part: Row[] = [];
  for (let p = 1; p <= n.part; p++) {
    const mfgr = int(1, 5);
    part.push([p, words(d.r, 5), `Manufacturer#${mfgr}`, `Brand#${mfgr}${int(1, 5)}`, `${pick(TYPE_1)} ${pick(TYPE_2)} ${pick(TYPE_3)}`, int(1, 50), `${pick(CONTAINER_1)} ${pick(CONTAINER_2)}`, cents(retailCents(p)), text(5, 22)]);
  }

  const supplier: Row[] = [];
  for (let s = 1; s <= n.supplier; s++) {
    const nationkey = int(0, 24);
    supplier.push([s, `Supplier#${pad9(s)}`, vstring(d.r, 10, 40), nationkey, d.phone(nationkey), cents(int(-99_999, 999_999)), text(25, 100)]);
  }
  // Clause 4.2.3: SF * 5 suppliers complain and SF * 5 recommend ("Customer ... Complaints"),
  // at least one of each so q16 has one to exclude at small scale factors.
  const remarks = Math.max(1, Math.round(sf * 5));
  for (const [k, word] of [[0, 'Complaints'], [1, 'Recommends']] as const) {
    for (let i = 0; i < remarks && 2 * i + k < n.supplier; i++) {
      const row = supplier[(int(0, Math.floor(n.supplier / 2) - 1) * 2 + k) % n.supplier] as Value[];
      row[6] = remark(String(row[6]), word, d);
    }
  }

  const partsupp: Row[] = [];
  for (let p = 1; p <= n.part; p++) {
    for (const s of suppliersOf(p, n.supplier)) partsupp.push([p, s, int(1, 9_999), cents(int(100, 100_000)), text(49, 198)]);
  }

  const customer: Row[] = [];
  for (let c = 1; c <= n.customer; c++) {
    const nationkey = int(0, 24);
    customer.push([c, `Customer#${pad9(c)}`, vstring(d.r, 10, 40), nationkey, d.phone(nationkey), cents(int(-99_999, 999_999)), pick(SEGMENTS), text(29, 116)]);
  }

  const orders: Row[] = [];
  const lineitem: Row[] = [];
  for (let i = 1; i <= n.orders; i++) orderWithLines(orderKey(i), n, d, text, orders, lineitem);
  return { region, nation, part, supplier, partsupp, customer, orders, lineitem };
}

/** `comment` with "Customer", some of its own text, then `word`, inside it (clause 4.2.3). */
function remark(comment: string, word: string, d: Draws): string {
  const inner = `Customer ${comment.slice(0, d.int(0, 20))}${word}`;
  const at = d.int(0, Math.max(0, comment.length - inner.length));
  return (comment.slice(0, at) + inner + comment.slice(at + inner.length)).slice(0, 100);
}

/** One order and its 1-7 lines, appended to `orders` and `lineitem` (clause 4.2.3). */
function orderWithLines(key: number, n: ReturnType<typeof sizes>, d: Draws, text: (lo: number, hi: number) => string, orders: Row[], lineitem: Row[]): void {
  const { int, pick } = d;
  let custkey = int(1, n.customer);
  while (custkey % 3 === 0 && n.customer > 2) custkey = int(1, n.customer);
  const ordered = int(0, LAST_ORDER_DAY);
  const lines = int(1, 7);
  let total = 0;
  let shipped = 0;
  for (let l = 1; l <= lines; l++) {
    const partkey = int(1, n.part);
    const suppkey = pick(suppliersOf(partkey, n.supplier));
    const quantity = int(1, 50);
    const extended = quantity * retailCents(partkey);
    const discount = int(0, 10);
    const tax = int(0, 8);
    const ship = ordered + int(1, 121);
    const commit = ordered + int(30, 90);
    const receipt = ship + int(1, 30);
    total += Math.round((extended * (100 - discount) * (100 + tax)) / 10_000);
    if (ship <= CURRENT_DAY) shipped++;
    lineitem.push([
      key, partkey, suppkey, l, `${quantity}.00`, cents(extended), cents(discount), cents(tax), receipt <= CURRENT_DAY ? pick(['R', 'A']) : 'N', ship > CURRENT_DAY ? 'O' : 'F',
      date(ship), date(commit), date(receipt), pick(INSTRUCTIONS), pick(MODES), text(10, 43),
    ]);
  }
  const status = shipped === lines ? 'F' : shipped === 0 ? 'O' : 'P';
  orders.push([key, custkey, status, cents(total), date(ordered), pick(PRIORITIES), `Clerk#${pad9(int(1, n.clerks))}`, 0, text(19, 78)]);
}

// ---- SQL -----------------------------------------------------------------------------------

const literal = (v: Value): string => (typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);
const columnNames = (t: TableName): string => SCHEMA[t].columns.map(([c]) => c).join(', ');

/** CREATE TABLE for the eight tables, with the spec's primary keys. */
export function createStatements(): string[] {
  return TABLES.map((t) => `CREATE TABLE ${t} (${SCHEMA[t].columns.map(([c, type]) => `${c} ${type}`).join(', ')}, PRIMARY KEY (${SCHEMA[t].key.join(', ')}))`);
}

/** Multi-row INSERTs of `rows` into `table`, `chunk` rows each. */
export function inserts(table: TableName, rows: readonly Row[], chunk = 1000): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    out.push(`INSERT INTO ${table} (${columnNames(table)}) VALUES ${rows.slice(i, i + chunk).map((r) => `(${r.map(literal).join(', ')})`).join(', ')}`);
  }
  return out;
}

/** INSERTs of every table's rows, in an order that satisfies the foreign keys. */
export function insertStatements(data: TpchData, chunk = 1000): string[] {
  return TABLES.flatMap((t) => inserts(t, data[t], chunk));
}

/**
 * Refresh set `set` (1, 2, ...) at scale factor `sf`, clause 2.5: RF1 inserts SF * 1,500 new
 * orders (or `orders`) with their lines, keys taken from the gaps of the sparse key space;
 * RF2 deletes as many of the original orders and their lines (set k deletes the k-th run of
 * them, so sets never delete the same order). Sets are independent of each other and of
 * `generate`'s stream, so any set can be applied to the data of the same scale factor.
 */
export function refresh(sf: number, set: number, options: { seed?: number; orders?: number } = {}): { rf1: string[]; rf2: string[] } {
  const seed = options.seed ?? 1;
  const n = { ...sizes(sf), refreshOrders: options.orders ?? sizes(sf).refreshOrders };
  const d = draws(seed * 7919 + set);
  const pool = textPool(seed + set, 1 << 16);
  const text = (lo: number, hi: number): string => pool.slice(d.int(lo, hi));
  const orders: Row[] = [];
  const lineitem: Row[] = [];
  for (let j = (set - 1) * n.refreshOrders + 1; j <= set * n.refreshOrders; j++) orderWithLines(refreshOrderKey(j), n, d, text, orders, lineitem);
  const deleted: number[] = [];
  for (let i = (set - 1) * n.refreshOrders + 1; i <= Math.min(n.orders, set * n.refreshOrders); i++) deleted.push(orderKey(i));
  const keys = deleted.join(', ');
  return {
    rf1: [...inserts('orders', orders), ...inserts('lineitem', lineitem)],
    rf2: deleted.length === 0 ? [] : [`DELETE FROM lineitem WHERE l_orderkey IN (${keys})`, `DELETE FROM orders WHERE o_orderkey IN (${keys})`],
  };
}
