/**
 * The Nexmark event generator: event number N is a pure function of (seed, N).
 *
 * Follows the Java generator of nexmark/nexmark and Apache Beam (GeneratorConfig,
 * NexmarkGenerator, PersonGenerator, AuctionGenerator, BidGenerator, PriceGenerator): the
 * kind of event N is `N mod totalProportion`, ids grow with N so that foreign keys usually
 * point to people and auctions already generated, hot sellers/bidders/auctions are the first
 * of their batch of 100. Upstream draws from one Random per generator, so its values depend
 * on the generator's history; here the generator is reseeded from (seed, N) for every event,
 * which makes any split, at any position, produce the same events.
 *
 * Speed: one reseed and a handful of 32-bit draws per bid, no per-event string building
 * (strings are slices of pre-drawn pools), object literals of one shape per kind.
 *
 * @example
 * const gen = new NexmarkGenerator(new NexmarkConfig({ seed: 42 }));
 * const e = gen.event(7); // e.type === 2 (a bid), e.bid.auction >= 1000
 */
import { SplitMix } from '../internal/prng.ts';
import { buildChannelTable, CHANNELS_NUMBER, HOT_CHANNELS, HOT_CHANNELS_RATIO } from './channels.ts';
import type { ChannelTable } from './channels.ts';
import {
  AUCTION_ID_LEAD,
  FIRST_AUCTION_ID,
  FIRST_CATEGORY_ID,
  FIRST_PERSON_ID,
  HOT_AUCTION_BATCH,
  HOT_BIDDER_BATCH,
  HOT_SELLER_BATCH,
  NexmarkConfig,
  NUM_CATEGORIES,
  PERSON_ID_LEAD,
} from './config.ts';
import type { Auction, Bid, NexmarkEvent, Person } from './model.ts';
import { nextExtra, nextString } from './strings.ts';

const US_STATES = ['AZ', 'CA', 'ID', 'OR', 'WA', 'WY'];
const US_CITIES = [
  'Phoenix', 'Los Angeles', 'San Francisco', 'Boise', 'Portland',
  'Bend', 'Redmond', 'Seattle', 'Kent', 'Cheyenne',
];
const FIRST_NAMES = ['Peter', 'Paul', 'Luke', 'John', 'Saul', 'Vicky', 'Kate', 'Julie', 'Sarah', 'Deiter', 'Walter'];
const LAST_NAMES = ['Shultz', 'Abrams', 'Spencer', 'White', 'Bartels', 'Walton', 'Smith', 'Jones', 'Noris'];
/** All first × last combinations, so a name costs no concatenation. */
const FULL_NAMES = FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => `${first} ${last}`));

export class NexmarkGenerator {
  readonly config: NexmarkConfig;
  private readonly rng = new SplitMix();
  private readonly channels: ChannelTable;
  private readonly seed: number;

  constructor(config: NexmarkConfig) {
    this.config = config;
    this.seed = config.seed;
    this.channels = buildChannelTable(config.seed);
  }

  /** Event number `n` (0-based). */
  event(n: number): NexmarkEvent {
    const config = this.config;
    const timestamp = config.timestampForEvent(n);
    this.rng.reseed(this.seed, n);
    const rem = n % config.totalProportion;
    if (rem < config.personProportion) {
      return { type: 0, person: this.person(n, timestamp), auction: null, bid: null, dateTime: timestamp };
    }
    if (rem < config.personProportion + config.auctionProportion) {
      return { type: 1, person: null, auction: this.auction(n, timestamp), bid: null, dateTime: timestamp };
    }
    return { type: 2, person: null, auction: null, bid: this.bid(n, timestamp), dateTime: timestamp };
  }

  private person(n: number, timestamp: number): Person {
    const rng = this.rng;
    const id = this.config.lastBase0PersonId(n) + FIRST_PERSON_ID;
    const name = FULL_NAMES[rng.nextInt(FULL_NAMES.length)] ?? '';
    const emailAddress = `${nextString(rng, 7)}@${nextString(rng, 5)}.com`;
    const creditCard = `${card(rng)} ${card(rng)} ${card(rng)} ${card(rng)}`;
    const city = US_CITIES[rng.nextInt(US_CITIES.length)] ?? '';
    const state = US_STATES[rng.nextInt(US_STATES.length)] ?? '';
    const currentSize =
      8 + name.length + emailAddress.length + creditCard.length + city.length + state.length;
    const extra = nextExtra(rng, currentSize, this.config.avgPersonByteSize);
    return { id, name, emailAddress, creditCard, city, state, dateTime: timestamp, extra };
  }

