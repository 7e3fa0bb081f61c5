import type { Middleware } from 'botbuilder';
import type { AppConfig } from '../../config/config';
import type { Logger } from '../observability/logger';
import { RateLimit } from './rateLimit';
import { TenantFilter, wardTenantId } from './tenantFilter';
import { TokenBuckets } from './tokenBucket';

export interface SecurityDeps {
  readonly config: AppConfig;
  /** `tenantId` of the ward directory file loaded at start-up. */
  readonly directoryTenantId: string;
  /** Milliseconds since the epoch (the app's clock). */
  readonly now: () => number;
  readonly log: Logger;
}

/**
 * The botbuilder middleware that runs before every turn, in order: the tenant filter (only the ward's
 * tenant), then the per-user rate limit. Register with `adapter.use(...securityMiddleware(deps))`.
 * Token validation is not here: CloudAdapter does it (botAuthentication.ts) before any middleware runs.
 */
export function securityMiddleware(deps: SecurityDeps): Middleware[] {
  const tenant = wardTenantId(deps.config, deps.directoryTenantId);
  const buckets = new TokenBuckets({ perMinute: deps.config.RATE_LIMIT_PER_MINUTE, burst: deps.config.RATE_LIMIT_BURST }, deps.now);
  const honour = (deps.config.HONOUR_TEAMS_LOCALE ?? (deps.config.TSUNAGU_MODE === 'azure' ? 'true' : 'false')) === 'true';
  return [new TenantFilter(tenant, deps.log.child('tenant'), honour), new RateLimit(buckets, deps.log.child('rateLimit'), honour)];
}
