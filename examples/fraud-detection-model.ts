/** The fraud-detection example's records and its deterministic transaction stream. */
export interface Transaction {
  accountId: number;
  timestamp: number;
  amount: number;
}

export interface Alert {
  accountId: number;
  amount: number;
}

/** The tutorial's transaction amounts, cycled through by every account in turn. */
const AMOUNTS = [188.23, 374.79, 112.15, 478.75, 208.85, 379.64, 351.44, 320.75, 259.42, 273.44, 267.25, 397.15, 0.219, 231.94, 384.73, 419.62, 412.91, 0.77, 22.1, 377.54, 375.44, 230.18, 0.8, 350.89, 127.55, 483.91, 228.22, 871.15, 64.19, 79.43, 56.12, 256.48, 148.16, 608.4, 395.39];

export function transaction(i: number): Transaction {
  return { accountId: (i % 5) + 1, timestamp: 1_700_000_000_000 + i * 6 * 60 * 1000, amount: AMOUNTS[i % AMOUNTS.length]! };
}
