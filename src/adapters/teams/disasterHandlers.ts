import { createHash } from 'node:crypto';
import { MessageFactory, type Activity, type Attachment, type TurnContext } from 'botbuilder';
import type { DisasterService } from '../../app/disaster/disasterService';
import type { ProfileChangeOutcome, ProfileEdit } from '../../app/disaster/emergencyProfiles';
import { caseIdFor } from '../../app/placements';
import type { IdGenerator, Language } from '../../app/ports';
import type { DeviceKind } from '../../domain/case';
import { formatIsoDate, tokyoDate } from '../../domain/dates';
import type { Actor, WardDirectory } from '../../domain/directory';
import { BACKUP_POWER_KINDS, HAZARDS, HELPER_ROLES, type EmergencyContact, type EvacuationDestination, type EvacuationHelper, type PoweredDevice, type ProfileError } from '../../domain/disaster/emergencyProfile';
import { mayCloseRollCall, mayStartRollCall, mayViewSummary } from '../../domain/disaster/policy';
import { summarise, SUPPORT_NEEDS, type RollCall, type RollCallError } from '../../domain/disaster/rollCall';
import { formatJst, translator, type MessageKey, type Translate } from '../../i18n';
import { z } from 'zod';
import { cardAttachment, expandCard } from './cardRenderer';
import { noticeCardData } from './cardData';
import type { DisasterCommand } from './commands';
import { emergencyProfileCardData, reasonText, rollCallGroupCardData, rollCallPriorityCardData, rollCallSummaryCardData } from './disasterCards';
import { DISASTER_ACTION_SCHEMAS } from './disasterActionData';
import { VERBS } from './verbs';
import { invokeCard, invokeError, invokeMessage } from './invokeResponses';

export type DisasterVerb = keyof typeof DISASTER_ACTION_SCHEMAS;
type Parsed<V extends DisasterVerb> = z.infer<(typeof DISASTER_ACTION_SCHEMAS)[V]>;

