export { NexmarkSource } from './nexmark-source.ts';
export { NexmarkGenerator } from './generator.ts';
export { NexmarkConfig, FIRST_AUCTION_ID, FIRST_PERSON_ID, FIRST_CATEGORY_ID } from './config.ts';
export type { NexmarkOptions } from './config.ts';
export { PERSON, AUCTION, BID } from './model.ts';
export type { Auction, Bid, NexmarkEvent, NexmarkEventType, Person } from './model.ts';
