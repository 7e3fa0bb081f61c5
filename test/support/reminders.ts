import assert from 'node:assert/strict';
import type { Clock } from '../../src/app/ports';
import { Activities, sendToBot, user, WARD, type UserKey } from './activities';
import { actionData, cardText, eventually, type Harness } from './appHarness';
import type { RecordedActivity } from './fakeConnector';

/**
 * Helpers for the reminder tests (escalation, department cards, monitoring, channel references): a
 * settable clock, the Teams activities for installs in personal and team scope, and a case made through
 * the real handoff loop.
 */
export class TestClock implements Clock {
  constructor(private instant: number) {}
  now(): Date {
    return new Date(this.instant);
  }
  set(iso: string): void {
    this.instant = Date.parse(iso);
  }
  advance(ms: number): void {
    this.instant += ms;
  }
}

export const BOT = { id: '28:tsunagu', name: 'Tsunagu' };
export const ENV = { DIGEST_CHECK_SECONDS: '3600', RATE_LIMIT_BURST: '1000', RATE_LIMIT_PER_MINUTE: '1000' };
export const personalConversation = (key: UserKey) => `a:personal-${user(key).aadObjectId}`;
export const channelOf = (key: string): string => {
  const c = WARD.channels.find((x) => x.key === key);
  if (!c) throw new Error(`no channel ${key}`);
  return c.id;
};

let seq = 0;
export const personalActivity = (serviceUrl: string, from: UserKey) => ({
  id: `rm-${++seq}`,
  channelId: 'msteams',
  serviceUrl,
  timestamp: new Date().toISOString(),
  locale: 'ja-JP',
  from: user(from),
  recipient: BOT,
  conversation: { id: personalConversation(from), conversationType: 'personal', tenantId: WARD.tenantId },
  channelData: { tenant: { id: WARD.tenantId } },
});

export const installPersonal = (serviceUrl: string, from: UserKey, action: 'add' | 'remove' = 'add') => ({ ...personalActivity(serviceUrl, from), type: 'installationUpdate', action });

export const personalInvoke = (serviceUrl: string, from: UserKey, verb: string, data: Record<string, unknown>) => ({
  ...personalActivity(serviceUrl, from),
  type: 'invoke',
  name: 'adaptiveCard/action',
  replyToId: '1',
  value: { action: { type: 'Action.Execute', verb, data } },
});

/** What Teams sends in the team's General channel when the app is added to (or removed from) the team. */
function teamActivity(serviceUrl: string, from: UserKey) {
  return {
    id: `tm-${++seq}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: user(from),
    recipient: BOT,
    conversation: { id: WARD.team.id, conversationType: 'channel', isGroup: true, tenantId: WARD.tenantId },
    channelData: { team: { id: WARD.team.id, name: WARD.team.name }, tenant: { id: WARD.tenantId }, channel: { id: WARD.team.id } },
  };
}
export const botAddedToTeam = (serviceUrl: string, from: UserKey = 'admin') => {
  const a = teamActivity(serviceUrl, from);
  return { ...a, type: 'conversationUpdate', membersAdded: [{ id: BOT.id }], channelData: { ...a.channelData, eventType: 'teamMemberAdded' } };
};
export const teamInstallation = (serviceUrl: string, action: 'add' | 'remove', from: UserKey = 'admin') => ({ ...teamActivity(serviceUrl, from), type: 'installationUpdate', action });

export const cardOf = (a: RecordedActivity | { activity: Record<string, unknown> }): unknown => (a.activity.attachments as { content: unknown }[] | undefined)?.[0]?.content;

/** Every action with this verb in a card, in card order. */
export function allActionData(card: unknown, verb: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.verb === verb) out.push(o.data as Record<string, unknown>);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}
export const rowIds = (card: unknown) => allActionData(card, 'milestone.done').map((d) => String(d.milestoneId));

/** Channel posts (new cards) in an organisation's channel, optionally only those naming a case code. */
export const postsIn = (created: readonly RecordedActivity[], channel: string, code?: string) =>
  created.filter((a) => a.conversationId.startsWith(`${channelOf(channel)};`) && (code === undefined || cardText(cardOf(a)).includes(code)));

/** The latest content of a posted card (after every update). */
export const latest = (h: Harness, post: RecordedActivity) => h.connector.latestCard(post.conversationId, post.activityId);

export interface MadeCase {
  readonly code: string;
  readonly caseId: string;
  readonly post: RecordedActivity;
}

/** The desk submits a new handoff for a fictional child (架空); returns its code (the channel post may still be owed). */
export async function submitCase(h: Harness, child: { name: string; kana: string; birthDate: string }): Promise<{ code: string; caseId: string }> {
  const n = h.connector.sent.length;
  await sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, 'desk', 'desk', '新規引継ぎ'));
  await eventually(() => h.connector.sent.length > n, 5000, 'form');
  const form = h.connector.sent[h.connector.sent.length - 1]!;
  const formId = actionData(cardOf(form), 'handoff.create')!.formId;
  const res = await sendToBot(
    h.botUrl,
    Activities.cardAction(h.connector.url, 'desk', form.conversationId, form.activityId, 'handoff.create', { formId, childName: child.name, childNameKana: child.kana, birthDate: child.birthDate, careItems: 'SUCTION', familyNeeds: '（架空）相談', urgency: 'soon', consent: 'basic,medicalCare' }),
  );
  const code = /案件 (\d{4}-\d{4})/.exec(cardText(res.body.value))?.[1];
  assert.ok(code, `created: ${cardText(res.body.value)}`);
  return { code, caseId: `itabashi:${code}` };
}

/** A fictional child (架空) handed from the desk to the coordinators, and accepted by `acceptBy` unless null. */
export async function makeCase(h: Harness, child: { name: string; kana: string; birthDate: string }, acceptBy: UserKey | null = 'coordinator1'): Promise<MadeCase> {
  const created = h.connector.created.length;
  const { code } = await submitCase(h, child);
  await eventually(() => h.connector.created.length > created, 5000, 'channel post');
  const post = postsIn(h.connector.created, 'coordinators', code)[0]!;
  if (acceptBy) {
    const accepted = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, acceptBy, post.conversationId, post.activityId, 'handoff.accept', actionData(cardOf(post), 'handoff.accept')!));
    assert.match(cardText(accepted.body.value), /受付済/);
  }
  await h.app.outbox.idle();
  return { code, caseId: `itabashi:${code}`, post };
}

/** Sends a personal message and returns the card (or text) of the answer. */
export async function askPersonal(h: Harness, from: UserKey, text: string): Promise<unknown> {
  const n = h.connector.sent.length;
  await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, from, text));
  await eventually(() => h.connector.sent.length > n, 5000, `reply to ${text}`);
  const a = h.connector.sent[h.connector.sent.length - 1]!;
  return cardOf(a) ?? a.activity.text;
}

/** The daily run (escalation, department cards, digests), then everything the outbox owes. */
export async function dailyRun(h: Harness) {
  const report = await h.app.digests.runDue();
  await h.app.outbox.idle();
  return report;
}

export async function auditActions(h: Harness, caseId: string): Promise<{ action: string; actor: string }[]> {
  await h.app.outbox.idle();
  const { resources } = await h.app.store.container('audit').items.query<{ action: string; actor: string }>({ query: 'SELECT c.action, c.actor FROM c WHERE c.caseId = @c', parameters: [{ name: '@c', value: caseId }] }).fetchAll();
  return resources;
}