const notice = (ctx: TurnContext, t: Translate, key: MessageKey, params: Record<string, string> = {}, tone: 'good' | 'attention' = 'attention') => ctx.sendActivity(MessageFactory.attachment(cardAttachment('notice', noticeCardData(t, key, params, tone))));
const isPersonal = (a: Activity) => a.conversation?.conversationType === 'personal';
const tenantOf = (a: Activity) => (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? a.conversation?.tenantId;
const channelOf = (a: Activity) => (a.conversation?.conversationType === 'channel' ? (a.channelData as { channel?: { id?: string } } | undefined)?.channel?.id : undefined);
const codeOf = (caseId: string) => caseId.split(':').pop() ?? caseId;

export interface DisasterHandlerDeps {
  readonly service: DisasterService;
  readonly directory: WardDirectory;
  readonly ids: IdGenerator;
  readonly clock: { now(): Date };
  readonly fictional: boolean;
  readonly wardLanguage: Language;
  /** One-time link to the evacuation plan page (absolute URL), for the people holding the case. */
  issuePrintLink(req: { caseId: string; actor: Actor; conversationId: string | undefined }): Promise<{ kind: 'issued'; url: string; minutes: number } | { kind: 'nothingToPrint' | 'notFound' }>;
  /** A card in the person's personal chat (false when the bot has none with them). */
  sendToPersonalChat(aadObjectId: string, card: Attachment): Promise<boolean>;
}

/**
 * 非常時 <案件番号> and 安否確認 as the bot shows them (issue 11). The emergency profile lives in personal
 * chat only; roll-call cards in channels carry case codes only; the priority list (device and battery
 * details) goes only to the person who asks, in personal chat.
 */
export class DisasterHandlers {
  constructor(private readonly deps: DisasterHandlerDeps) {}

  private get shared(): Translate {
    return translator(this.deps.wardLanguage);
  }

  async onCommand(ctx: TurnContext, t: Translate, actor: Actor | undefined, what: DisasterCommand): Promise<void> {
    if (!actor) return void (await notice(ctx, t, 'COMMON.NOT_REGISTERED'));
    if (what.kind === 'emergencyProfile') return this.onProfileCommand(ctx, t, actor, what.code);
    if (what.action === 'start') return this.onStart(ctx, t, actor, what.reason, what.districts);
    if (what.action === 'close') return this.onCloseCommand(ctx, t, actor);
    return this.onStatus(ctx, t, actor);
  }

  /** A card action of this feature: its data parsed with the verb's zod schema, then handled. */
  async onAction(ctx: TurnContext, t: Translate, actor: Actor, verb: DisasterVerb, raw: unknown): Promise<void> {
    const bad = () => invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
    const d = this;
    const data = raw ?? {};
    switch (verb) {
      case VERBS.profileSave: {
        const p = DISASTER_ACTION_SCHEMAS[verb].safeParse(data);
        return p.success ? d.onProfileSave(ctx, t, actor, p.data) : bad();
      }
      case VERBS.profileConfirm: {
        const p = DISASTER_ACTION_SCHEMAS[verb].safeParse(data);
        return p.success ? d.onProfileConfirm(ctx, t, actor, p.data) : bad();
      }
      case VERBS.profilePrint: {
        const p = DISASTER_ACTION_SCHEMAS[verb].safeParse(data);
        return p.success ? d.onProfilePrint(ctx, t, actor, p.data) : bad();
      }
      case VERBS.rollCallConfirm: {
        const p = DISASTER_ACTION_SCHEMAS[verb].safeParse(data);
        return p.success ? d.onConfirm(ctx, t, actor, p.data) : bad();
      }
      case VERBS.rollCallRefresh: {
        const p = DISASTER_ACTION_SCHEMAS[verb].safeParse(data);
        return p.success ? d.onRefresh(ctx, t, actor, p.data) : bad();
      }
      case VERBS.rollCallPriority: {
        const p = DISASTER_ACTION_SCHEMAS[verb].safeParse(data);
        return p.success ? d.onPriority(ctx, t, actor, p.data) : bad();
      }
      case VERBS.rollCallClose: {
        const p = DISASTER_ACTION_SCHEMAS[verb].safeParse(data);
        return p.success ? d.onClose(ctx, t, actor, p.data) : bad();
      }
    }
  }

  // -------------------------------------------------------------------------------------------------
  // 非常時情報

  private profileCard(t: Translate, outcome: { view: Parameters<typeof emergencyProfileCardData>[1] }, n?: { text: string; good: boolean }, printUrl?: string) {
    return emergencyProfileCardData(t, outcome.view, { ...(n ? { notice: n } : {}), ...(printUrl ? { printUrl } : {}), fictional: this.deps.fictional, months: this.deps.service.profileMonths });
  }

  private async onProfileCommand(ctx: TurnContext, t: Translate, actor: Actor, code: string | undefined): Promise<void> {
    if (!code) return void (await notice(ctx, t, 'CASE.CODE_REQUIRED'));
    if (!isPersonal(ctx.activity)) return void (await notice(ctx, t, 'CASE.PERSONAL_CHAT_ONLY', { code }));
    const outcome = await this.deps.service.viewProfile({ caseId: caseIdFor(this.deps.directory.wardId, code), actor, conversationId: ctx.activity.conversation.id });
    if (outcome.kind !== 'found') return void (await notice(ctx, t, 'CASE.NOT_FOUND_OR_FORBIDDEN', { code }));
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('emergencyProfile', this.profileCard(t, outcome))));
  }

  async onProfileSave(ctx: TurnContext, t: Translate, actor: Actor, data: Parsed<typeof VERBS.profileSave>): Promise<void> {
    const parsed = parseProfileForm(data.kinds, data.fields);
    if ('bad' in parsed) return invokeError(ctx, 400, 'PROFILE.NUMBER_FORMAT', t('PROFILE.NUMBER_FORMAT', { fields: parsed.bad.map((f) => t(`ep.field.${f}` as MessageKey)).join('、') }));
    const outcome = await this.deps.service.saveProfile({ caseId: data.caseId, actor, version: data.v, edit: parsed.edit, conversationId: ctx.activity.conversation?.id });
    return this.profileAnswer(ctx, t, data.caseId, outcome, 'PROFILE.SAVED');
  }

  async onProfileConfirm(ctx: TurnContext, t: Translate, actor: Actor, data: Parsed<typeof VERBS.profileConfirm>): Promise<void> {
    const outcome = await this.deps.service.confirmProfile({ caseId: data.caseId, actor, version: data.v, conversationId: ctx.activity.conversation?.id });
    return this.profileAnswer(ctx, t, data.caseId, outcome, 'PROFILE.CONFIRMED');
  }

  private async profileAnswer(ctx: TurnContext, t: Translate, caseId: string, outcome: ProfileChangeOutcome, savedKey: 'PROFILE.SAVED' | 'PROFILE.CONFIRMED'): Promise<void> {
    switch (outcome.kind) {
      case 'saved':
      case 'unchanged': {
        const text = outcome.kind === 'unchanged' ? t('PROFILE.UNCHANGED') : t(savedKey, { date: formatIsoDate(tokyoDate(this.deps.clock.now())) });
        return invokeCard(ctx, expandCard('emergencyProfile', this.profileCard(t, outcome, { text, good: true })));
      }
      case 'stale':
        return invokeCard(ctx, expandCard('emergencyProfile', this.profileCard(t, outcome, { text: t('PROFILE.STALE'), good: false })));
      case 'invalid':
        return invokeError(ctx, 400, outcome.errors[0]?.code ?? 'PROFILE.INVALID', t('PROFILE.INVALID', { fields: profileErrors(t, outcome.errors) }));
      case 'notAuthorised':
      case 'caseNotFound':
        return invokeError(ctx, 404, 'CASE.NOT_FOUND_OR_FORBIDDEN', t('CASE.NOT_FOUND_OR_FORBIDDEN', { code: codeOf(caseId) }));
      case 'busy':
        return invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY'));
    }
  }

  /** 印刷用リンクを発行: the card comes back with a one-time link (valid a few minutes, audited). */
  async onProfilePrint(ctx: TurnContext, t: Translate, actor: Actor, data: Parsed<typeof VERBS.profilePrint>): Promise<void> {
    if (!isPersonal(ctx.activity)) return invokeError(ctx, 400, 'CASE.PERSONAL_CHAT_ONLY', t('CASE.PERSONAL_CHAT_ONLY', { code: codeOf(data.caseId) }));
    const conversationId = ctx.activity.conversation.id;
    const issued = await this.deps.issuePrintLink({ caseId: data.caseId, actor, conversationId });
    if (issued.kind === 'nothingToPrint') return invokeError(ctx, 409, 'PROFILE.NOTHING_TO_PRINT', t('PROFILE.NOTHING_TO_PRINT'));
    if (issued.kind !== 'issued') return invokeError(ctx, 404, 'CASE.NOT_FOUND_OR_FORBIDDEN', t('CASE.NOT_FOUND_OR_FORBIDDEN', { code: codeOf(data.caseId) }));
    const view = await this.deps.service.viewProfile({ caseId: data.caseId, actor, conversationId });
    if (view.kind !== 'found') return invokeError(ctx, 404, 'CASE.NOT_FOUND_OR_FORBIDDEN', t('CASE.NOT_FOUND_OR_FORBIDDEN', { code: codeOf(data.caseId) }));
    return invokeCard(ctx, expandCard('emergencyProfile', this.profileCard(t, view, { text: t('PROFILE.PRINT_READY', { minutes: String(issued.minutes) }), good: true }, issued.url)));
  }

  // -------------------------------------------------------------------------------------------------
  // 安否確認

  private async onStart(ctx: TurnContext, t: Translate, actor: Actor, reason: DisasterCommand & { kind: 'rollCall' } extends { reason: infer R } ? R : never, districts: readonly string[]): Promise<void> {
    if (!mayStartRollCall(actor)) return void (await notice(ctx, t, 'ROLLCALL.NOT_AUTHORISED'));
    const a = ctx.activity;
    // The id comes from the message: Teams delivering it twice starts one roll-call.
    const rollCallId = `rc-${createHash('sha256').update(`${this.deps.directory.wardId}|${a.id ?? this.deps.ids.newId()}`).digest('hex').slice(0, 20)}`;
    const outcome = await this.deps.service.startRollCall({
      rollCallId,
      actor,
      reason: reason ?? 'other',
      reasonNote: reason ? '' : this.shared('rc.reason.other'),
      districts,
      conversationId: a.conversation?.id,
      serviceUrl: a.serviceUrl,
      tenantId: tenantOf(a),
      channelId: channelOf(a),
    });
    switch (outcome.kind) {
      case 'started':
        return void (await notice(ctx, t, 'ROLLCALL.STARTED', { reason: reasonText(t, outcome.rollCall), total: String(outcome.summary.total), groups: String(outcome.rollCall.groups.length) }, 'good'));
      case 'alreadyStarted':
        return void (await notice(ctx, t, 'ROLLCALL.ALREADY_STARTED'));
      case 'notAuthorised':
        return void (await notice(ctx, t, 'ROLLCALL.NOT_AUTHORISED'));
      case 'emptyScope':
        return void (await notice(ctx, t, 'ROLLCALL.EMPTY_SCOPE', { districts: outcome.knownDistricts.join('、') || t('rc.none') }));
      case 'invalid':
        return void (await ctx.sendActivity(MessageFactory.attachment(cardAttachment('notice', { title: t('app.name'), message: rollCallErrors(t, outcome.errors), color: 'Attention' }))));
    }
  }

  /** 安否確認 alone: the open roll-calls (for ward staff and coordinators) and how to start one. */
  private async onStatus(ctx: TurnContext, t: Translate, actor: Actor): Promise<void> {
    const open = mayViewSummary(actor) ? await this.deps.service.openRollCalls() : [];
    if (open.length === 0) return void (await notice(ctx, t, 'rc.howTo', {}, 'good'));
    const list = open.map((rc) => {
      const s = summarise(rc);
      return t('rc.openItem', { reason: reasonText(t, rc), scope: rc.scope.kind === 'ward' ? t('rc.scope.ward') : rc.scope.districts.join('・'), started: formatJst(rc.startedAt), open: String(s.counts.unconfirmed + s.counts.unreachable) });
    });
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('notice', { title: t('app.name'), message: `${t('rc.openList', { list: list.join(' / ') })}\n\n${t('rc.howTo')}`, color: 'Good' })));
  }

  /** 安否確認 終了: closes the one open roll-call (with several, the summary card's 終了… says which). */
  private async onCloseCommand(ctx: TurnContext, t: Translate, actor: Actor): Promise<void> {
    if (!mayCloseRollCall(actor)) return void (await notice(ctx, t, 'ROLLCALL.NOT_AUTHORISED'));
    const open = await this.deps.service.openRollCalls();
    if (open.length === 0) return void (await notice(ctx, t, 'ROLLCALL.NONE_OPEN'));
    if (open.length > 1) return void (await notice(ctx, t, 'ROLLCALL.SEVERAL_OPEN'));
    const outcome = await this.deps.service.closeRollCall({ rollCallId: open[0]!.id, actor, note: '', conversationId: ctx.activity.conversation?.id });
    if (outcome.kind === 'closed') {
      const c = outcome.summary.counts;
      return void (await notice(ctx, t, 'ROLLCALL.CLOSED', { safe: String(c.safe), needsSupport: String(c.needsSupport), unreachable: String(c.unreachable), unconfirmed: String(c.unconfirmed), total: String(outcome.summary.total) }, 'good'));
    }
    if (outcome.kind === 'alreadyClosed') return void (await notice(ctx, t, 'ROLLCALL.ALREADY_CLOSED', { at: formatJst(outcome.closed.at) }));
    if (outcome.kind === 'busy') return void (await notice(ctx, t, 'COMMON.BUSY'));
    return void (await notice(ctx, t, outcome.kind === 'notAuthorised' ? 'ROLLCALL.NOT_AUTHORISED' : 'ROLLCALL.NOT_FOUND'));
  }

  groupCard(rc: RollCall, groupKey: string, n?: { text: string; good: boolean }): Record<string, unknown> {
    return expandCard('rollCallGroup', rollCallGroupCardData(this.shared, rc, groupKey, this.deps.ids.newId(), { ...(n ? { notice: n } : {}), fictional: this.deps.fictional }));
  }

  summaryCard(rc: RollCall, n?: { text: string; good: boolean }): Record<string, unknown> {
    return expandCard('rollCallSummary', rollCallSummaryCardData(this.shared, rc, { ...(n ? { notice: n } : {}), fictional: this.deps.fictional, reminderMinutes: this.deps.service.reminderMinutes, now: this.deps.clock.now().toISOString(), closeKey: this.deps.ids.newId() }));
  }

  /** 無事 / 要支援 / 連絡つかず: answers with the group card as it is now (the outbox updates it for everyone). */
  async onConfirm(ctx: TurnContext, t: Translate, actor: Actor, data: Parsed<typeof VERBS.rollCallConfirm>): Promise<void> {
    const needs = z.array(z.enum(SUPPORT_NEEDS)).safeParse(data.needs);
    if (!needs.success) return invokeError(ctx, 400, 'ROLLCALL.UNKNOWN_VALUE', t('ROLLCALL.UNKNOWN_VALUE'));
    const outcome = await this.deps.service.confirmChild({ rollCallId: data.rollCallId, caseId: data.caseId, status: data.status, needs: needs.data, note: data.note, key: data.key, actor, conversationId: ctx.activity.conversation?.id });
    const code = codeOf(data.caseId);
    switch (outcome.kind) {
      case 'recorded':
      case 'alreadyRecorded': {
        const rc = await this.deps.service.load(data.rollCallId);
        const child = rc?.children.find((c) => c.caseId === data.caseId);
        if (!rc || !child) return invokeError(ctx, 404, 'ROLLCALL.NOT_FOUND', t('ROLLCALL.NOT_FOUND'));
        const c = outcome.confirmation;
        const status = c.status === 'needsSupport' ? `${t('rc.status.needsSupport')}（${c.needs.map((x) => t(`rc.need.${x}`)).join('・')}）` : t(`rc.status.${c.status}`);
        const text = outcome.kind === 'recorded' ? t('ROLLCALL.RECORDED', { code, status }) : t('ROLLCALL.ALREADY_RECORDED', { code, status });
        return invokeCard(ctx, this.groupCard(rc, child.groupKey, { text, good: true }));
      }
      case 'invalid':
        return invokeError(ctx, 400, outcome.errors[0]?.code ?? 'ROLLCALL.UNKNOWN_VALUE', rollCallErrors(t, outcome.errors));
      case 'closed':
        return invokeError(ctx, 409, 'ROLLCALL.ALREADY_CLOSED', t('ROLLCALL.ALREADY_CLOSED', { at: formatJst(outcome.closed.at) }));
      case 'notAuthorised':
        return invokeError(ctx, 403, 'ROLLCALL.CONFIRM_NOT_AUTHORISED', t('ROLLCALL.CONFIRM_NOT_AUTHORISED'));
      case 'notInRollCall':
        return invokeError(ctx, 404, 'ROLLCALL.NOT_IN_ROLL_CALL', t('ROLLCALL.NOT_IN_ROLL_CALL'));
      case 'notFound':
        return invokeError(ctx, 404, 'ROLLCALL.NOT_FOUND', t('ROLLCALL.NOT_FOUND'));
      case 'busy':
        return invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY'));
    }
  }

  /** 更新 on the summary (or a group card): the card as it is now; reading the status is audited. */
  async onRefresh(ctx: TurnContext, t: Translate, actor: Actor, data: Parsed<typeof VERBS.rollCallRefresh>): Promise<void> {
    const outcome = await this.deps.service.summary({ rollCallId: data.rollCallId, actor, conversationId: ctx.activity.conversation?.id });
    if (outcome.kind === 'notAuthorised') return invokeError(ctx, 403, 'ROLLCALL.NOT_VIEWABLE', t('ROLLCALL.NOT_VIEWABLE'));
    const rc = outcome.kind === 'found' ? await this.deps.service.load(data.rollCallId) : undefined;
    if (!rc) return invokeError(ctx, 404, 'ROLLCALL.NOT_FOUND', t('ROLLCALL.NOT_FOUND'));
    if (data.view === 'group' && data.groupKey && rc.groups.some((g) => g.key === data.groupKey)) return invokeCard(ctx, this.groupCard(rc, data.groupKey));
    return invokeCard(ctx, this.summaryCard(rc));
  }

  /** 優先順位リスト: device and battery details, so only to the person asking, in their personal chat. */
  async onPriority(ctx: TurnContext, t: Translate, actor: Actor, data: Parsed<typeof VERBS.rollCallPriority>): Promise<void> {
    const outcome = await this.deps.service.priority({ rollCallId: data.rollCallId, actor, conversationId: ctx.activity.conversation?.id });
    if (outcome.kind === 'notAuthorised') return invokeError(ctx, 403, 'ROLLCALL.NOT_VIEWABLE', t('ROLLCALL.NOT_VIEWABLE'));
    const rc = outcome.kind === 'found' ? await this.deps.service.load(data.rollCallId) : undefined;
    if (outcome.kind !== 'found' || !rc) return invokeError(ctx, 404, 'ROLLCALL.NOT_FOUND', t('ROLLCALL.NOT_FOUND'));
    const card = rollCallPriorityCardData(t, rc, outcome, this.deps.fictional);
    if (isPersonal(ctx.activity)) return invokeCard(ctx, expandCard('rollCallPriority', card));
    const sent = await this.deps.sendToPersonalChat(actor.aadObjectId, cardAttachment('rollCallPriority', card));
    return sent ? invokeMessage(ctx, t('PRINT.SENT')) : invokeError(ctx, 409, 'PRINT.NO_PERSONAL_CHAT', t('PRINT.NO_PERSONAL_CHAT'));
  }

  /** 安否確認を終了 on the summary card: answers with the closed summary. */
  async onClose(ctx: TurnContext, t: Translate, actor: Actor, data: Parsed<typeof VERBS.rollCallClose>): Promise<void> {
    const outcome = await this.deps.service.closeRollCall({ rollCallId: data.rollCallId, actor, note: data.closeNote, conversationId: ctx.activity.conversation?.id });
    if (outcome.kind === 'notAuthorised') return invokeError(ctx, 403, 'ROLLCALL.NOT_AUTHORISED', t('ROLLCALL.NOT_AUTHORISED'));
    if (outcome.kind === 'notFound') return invokeError(ctx, 404, 'ROLLCALL.NOT_FOUND', t('ROLLCALL.NOT_FOUND'));
    if (outcome.kind === 'busy') return invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY'));
    const rc = await this.deps.service.load(data.rollCallId);
    if (!rc) return invokeError(ctx, 404, 'ROLLCALL.NOT_FOUND', t('ROLLCALL.NOT_FOUND'));
    const s = summarise(rc);
    const text = outcome.kind === 'closed' ? t('ROLLCALL.CLOSED', { safe: String(s.counts.safe), needsSupport: String(s.counts.needsSupport), unreachable: String(s.counts.unreachable), unconfirmed: String(s.counts.unconfirmed), total: String(s.total) }) : t('ROLLCALL.ALREADY_CLOSED', { at: formatJst(outcome.closed.at) });
    return invokeCard(ctx, this.summaryCard(rc, { text, good: outcome.kind === 'closed' }));
  }
}

