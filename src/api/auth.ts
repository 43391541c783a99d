import { createHash } from 'node:crypto';
import type { Role } from '../config';
import { ErrorCode, EvmapError } from '../errors';

/** Who is asking: the role their API key grants, or null for an anonymous request. */
export interface Viewer {
  role: Role | null;
  /** A short, stable, non-secret name for the key ("key:1a2b3c4d"), recorded as a claim's curator. */
  keyId: string | null;
}

/** Which roles include which: an admin may do anything, the others only their own work plus reading. */
const GRANTS: Record<Role, readonly Role[]> = {
  reader: ['reader'],
  curator: ['reader', 'curator'],
  analyst: ['reader', 'analyst'],
  admin: ['reader', 'curator', 'analyst', 'admin'],
};

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function unauthenticated(message: string): EvmapError {
  return new EvmapError(ErrorCode.Unauthenticated, message);
}

/**
 * Turns configured keys into a verifier. Keys are kept only as SHA-256 digests, so the lookup
 * compares digests, not the secret itself.
 */
export function keyVerifier(keys: Map<string, Role>, readsRequireKey: boolean): (authorization: string | undefined) => Viewer {
  const byDigest = new Map([...keys].map(([key, role]) => [digest(key), role]));
  return (authorization) => {
    if (authorization === undefined || authorization.trim() === '') {
      if (readsRequireKey) throw unauthenticated('This server needs an API key: send "Authorization: Bearer <key>".');
      return { role: null, keyId: null };
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <key>".');
    const hash = digest(match[1] as string);
    const role = byDigest.get(hash);
    if (!role) throw unauthenticated('The API key is not valid.');
    return { role, keyId: `key:${hash.slice(0, 8)}` };
  };
}

/** Throws UNAUTHENTICATED for an anonymous viewer and FORBIDDEN for a key whose role does not include `role`. */
export function requireRole(viewer: Viewer, role: Role): void {
  if (viewer.role === null) throw unauthenticated(`This needs an API key with the ${role} role.`);
  if (!GRANTS[viewer.role].includes(role)) {
    throw new EvmapError(ErrorCode.Forbidden, `This needs the ${role} role; your key has the ${viewer.role} role.`);
  }
}
