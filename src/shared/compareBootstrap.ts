// The bootstrap the Compare view asks for, shared with the worker so it can start the same one
// (same seed and resamples: the same replicates) in the background before the view is opened.

/** Resamples behind the final intervals. */
export const RESAMPLES = 200;
/** First intervals from this many resamples (a second or less at 1M rows), then the final ones. */
export const EARLY = 50;
export const SEED = 20261126;
