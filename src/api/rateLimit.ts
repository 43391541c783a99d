import { isIP } from 'node:net';
import type express from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { ErrorCode, EvmapError } from '../errors';
import type { Logger } from '../log';
import { rateLimited } from '../observe/metrics';
import type { Viewer } from './auth';
import { httpError } from './errors';

const WINDOW_SECONDS = 60;

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

/**
 * Requests a minute per API key and per client address, counted in this process's memory
 * (rate-limiter-flexible): behind a load balancer each replica counts its own share, see
 * docs/deployment.md. A request with a valid key counts against its key, so a lab behind one
 * address is not throttled as one client; anything else, a wrong key included, counts against
 * its address. A refusal answers 429 with Retry-After through the edge's httpError, as the export routes do.
 */
export function rateLimits(settings: Config['rateLimit'], verify: (authorization: string | undefined) => Viewer, log: Logger): express.RequestHandler {
  const byAddress = settings.perAddress > 0 ? new RateLimiterMemory({ points: settings.perAddress, duration: WINDOW_SECONDS }) : undefined;
  const byKey = settings.perKey > 0 ? new RateLimiterMemory({ points: settings.perKey, duration: WINDOW_SECONDS }) : undefined;

  const keyOf = (authorization: string | undefined): string | undefined => {
    if (!authorization) return undefined;
    try {
      return verify(authorization).keyId ?? undefined;
    } catch {
      return undefined;
    }
  };

  return (req, res, next) => {
    const key = keyOf(req.get('authorization'));
    const [limiter, scope, id, points] = key ? [byKey, 'key', key, settings.perKey] : [byAddress, 'address', req.ip ?? 'unknown', settings.perAddress];
    if (!limiter || (scope === 'address' && !settings.countLoopback && isLoopback(req.ip))) return next();
    const state = (remaining: number, resetSeconds: number) => {
      res.setHeader('RateLimit-Limit', String(points));
      res.setHeader('RateLimit-Remaining', String(remaining));
      res.setHeader('RateLimit-Reset', String(resetSeconds));
    };
    limiter.consume(id).then(
      (left) => {
        state(left.remainingPoints, Math.ceil(left.msBeforeNext / 1000));
        next();
      },
      (rejection: unknown) => {
        if (!(rejection instanceof RateLimiterRes)) return next(rejection);
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        rateLimited.inc({ scope });
        state(0, retryAfter);
        res.setHeader('Retry-After', String(retryAfter));
        const who = scope === 'key' ? 'this API key' : 'this client address';
        const refusal = new EvmapError(ErrorCode.RateLimited, `Too many requests: ${who} may make ${points} a minute; try again in ${retryAfter} s.`, {
          limit: points,
          scope,
          retryAfterSeconds: retryAfter,
        });
        const { status, body } = httpError(refusal, log);
        res.status(status).json(body);
      },
    );
  };
}
