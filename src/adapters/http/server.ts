import restify from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from '../observability/logger';

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly version: string;
  readonly mode: 'embedded' | 'azure';
  readonly store: { readonly ok: boolean; readonly detail?: string };
  readonly inFlightTurns: number;
}

export interface HttpServerDeps {
  readonly adapter: CloudAdapter;
  readonly onTurn: (ctx: TurnContext) => Promise<void>;
  readonly health: () => Promise<Omit<HealthReport, 'inFlightTurns' | 'status'>>;
  readonly log: Logger;
  /** Printable pages behind one-time links (GET /print/:token); absent: no such route. */
  readonly print?: (token: string) => Promise<{ status: number; html: string }>;
  /** Largest accepted request body (Teams activities are small; cards come from us, not from them). */
  readonly maxBodyBytes: number;
}

/** restify with two routes: the Bot Framework endpoint and a health check. Tracks in-flight turns for graceful shutdown. */
export class HttpServer {
  private readonly server: restify.Server;
  private inFlight = 0;
  private stopping = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(deps: HttpServerDeps) {
    this.server = restify.createServer({ name: 'tsunagu', handleUncaughtExceptions: false });
    // JSON only: the Bot Framework sends JSON. No multipart parser (it would write uploads to disk before any
    // authentication), and anything that is not JSON is refused with 415.
    this.server.pre((req, res, next) => {
      if (req.method === 'POST' && !(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        res.send(415, { error: 'Content-Type must be application/json' });
        return next(false);
      }
      return next();
    });
    // jsonBodyParser hands its options to restify's bodyReader, which enforces maxBodySize (413); the type omits it.
    const jsonOptions = { maxBodySize: deps.maxBodyBytes, mapParams: false } as restify.plugins.JsonBodyParserOptions;
    this.server.use(restify.plugins.jsonBodyParser(jsonOptions));
    this.server.post('/api/messages', (req, res, next) => {
      this.inFlight++;
      deps.adapter
        .process(req, res, (ctx) => deps.onTurn(ctx))
        .catch((err: unknown) => {
          deps.log.error('bot endpoint failed', { error: err instanceof Error ? err.name : 'unknown' });
          if (!res.headersSent) res.send(500);
        })
        .finally(() => {
          this.inFlight--;
          if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((w) => w());
          next();
        });
    });
    // Readiness: whether to send traffic here (false while shutting down or when the store is unreachable).
    this.server.get('/readyz', async (_req, res) => {
      if (this.stopping) {
        res.json(503, { status: 'stopping' });
        return;
      }
      const h = await deps.health();
      res.json(h.store.ok ? 200 : 503, { status: h.store.ok ? 'ready' : 'notReady', store: h.store });
    });
    const print = deps.print;
    if (print) {
      this.server.get('/print/:token', async (req, res) => {
        const page = await print(String(req.params.token ?? ''));
        res.writeHead(page.status, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        });
        res.end(page.html);
      });
    }
    this.server.get('/healthz', async (_req, res) => {
      const h = await deps.health();
      const report: HealthReport = { status: h.store.ok ? 'ok' : 'degraded', ...h, inFlightTurns: this.inFlight };
      res.json(h.store.ok ? 200 : 503, report);
    });
  }

  listen(port: number, host: string): Promise<{ port: number; url: string }> {
    return new Promise((resolve) => {
      this.server.listen(port, host, () => {
        const address = this.server.address();
        resolve({ port: address.port, url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}` });
      });
    });
  }

  /** Stops accepting connections and resolves when in-flight turns have finished (or the timeout passes). */
  async close(timeoutMs: number): Promise<void> {
    this.stopping = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.inFlight > 0) {
      await Promise.race([new Promise<void>((r) => this.idleWaiters.push(r)), new Promise<void>((r) => setTimeout(r, timeoutMs).unref())]);
    }
    await Promise.race([closed, new Promise<void>((r) => setTimeout(r, 1000).unref())]);
  }
}