function rollCallErrors(t: Translate, errors: readonly RollCallError[]): string {
  return [...new Set(errors.map((e) => t(e.code as MessageKey)))].join(' ');
}

/** 'devices[1].externalBatteries.hoursEach' → 'devices', with the reason: 機器（数の範囲が正しくありません）. */
function profileErrors(t: Translate, errors: readonly ProfileError[]): string {
  const parts = errors.map((e) => `${t(`ep.field.${(/^[A-Za-z]+/.exec(e.field) ?? ['devices'])[0]}` as MessageKey)}（${t(`ep.err.${e.code}` as MessageKey)}）`);
  return [...new Set(parts)].join('、');
}

const PHONE_AT_END = /^(.*?)[\s　]+([0-9０-９+＋\-－() （）]{6,20})$/;

/**
 * The edit form's strings as a profile edit. Numbers are read here (full-width digits allowed); a field
 * that is not a number comes back by name, and the domain rules (validateProfile) judge the rest.
 */
export function parseProfileForm(kinds: readonly DeviceKind[], f: Readonly<Record<string, string>>): { edit: ProfileEdit } | { bad: string[] } {
  const bad = new Set<string>();
  const text = (k: string) => (f[k] ?? '').trim();
  const num = (k: string, field: string): number | undefined => {
    const v = text(k).normalize('NFKC');
    if (v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) bad.add(field);
    return Number.isFinite(n) ? n : undefined;
  };
  const devices: PoweredDevice[] = kinds.map((kind, i) => ({
    kind,
    batteryHours: num(`dev${i}_internal`, 'devices'),
    externalBatteries: { count: num(`dev${i}_count`, 'devices') ?? 0, hoursEach: num(`dev${i}_each`, 'devices') },
    note: text(`dev${i}_note`),
  }));
  const sources = z.array(z.enum(BACKUP_POWER_KINDS)).safeParse(text('backupSources').split(',').map((s) => s.trim()).filter(Boolean));
  if (!sources.success) bad.add('backupPower');
  const concentrator = text('concentrator') === 'true';
  const cylinders = num('cylinders', 'oxygen') ?? 0;
  const hoursPerCylinder = num('hoursPerCylinder', 'oxygen');
  const supplier = text('supplier');
  const evacuation: EvacuationDestination[] = HAZARDS.filter((h) => text(`place_${h}`) || text(`route_${h}`)).map((hazard) => ({ hazard, place: text(`place_${hazard}`), routeNotes: text(`route_${hazard}`) }));
  const helpers: EvacuationHelper[] = HELPER_ROLES.filter((r) => text(`helper_${r}_name`) || text(`helper_${r}_relation`) || text(`helper_${r}_phone`)).map((role) => ({ role, name: text(`helper_${role}_name`), relation: text(`helper_${role}_relation`), phone: text(`helper_${role}_phone`) }));
  const contacts: EmergencyContact[] = text('contacts')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = PHONE_AT_END.exec(l);
      return m ? { who: (m[1] ?? '').trim(), phone: (m[2] ?? '').trim() } : { who: l, phone: '' };
    });
  const giver = z.enum(['none', 'guardian', 'self']).safeParse(text('consentGiver') || 'none');
  if (!giver.success) bad.add('consent');
  if (bad.size > 0) return { bad: [...bad] };
  return {
    edit: {
      profile: {
        devices,
        backupPower: { sources: sources.success ? sources.data : [], note: text('backupNote') },
        oxygen: concentrator || cylinders > 0 || hoursPerCylinder !== undefined || supplier ? { concentrator, cylinders, hoursPerCylinder, supplier } : undefined,
        hospital: { name: text('hospitalName'), phone: text('hospitalPhone'), note: text('hospitalNote') },
        address: text('address'),
        evacuation,
        helpers,
        contacts,
        manualAlternatives: text('manual'),
      },
      consent: giver.success && giver.data !== 'none' ? { givenBy: giver.data, scope: text('consentScope') } : undefined,
    },
  };
}
