/**
 * Why a function is still missing, where the reason is more than "not written yet" (which the
 * report shows as Weir's error for the call).
 */
export const MISSING_REASONS: Readonly<Record<string, string>> = {};
