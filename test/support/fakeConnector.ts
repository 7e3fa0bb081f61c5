import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A recording stand-in for the Teams Bot Connector service (the process edge the bot talks to): it
 * accepts the REST calls botbuilder's ConnectorClient makes, records what the bot sent, and can be told
 * to fail (429, 5xx, 404) to show that nothing is lost.
 */
export interface RecordedActivity {
  readonly conversationId: string;
  readonly activityId: string;
  readonly activity: Record<string, unknown>;
}

type Operation = 'create' | 'send' | 'update';
interface Failure {
  operation: Operation;
  status: number;
  remaining: number;
  headers: Record<string, string>;
  /** The Bot Connector error code in the body (e.g. BotNotInConversationRoster); a generic one when absent. */
  code?: string;
}

export class FakeConnector {
  readonly created: RecordedActivity[] = [];
  readonly sent: RecordedActivity[] = [];
  readonly updates: RecordedActivity[] = [];
  /** Every call received per operation, failed ones included (to see that nothing is retried forever). */
  readonly calls: Record<Operation, number> = { create: 0, send: 0, update: 0 };
  private readonly failures: Failure[] = [];
  private readonly existing = new Set<string>();
  private nextMessageId = 1000;
  private server: http.Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The next `times` calls of an operation answer `status` (with optional headers such as Retry-After). */
  failNext(operation: Operation, status: number, times = 1, headers: Record<string, string> = {}, code?: string): void {
    this.failures.push({ operation, status, remaining: times, headers, ...(code ? { code } : {}) });
  }

  /** Stops every failure still to come (Teams is well again). */
  clearFailures(): void {
    this.failures.length = 0;
  }

  /** Forget a message, as if someone deleted it in Teams: updating it now answers 404. */
  deleteMessage(conversationId: string, activityId: string): void {
    this.existing.delete(`${conversationId}|${activityId}`);
  }

  /** The latest card content shown in a message (after all updates). */
  latestCard(conversationId: string, activityId: string): Record<string, unknown> | undefined {
    const all = [...this.created, ...this.sent, ...this.updates].filter((a) => a.conversationId === conversationId && a.activityId === activityId);
    const last = all[all.length - 1];
    const attachments = last?.activity.attachments as { content?: Record<string, unknown> }[] | undefined;
    return attachments?.[0]?.content;
  }

  private failure(op: Operation): Failure | undefined {
    this.calls[op]++;
    const f = this.failures.find((x) => x.operation === op && x.remaining > 0);
    if (f) f.remaining--;
    return f;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent); // v3, conversations, id?, activities, activityId?
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    if (req.method === 'POST' && parts.length === 2 && parts[1] === 'conversations') {
      const f = this.failure('create');
      if (f) return reply(f.status, { error: { code: f.code ?? 'Throttled', message: 'fake failure' } }, f.headers);
      const channelData = body.channelData as { channel?: { id?: string } } | undefined;
      const channel = channelData?.channel?.id ?? 'unknown';
      const activityId = String(this.nextMessageId++);
      const conversationId = `${channel};messageid=${activityId}`;
      this.existing.add(`${conversationId}|${activityId}`);
      this.created.push({ conversationId, activityId, activity: (body.activity as Record<string, unknown>) ?? {} });
      return reply(201, { id: conversationId, activityId });
    }
    if (parts[1] === 'conversations' && parts[3] === 'activities' && parts[2]) {
      const conversationId = parts[2];
      if (req.method === 'PUT' && parts[4]) {
        const f = this.failure('update');
        if (f) return reply(f.status, { error: { code: 'Failure', message: 'fake failure' } }, f.headers);
        if (!this.existing.has(`${conversationId}|${parts[4]}`)) return reply(404, { error: { code: 'NotFound', message: 'message not found' } });
        this.updates.push({ conversationId, activityId: parts[4], activity: body });
        return reply(200, { id: parts[4] });
      }
      if (req.method === 'POST') {
        const f = this.failure('send');
        if (f) return reply(f.status, { error: { code: f.code ?? 'Failure', message: 'fake failure' } }, f.headers);
        const activityId = String(this.nextMessageId++);
        this.existing.add(`${conversationId}|${activityId}`);
        this.sent.push({ conversationId, activityId, activity: body });
        return reply(200, { id: activityId });
      }
    }
    reply(404, { error: { code: 'NoRoute', message: `${req.method} ${url.pathname}` } });
  }
}
