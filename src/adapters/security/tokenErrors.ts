import {
  AuthenticationError,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import type { Logger } from '../observability/logger';

/** jsonwebtoken's errors for a token that is wrong (bad signature, malformed, expired, not yet valid). */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);
const UNAUTHORIZED = 401;

/**
 * Wraps the Bot Framework authentication so that a bad token is always a 401 and no error text reaches
 * the caller. Without it (botframework-connector 4.23.3), CloudAdapter answers 500 with the library's
 * message when jsonwebtoken rejects the signature of a token that names a real signing key id, and 500
 * with node-fetch's message ("request to https://login.botframework.com/... failed, reason: ...") when the
 * OpenID metadata cannot be fetched. A 500 stays a 500 here (the Bot Service retries it), but its text is
 * generic; the reason is logged by name only.
 *
 * Wired in main.ts: `new CloudAdapter(strictTokenErrors(auth, log))`.
 */
export function strictTokenErrors(inner: BotFrameworkAuthentication, log: Logger): BotFrameworkAuthentication {
  return new StrictTokenErrors(inner, log);
}

class StrictTokenErrors extends BotFrameworkAuthentication {
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly log: Logger,
  ) {
    super();
  }

  override authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.guard(() => this.inner.authenticateRequest(activity, authHeader));
  }

  override authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.guard(() => this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.guard(() => this.inner.authenticateChannelRequest(authHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  private async guard<T>(authenticate: () => Promise<T>): Promise<T> {
    try {
      return await authenticate();
    } catch (err) {
      const name = err instanceof Error ? err.name : 'unknown';
      if (err instanceof AuthenticationError || TOKEN_ERRORS.has(name)) {
        this.log.warn('token rejected', { reason: name });
        throw new AuthenticationError('Unauthorized', UNAUTHORIZED);
      }
      this.log.error('token validation unavailable', { error: name, code: (err as { code?: unknown }).code === undefined ? undefined : String((err as { code?: unknown }).code).slice(0, 40) });
      throw new Error('Bot Framework token validation is unavailable', { cause: err });
    }
  }
}
