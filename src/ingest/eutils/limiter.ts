import Bottleneck from 'bottleneck';

/** NCBI's limits on E-utilities requests a second from one client: 3, or 10 with an API key. */
export const NCBI_RATE = { withoutKey: 3, withKey: 10 } as const;

// NCBI counts arrivals; requests started exactly 1000/rate ms apart arrive closer together when
// one is held up on the way (a busy machine, a slow network), so starts are spaced a tenth more
// than the rate needs: any `rate + 1` starts span 1.1 s, which absorbs 100 ms of such delay.
const MARGIN = 0.1;

const limiters = new Map<number, Bottleneck>();

/**
 * The process's one limiter for a rate: every E-utilities request of the process, concurrent or
 * not, retries included, starts through it. Starts at least 1000/rate ms apart keep any sliding
 * second to at most `perSecond` requests.
 */
export function sharedLimiter(perSecond: number): Bottleneck {
  let limiter = limiters.get(perSecond);
  if (!limiter) {
    limiter = new Bottleneck({ maxConcurrent: null, minTime: Math.ceil((1000 / perSecond) * (1 + MARGIN)) });
    limiters.set(perSecond, limiter);
  }
  return limiter;
}
