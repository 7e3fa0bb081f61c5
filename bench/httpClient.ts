import http from 'node:http';

/** The answer to one POST: HTTP status, parsed JSON body (if any) and the latency seen by the caller. */
export interface Posted {
  readonly status: number;
  readonly body: unknown;
  readonly ms: number;
}

/**
 * A small keep-alive JSON client (node:http), the same for the real bot and the bare bot, so that
 * client cost is equal on both sides of every ratio. Network errors resolve as status 0.
 */
export class JsonClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

  post(url: string, payload: object): Promise<Posted> {
    const body = Buffer.from(JSON.stringify(payload), 'utf8');
    const start = performance.now();
    return new Promise((resolve) => {
      const req = http.request(url, { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text ? (JSON.parse(text) as unknown) : undefined;
          } catch {
            parsed = text;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, ms: performance.now() - start });
        });
        res.on('error', () => resolve({ status: 0, body: undefined, ms: performance.now() - start }));
      });
      req.on('error', () => resolve({ status: 0, body: undefined, ms: performance.now() - start }));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
