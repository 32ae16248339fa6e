/**
 * Nexmark records, with the camelCase fields of the upstream DDL
 * (nexmark-flink ddl_gen.sql). Timestamps are epoch milliseconds.
 */

export interface Person {
  id: number;
  name: string;
  emailAddress: string;
  creditCard: string;
  city: string;
  state: string;
  dateTime: number;
  extra: string;
}

export interface Auction {
  id: number;
  itemName: string;
  description: string;
  initialBid: number;
  reserve: number;
  dateTime: number;
  expires: number;
  seller: number;
  category: number;
  extra: string;
}

export interface Bid {
  auction: number;
  bidder: number;
  price: number;
  channel: string;
  url: string;
  dateTime: number;
  extra: string;
}

/** 0 = person, 1 = auction, 2 = bid (the DDL's `event_type`). */
export type NexmarkEventType = 0 | 1 | 2;

export const PERSON = 0;
export const AUCTION = 1;
export const BID = 2;

/** One event of the Nexmark stream: exactly one of person/auction/bid is set. */
export interface NexmarkEvent {
  type: NexmarkEventType;
  person: Person | null;
  auction: Auction | null;
  bid: Bid | null;
  dateTime: number;
}
