import assert from 'node:assert/strict';
import { classify } from '../../../../src/adapters/teams/teamsMessenger';

describe('adapters/teams/teamsMessenger: what a failed channel post or update means', () => {
  const log = { warn: () => undefined };
  const error = (status: number, retryAfter?: string) => ({ statusCode: status, response: { status, headers: { get: (k: string) => (k === 'retry-after' ? retryAfter : undefined) } } });
  const cases: ReadonlyArray<[string, unknown, 'post' | 'update', string]> = [
    ['403 on a post (the app is not in the team)', error(403), 'post', 'unreachable:403'],
    ['403 on an update', error(403), 'update', 'unreachable:403'],
    ['404 on a post (the channel is gone)', error(404), 'post', 'unreachable:404'],
    ['404 on an update (the message was deleted)', error(404), 'update', 'notFound'],
    ['429 with Retry-After 5', error(429, '5'), 'post', 'retryLater:5000'],
    ['503', error(503), 'update', 'retryLater:2000'],
    ['a network error', new Error('ECONNREFUSED'), 'post', 'retryLater:2000'],
    ['400', error(400), 'post', 'rejected:400'],
    ['500 ConversationNotFound on a post (the Agents Playground, for a channel it does not have)', { ...error(500), response: { status: 500, bodyAsText: JSON.stringify({ error: { code: 'ConversationNotFound' } }), headers: { get: () => undefined } } }, 'post', 'unreachable:500'],
    ['500 ConversationNotFound on an update', { ...error(500), response: { status: 500, bodyAsText: JSON.stringify({ error: { code: 'ConversationNotFound' } }), headers: { get: () => undefined } } }, 'update', 'retryLater:2000'],
  ];
  for (const [label, err, operation, expected] of cases) {
    it(`when Teams answers ${label}, then ${expected}`, () => {
      const r = classify(err, log, operation);
      const got = r.kind === 'retryLater' ? `retryLater:${r.afterMs}` : r.kind === 'unreachable' || r.kind === 'rejected' ? `${r.kind}:${r.status}` : r.kind;
      assert.equal(got, expected);
    });
  }
});
