import assert from 'node:assert/strict';
import { Activities, sendToBot, type UserKey } from './activities';
import { actionData, cardText, eventually, type Harness } from './appHarness';

/** A fictional child for the new-handoff form (every field valid; consent for the coordinators given). */
export type FormValues = Readonly<Record<'childName' | 'childNameKana' | 'birthDate' | 'careItems' | 'familyNeeds' | 'urgency' | 'consent' | 'consentGivenBy', string>>;
export const VALID_FORM: FormValues = Object.freeze({
  childName: '架空 花子',
  childNameKana: 'かくう はなこ',
  birthDate: '2022-05-10',
  careItems: 'SUCTION,TUBE',
  familyNeeds: '（架空）保育園入園の相談',
  urgency: 'soon',
  consent: 'basic,medicalCare',
  consentGivenBy: 'guardian',
});

export interface OpenForm {
  readonly formId: string;
  readonly conversationId: string;
  readonly activityId: string;
}

function cardOf(activity: Record<string, unknown>): unknown {
  return (activity.attachments as { content: unknown }[] | undefined)?.[0]?.content;
}

/** The desk (or someone else) types 新規引継ぎ in personal chat or in the desk channel; returns the form. */
export async function openForm(h: Harness, from: UserKey = 'desk', where: 'personal' | 'deskChannel' = 'personal'): Promise<OpenForm> {
  const before = h.connector.sent.length;
  const activity = where === 'personal' ? Activities.personalMessage(h.connector.url, from, '新規引継ぎ') : Activities.channelMessage(h.connector.url, from, 'desk', '新規引継ぎ');
  assert.equal((await sendToBot(h.botUrl, activity)).status, 200);
  await eventually(() => h.connector.sent.length > before, 5000, 'form card');
  const message = h.connector.sent[h.connector.sent.length - 1]!;
  const data = actionData(cardOf(message.activity), 'handoff.create');
  assert.ok(data, 'the form has a submit action');
  return { formId: String(data.formId), conversationId: message.conversationId, activityId: message.activityId };
}

export function submitForm(h: Harness, form: OpenForm, values: Record<string, string>, from: UserKey = 'desk') {
  return sendToBot(h.botUrl, Activities.cardAction(h.connector.url, from, form.conversationId, form.activityId, 'handoff.create', { formId: form.formId, ...values }));
}

export interface CreatedHandoff {
  readonly form: OpenForm;
  readonly code: string;
  readonly caseId: string;
  /** The handoff card posted to the coordinators' channel. */
  readonly post: { readonly conversationId: string; readonly activityId: string; readonly card: unknown };
  /** The data of its 受け入れる action (what a coordinator's click sends back). */
  readonly accept: Record<string, unknown>;
}

/** A valid new handoff from the desk, up to the card in the coordinators' channel. */
export async function createHandoff(h: Harness, values: Partial<FormValues> = {}, where: 'personal' | 'deskChannel' = 'personal'): Promise<CreatedHandoff> {
  const form = await openForm(h, 'desk', where);
  const posted = h.connector.created.length;
  const res = await submitForm(h, form, { ...VALID_FORM, ...values });
  const code = /案件 (\d{4}-\d{4,})/.exec(cardText(res.body?.value))?.[1];
  assert.ok(code, `the handoff was created: ${cardText(res.body?.value)}`);
  await eventually(() => h.connector.created.length > posted, 5000, 'channel post');
  const post = h.connector.created[h.connector.created.length - 1]!;
  const card = cardOf(post.activity);
  return { form, code, caseId: `itabashi:${code}`, post: { conversationId: post.conversationId, activityId: post.activityId, card }, accept: actionData(card, 'handoff.accept')! };
}

/** A coordinator presses 受け入れる on the channel card. */
export function accept(h: Harness, created: CreatedHandoff, by: UserKey = 'coordinator1') {
  return sendToBot(h.botUrl, Activities.cardAction(h.connector.url, by, created.post.conversationId, created.post.activityId, 'handoff.accept', created.accept));
}

/** Sends a personal-chat message and returns the text of the card (or message) the bot answers with. */
export async function askInPersonalChat(h: Harness, from: UserKey, text: string): Promise<string> {
  const before = h.connector.sent.length;
  await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, from, text));
  await eventually(() => h.connector.sent.length > before, 5000, `reply to ${text}`);
  const a = h.connector.sent[h.connector.sent.length - 1]!.activity;
  const card = cardOf(a);
  return card ? cardText(card) : String(a.text ?? '');
}