  private auction(n: number, timestamp: number): Auction {
    const rng = this.rng;
    const config = this.config;
    const id = config.lastBase0AuctionId(n) + FIRST_AUCTION_ID;
    let seller: number;
    if (rng.nextInt(config.hotSellersRatio) > 0) {
      seller = Math.floor(config.lastBase0PersonId(n) / HOT_SELLER_BATCH) * HOT_SELLER_BATCH;
    } else {
      seller = this.nextBase0PersonId(n);
    }
    seller += FIRST_PERSON_ID;
    const category = FIRST_CATEGORY_ID + rng.nextInt(NUM_CATEGORIES);
    const initialBid = nextPrice(rng);
    // Auction length averages the time until numInFlightAuctions more auctions exist.
    const horizonMs = config.timestampForEvent(n + config.numEventsForAuctions) - timestamp;
    const expires = timestamp + 1 + rng.nextLong(Math.max(horizonMs * 2, 1));
    const itemName = nextString(rng, 20);
    const description = nextString(rng, 100);
    const reserve = initialBid + nextPrice(rng);
    const currentSize = 8 + itemName.length + description.length + 8 + 8 + 8 + 8 + 8;
    const extra = nextExtra(rng, currentSize, config.avgAuctionByteSize);
    return {
      id, itemName, description, initialBid, reserve,
      dateTime: timestamp, expires, seller, category, extra,
    };
  }

  private bid(n: number, timestamp: number): Bid {
    const rng = this.rng;
    const config = this.config;
    let auction: number;
    if (rng.nextInt(config.hotAuctionRatio) > 0) {
      auction = Math.floor(config.lastBase0AuctionId(n) / HOT_AUCTION_BATCH) * HOT_AUCTION_BATCH;
    } else {
      auction = this.nextBase0AuctionId(n);
    }
    auction += FIRST_AUCTION_ID;
    let bidder: number;
    if (rng.nextInt(config.hotBiddersRatio) > 0) {
      // The second person of the batch, so that hot bidders and hot sellers differ.
      bidder = Math.floor(config.lastBase0PersonId(n) / HOT_BIDDER_BATCH) * HOT_BIDDER_BATCH + 1;
    } else {
      bidder = this.nextBase0PersonId(n);
    }
    bidder += FIRST_PERSON_ID;
    const price = nextPrice(rng);
    let channel: string;
    let url: string;
    if (rng.nextInt(HOT_CHANNELS_RATIO) > 0) {
      const i = rng.nextInt(HOT_CHANNELS.length);
      channel = HOT_CHANNELS[i] ?? '';
      url = this.channels.hotUrls[i] ?? '';
    } else {
      const i = rng.nextInt(CHANNELS_NUMBER);
      channel = this.channels.names[i] ?? '';
      url = this.channels.urls[i] ?? '';
    }
    const extra = nextExtra(rng, 32, config.avgBidByteSize);
    return { auction, bidder, price, channel, url, dateTime: timestamp, extra };
  }

  /** A random active person (base 0), possibly a few ids ahead of the last one created. */
  private nextBase0PersonId(n: number): number {
    const numPeople = this.config.lastBase0PersonId(n) + 1;
    const activePeople = Math.min(numPeople, this.config.numActivePeople);
    return numPeople - activePeople + this.rng.nextLong(activePeople + PERSON_ID_LEAD);
  }

  /** A random auction (base 0) likely still in flight, possibly a few ids ahead. */
  private nextBase0AuctionId(n: number): number {
    const maxAuction = this.config.lastBase0AuctionId(n);
    const minAuction = Math.max(maxAuction - this.config.numInFlightAuctions, 0);
    return minAuction + this.rng.nextLong(maxAuction - minAuction + 1 + AUCTION_ID_LEAD);
  }
}

/** Price in cents, log-uniform over [1, 10^6) dollars (upstream PriceGenerator). */
function nextPrice(rng: SplitMix): number {
  return Math.round(Math.pow(10, rng.nextFloat() * 6) * 100);
}

/** Four zero-padded digits. */
function card(rng: SplitMix): string {
  return String(10000 + rng.nextInt(10000)).slice(1);
}
