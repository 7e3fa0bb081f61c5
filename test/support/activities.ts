import { readFileSync } from 'node:fs';
import type { WardDirectoryFile } from '../../src/adapters/directory/jsonWardDirectory';

/** The fictional ward directory the embedded mode ships with. */
export const WARD = JSON.parse(readFileSync('config/ward.embedded.json', 'utf8')) as WardDirectoryFile;

export type UserKey = 'desk' | 'coordinator1' | 'coordinator2' | 'caseWorker' | 'nurseryLiaison' | 'schoolLiaison' | 'secretary' | 'admin';
const USER_INDEX: Record<UserKey, number> = { desk: 0, coordinator1: 1, coordinator2: 2, caseWorker: 3, nurseryLiaison: 4, schoolLiaison: 5, secretary: 8, admin: 9 };

export function user(key: UserKey): { id: string; name: string; aadObjectId: string } {
  const u = WARD.users[USER_INDEX[key]];
  if (!u) throw new Error(`no user ${key}`);
  return { id: u.id, name: u.name, aadObjectId: u.aadObjectId };
}

export function channelId(key: string): string {
  const c = WARD.channels.find((x) => x.key === key);
  if (!c) throw new Error(`no channel ${key}`);
  return c.id;
}

let seq = 0;
/** Builders for the activities Teams sends to the bot (Bot Framework protocol, msteams channel). */
export const Activities = {
  channelMessage(serviceUrl: string, from: UserKey, channel: string, text: string, locale = 'ja-JP') {
    const id = `msg-${++seq}`;
    return {
      type: 'message',
      id,
      text,
      locale,
      channelId: 'msteams',
      serviceUrl,
      timestamp: new Date().toISOString(),
      from: user(from),
      recipient: { id: '28:tsunagu', name: 'Tsunagu' },
      conversation: { id: `${channelId(channel)};messageid=${id}`, conversationType: 'channel', isGroup: true, tenantId: WARD.tenantId },
      channelData: { channel: { id: channelId(channel) }, team: { id: WARD.team.id }, tenant: { id: WARD.tenantId } },
    };
  },
  personalMessage(serviceUrl: string, from: UserKey, text: string, locale = 'ja-JP') {
    const id = `pm-${++seq}`;
    return {
      type: 'message',
      id,
      text,
      locale,
      channelId: 'msteams',
      serviceUrl,
      timestamp: new Date().toISOString(),
      from: user(from),
      recipient: { id: '28:tsunagu', name: 'Tsunagu' },
      conversation: { id: `a:personal-${user(from).aadObjectId}`, conversationType: 'personal', tenantId: WARD.tenantId },
      channelData: { tenant: { id: WARD.tenantId } },
    };
  },
  cardAction(serviceUrl: string, from: UserKey, conversationId: string, replyToId: string, verb: string, data: Record<string, unknown>, locale = 'ja-JP') {
    return {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `inv-${++seq}`,
      locale,
      channelId: 'msteams',
      serviceUrl,
      replyToId,
      timestamp: new Date().toISOString(),
      from: user(from),
      recipient: { id: '28:tsunagu', name: 'Tsunagu' },
      conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: WARD.tenantId },
      channelData: { channel: { id: conversationId.split(';')[0] }, team: { id: WARD.team.id }, tenant: { id: WARD.tenantId } },
      value: { action: { type: 'Action.Execute', verb, data } },
    };
  },
};

/** Posts an activity to the bot over HTTP as the Teams service would; returns status and JSON body. */
export async function sendToBot(botUrl: string, activity: object): Promise<{ status: number; body: any }> {
  const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
