import Bottleneck from 'bottleneck';

/** NCBI's limits on E-utilities requests a second from one client: 3, or 10 with an API key. */
export const NCBI_RATE = { withoutKey: 3, withKey: 10 } as const;

// NCBI counts arrivals; requests started exactly 1000/rate ms apart can arrive closer together
// after a little network jitter, so each start waits a few milliseconds more than the rate needs.
const MARGIN_MS = 15;

const limiters = new Map<number, Bottleneck>();

/**
 * The process's one limiter for a rate: every E-utilities request of the process, concurrent or
 * not, retries included, starts through it. Starts at least 1000/rate ms apart keep any sliding
 * second to at most `perSecond` requests.
 */
export function sharedLimiter(perSecond: number): Bottleneck {
  let limiter = limiters.get(perSecond);
  if (!limiter) {
    limiter = new Bottleneck({ maxConcurrent: null, minTime: Math.ceil(1000 / perSecond) + MARGIN_MS });
    limiters.set(perSecond, limiter);
  }
  return limiter;
}
