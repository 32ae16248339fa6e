/**
 * Bid channels and URLs, after upstream's BidGenerator: half the bids come through one of
 * four named channels, the rest through `channel-<i>` for i < 10,000, whose URL carries a
 * `channel_id` nine times in ten. Upstream fills a cache lazily from the shared Random; here
 * the whole table is drawn once from the seed, so it is identical in every split.
 */
import { SplitMix } from '../internal/prng.ts';
import { nextUrlPart } from './strings.ts';

export const HOT_CHANNELS: readonly string[] = ['Google', 'Facebook', 'Baidu', 'Apple'];
export const CHANNELS_NUMBER = 10_000;
/** A bid uses a hot channel with probability 1 - 1/HOT_CHANNELS_RATIO. */
export const HOT_CHANNELS_RATIO = 2;

export interface ChannelTable {
  readonly hotUrls: readonly string[];
  readonly names: readonly string[];
  readonly urls: readonly string[];
}

function baseUrl(rng: SplitMix): string {
  return `https://www.nexmark.com/${nextUrlPart(rng)}/${nextUrlPart(rng)}/${nextUrlPart(rng)}/item.htm?query=1`;
}

/** Java's Integer.reverse on a non-negative int, then Math.abs. */
function reverseBits(n: number): number {
  let r = 0;
  for (let i = 0; i < 32; i++) {
    r = (r << 1) | ((n >>> i) & 1);
  }
  return Math.abs(r | 0);
}

export function buildChannelTable(seed: number): ChannelTable {
  const rng = new SplitMix();
  rng.reseed(seed ^ 0x0c4a77e1, 0);
  const hotUrls = HOT_CHANNELS.map(() => baseUrl(rng));
  const names: string[] = [];
  const urls: string[] = [];
  for (let i = 0; i < CHANNELS_NUMBER; i++) {
    let url = baseUrl(rng);
    if (rng.nextInt(10) > 0) url += `&channel_id=${reverseBits(i)}`;
    names.push(`channel-${i}`);
    urls.push(url);
  }
  return { hotUrls, names, urls };
}
