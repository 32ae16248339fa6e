/**
 * Nexmark generator options and the constants derived from them, after the Java
 * `NexmarkConfiguration` + `GeneratorConfig` (defaults are upstream's).
 */

export interface NexmarkOptions {
  /** Events to generate; 0 or less means unbounded. Default 0. */
  eventsNum?: number;
  /** Target emission rate over all readers in events/s; 0 = as fast as possible. Default 0. */
  rate?: number;
  /**
   * Event-time rate: event N happens at `baseTime + N × 1e6/eventTimeRate` µs. Defaults to
   * `rate` when that is > 0, else 10,000 (upstream's `first-event.rate` default).
   */
  eventTimeRate?: number;
  /** Seed of the deterministic stream. Default 0. */
  seed?: number;
  personProportion?: number;
  auctionProportion?: number;
  bidProportion?: number;
  /** Event time of event 0, epoch ms. Default 2024-01-01T00:00:00Z (fixed, for reproducibility). */
  baseTime?: number;
  /** Number of splits; default: one per parallel reader. */
  splits?: number;
  numActivePeople?: number;
  numInFlightAuctions?: number;
  /** Bids go to a hot auction with probability 1 - 1/hotAuctionRatio. */
  hotAuctionRatio?: number;
  /** Auctions have a hot seller with probability 1 - 1/hotSellersRatio. */
  hotSellersRatio?: number;
  /** Bids come from a hot bidder with probability 1 - 1/hotBiddersRatio. */
  hotBiddersRatio?: number;
  avgPersonByteSize?: number;
  avgAuctionByteSize?: number;
  avgBidByteSize?: number;
}

export const FIRST_PERSON_ID = 1000;
export const FIRST_AUCTION_ID = 1000;
export const FIRST_CATEGORY_ID = 10;
export const NUM_CATEGORIES = 5;
/** Yet-to-be-created people and auctions that bids and auctions may already refer to. */
export const PERSON_ID_LEAD = 10;
export const AUCTION_ID_LEAD = 10;
/** Hot entities are the first of each batch of this many. */
export const HOT_AUCTION_BATCH = 100;
export const HOT_BIDDER_BATCH = 100;
export const HOT_SELLER_BATCH = 100;
export const DEFAULT_BASE_TIME = Date.UTC(2024, 0, 1);

/**
 * Fully resolved, immutable generator configuration.
 *
 * @example
 * const config = new NexmarkConfig({ seed: 1, eventTimeRate: 1000 });
 * config.timestampForEvent(1500); // baseTime + 1500 ms
 */
export class NexmarkConfig {
  readonly eventsNum: number;
  readonly rate: number;
  readonly interEventDelayUs: number;
  readonly seed: number;
  readonly personProportion: number;
  readonly auctionProportion: number;
  readonly bidProportion: number;
  readonly totalProportion: number;
  readonly baseTime: number;
  readonly splits: number | null;
  readonly numActivePeople: number;
  readonly numInFlightAuctions: number;
  readonly hotAuctionRatio: number;
  readonly hotSellersRatio: number;
  readonly hotBiddersRatio: number;
  readonly avgPersonByteSize: number;
  readonly avgAuctionByteSize: number;
  readonly avgBidByteSize: number;
  /** Events between an auction and the one numInFlightAuctions later (auction lengths). */
  readonly numEventsForAuctions: number;

  constructor(options: NexmarkOptions = {}) {
    this.eventsNum = Math.max(0, Math.floor(options.eventsNum ?? 0));
    this.rate = nonNegative('rate', options.rate ?? 0);
    const eventTimeRate = options.eventTimeRate ?? (this.rate > 0 ? this.rate : 10_000);
    if (!(eventTimeRate > 0)) throw new Error(`nexmark: eventTimeRate must be > 0, got ${eventTimeRate}`);
    this.interEventDelayUs = 1e6 / eventTimeRate;
    this.seed = (options.seed ?? 0) | 0;
    this.personProportion = count('personProportion', options.personProportion ?? 1, 0);
    this.auctionProportion = count('auctionProportion', options.auctionProportion ?? 3, 0);
    this.bidProportion = count('bidProportion', options.bidProportion ?? 46, 0);
    this.totalProportion = this.personProportion + this.auctionProportion + this.bidProportion;
    if (this.personProportion < 1 || this.auctionProportion < 1) {
      // Auctions need sellers and bids need auctions: upstream assumes both exist.
      throw new Error('nexmark: personProportion and auctionProportion must be at least 1');
    }
    this.baseTime = options.baseTime ?? DEFAULT_BASE_TIME;
    this.splits = options.splits === undefined ? null : count('splits', options.splits, 1);
    this.numActivePeople = count('numActivePeople', options.numActivePeople ?? 1000, 1);
    this.numInFlightAuctions = count('numInFlightAuctions', options.numInFlightAuctions ?? 100, 1);
    this.hotAuctionRatio = count('hotAuctionRatio', options.hotAuctionRatio ?? 2, 1);
    this.hotSellersRatio = count('hotSellersRatio', options.hotSellersRatio ?? 4, 1);
    this.hotBiddersRatio = count('hotBiddersRatio', options.hotBiddersRatio ?? 4, 1);
    this.avgPersonByteSize = count('avgPersonByteSize', options.avgPersonByteSize ?? 200, 0);
    this.avgAuctionByteSize = count('avgAuctionByteSize', options.avgAuctionByteSize ?? 500, 0);
    this.avgBidByteSize = count('avgBidByteSize', options.avgBidByteSize ?? 100, 0);
    this.numEventsForAuctions = Math.floor(
      (this.numInFlightAuctions * this.totalProportion) / this.auctionProportion,
    );
  }

  /** Event time of event number `n` (GeneratorConfig.timestampForEvent). */
  timestampForEvent(n: number): number {
    return this.baseTime + Math.floor(Math.floor(n * this.interEventDelayUs) / 1000);
  }

  /** Last person id (base 0) generated at or before event `n`. */
  lastBase0PersonId(n: number): number {
    const epoch = Math.floor(n / this.totalProportion);
    let offset = n - epoch * this.totalProportion;
    if (offset >= this.personProportion) offset = this.personProportion - 1;
    return epoch * this.personProportion + offset;
  }

  /** Last auction id (base 0) generated at or before event `n`; -1 before the first one. */
  lastBase0AuctionId(n: number): number {
    let epoch = Math.floor(n / this.totalProportion);
    let offset = n - epoch * this.totalProportion;
    if (offset < this.personProportion) {
      epoch--;
      offset = this.auctionProportion - 1;
    } else if (offset >= this.personProportion + this.auctionProportion) {
      offset = this.auctionProportion - 1;
    } else {
      offset -= this.personProportion;
    }
    return epoch * this.auctionProportion + offset;
  }
}

function count(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`nexmark: ${name} must be an integer >= ${min}, got ${value}`);
  }
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!(value >= 0)) throw new Error(`nexmark: ${name} must be >= 0, got ${value}`);
  return value;
}
