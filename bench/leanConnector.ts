import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A handoff card the bot posted into a channel, with the data of its accept button. */
export interface PostedHandoff {
  readonly conversationId: string;
  readonly activityId: string;
  readonly accept: Record<string, unknown>;
}

/** The form card the bot sent in answer to 新規引継ぎ. */
export interface SentForm {
  readonly conversationId: string;
  readonly activityId: string;
  readonly formId: string;
}

/**
 * A lean stand-in for the Teams Bot Connector service for benchmarks: like test/support/fakeConnector.ts it
 * answers the REST calls botbuilder makes (create conversation, send/reply, update), but it keeps only the
 * few ids the bench needs, so that recorded cards do not inflate the memory figures of the process.
 */
export class LeanConnector {
  private server: http.Server | undefined;
  private nextId = 1000;
  private readonly posted: PostedHandoff[] = [];
  private readonly forms = new Map<string, SentForm>();
  private waiters: (() => void)[] = [];
  readonly calls = { create: 0, send: 0, update: 0 };
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The form sent into a conversation (the desk's 新規引継ぎ message), once it has arrived. */
  formIn(conversationId: string): SentForm | undefined {
    return this.forms.get(conversationId);
  }

  /** Takes up to n posted handoff cards, waiting until n are there or the timeout passes. */
  async takePosted(n: number, timeoutMs: number): Promise<PostedHandoff[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.posted.length < n && Date.now() < deadline) {
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50).unref();
      });
    }
    return this.posted.splice(0, n);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    const parts = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (req.method === 'POST' && parts.length === 2 && parts[1] === 'conversations') {
      this.calls.create++;
      const activity = (body.activity as Record<string, unknown> | undefined) ?? {};
      const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? 'unknown';
      const activityId = String(this.nextId++);
      const conversationId = `${channel};messageid=${activityId}`;
      const accept = actionData(activity, 'handoff.accept');
      if (accept) {
        this.posted.push({ conversationId, activityId, accept });
        this.waiters.splice(0).forEach((w) => w());
      }
      return reply(201, { id: conversationId, activityId });
    }
    if (parts[1] === 'conversations' && parts[3] === 'activities' && parts[2]) {
      const conversationId = parts[2];
      if (req.method === 'PUT' && parts[4]) {
        this.calls.update++;
        return reply(200, { id: parts[4] });
      }
      if (req.method === 'POST') {
        this.calls.send++;
        const activityId = String(this.nextId++);
        const form = actionData(body, 'handoff.create');
        if (form && typeof form.formId === 'string') this.forms.set(conversationId, { conversationId, activityId, formId: form.formId });
        return reply(200, { id: activityId });
      }
    }
    reply(404, { error: { code: 'NoRoute', message: `${req.method} ${parts.join('/')}` } });
  }
}

/** The data of the first card action with this verb anywhere in a value. */
function actionData(value: unknown, verb: string): Record<string, unknown> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = actionData(v, verb);
      if (found) return found;
    }
    return undefined;
  }
  const o = value as Record<string, unknown>;
  if (o.verb === verb && o.data && typeof o.data === 'object') return o.data as Record<string, unknown>;
  for (const v of Object.values(o)) {
    const found = actionData(v, verb);
    if (found) return found;
  }
  return undefined;
}
