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
  /** 統計 CSV behind one-time links (GET /stats/csv/:token); absent: no such route. */
  readonly statsCsv?: (token: string) => Promise<StatsCsvResponse>;
  /** Largest accepted request body (Teams activities are small; cards come from us, not from them). */
  readonly maxBodyBytes: number;
}

export type StatsCsvResponse = { readonly kind: 'file'; readonly body: Buffer; readonly asciiName: string; readonly name: string } | { readonly kind: 'gone'; readonly html: string };

/**
 * Content-Disposition for a download with a non-ASCII name (RFC 6266 with RFC 5987 encoding): an ASCII
 * `filename` for old clients and `filename*=UTF-8''…` (percent-encoded UTF-8) that browsers prefer.
 */
export function attachmentDisposition(asciiName: string, name: string): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
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
    const statsCsv = deps.statsCsv;
    if (statsCsv) {
      this.server.get('/stats/csv/:token', async (req, res) => {
        const out = await statsCsv(String(req.params.token ?? ''));
        const common = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' };
        if (out.kind === 'gone') {
          res.writeHead(410, { ...common, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'" });
          res.end(out.html);
          return;
        }
        res.writeHead(200, { ...common, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachmentDisposition(out.asciiName, out.name), 'content-length': String(out.body.length) });
        res.end(out.body);
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
