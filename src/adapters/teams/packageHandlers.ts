import { MessageFactory, type TurnContext } from 'botbuilder';
import type { CarePlanOutcome } from '../../app/carePlan';
import { carePlanOf, carePlanVersion } from '../../app/carePlan';
import type { PackageStepOutcome, PackageVerb, ReadPackageOutcome, SendPackageOutcome } from '../../app/packages';
import { packageView } from '../../app/packageViews';
import type { ReadOutcome, ReadRequest } from '../../app/readCase';
import { caseIdFor } from '../../app/placements';
import { CARE_ITEMS, type CareItemCode } from '../../domain/careItems';
import type { CaseFile } from '../../domain/caseFile';
import type { Actor, OrganisationKey, WardDirectory } from '../../domain/directory';
import type { ConversationAddress } from '../../domain/handoff';
import type { CarePlan, CarePlanError } from '../../domain/package/carePlan';
import type { PackageHandoff } from '../../domain/package/packageHandoff';
import { translator, type MessageKey, type Translate } from '../../i18n';
import { cardAttachment, expandCard } from './cardRenderer';
import { noticeCardData } from './cardData';
import { packageCardData } from './packageCards';
import { invokeCard, invokeError, invokeMessage } from './invokeResponses';

/** The use cases the package feature calls (bound in main.ts). */
export interface PackageUseCases {
  readCase(req: ReadRequest): Promise<ReadOutcome>;
  sendPackage(req: {
    caseId: string;
    actor: Actor;
    organisation: OrganisationKey;
    senderAddress: ConversationAddress | undefined;
    senderActivityId: string | undefined;
    serviceUrl: string;
    tenantId: string | undefined;
    requestKey: string;
  }): Promise<SendPackageOutcome>;
  stepPackage(req: { caseId: string; packageId: string; actor: Actor; verb: PackageVerb; text: string; questionId: string | undefined; cardVersion: number; conversationId: string | undefined }): Promise<PackageStepOutcome>;
  readPackage(req: { caseId: string; packageId: string; actor: Actor; conversationId: string | undefined }): Promise<ReadPackageOutcome>;
  saveCarePlan(req: { caseId: string; actor: Actor; planVersion: number; plan: Omit<CarePlan, 'version' | 'confirmedOn'>; conversationId: string | undefined }): Promise<CarePlanOutcome>;
}

const notice = (ctx: TurnContext, t: Translate, key: MessageKey, params: Record<string, string> = {}) => ctx.sendActivity(MessageFactory.attachment(cardAttachment('notice', noticeCardData(t, key, params))));

/**
 * 引継ぎパッケージ (issue 5) and its care plan, as the bot shows them: 送付 from personal chat, the lifecycle
 * steps from the cards, the user-specific detailed view through refresh. Shared cards are in the ward's
 * language; the content appears only for the receiving organisation and the people holding the case.
 */
export class PackageHandlers {
  constructor(
    private readonly useCases: PackageUseCases,
    private readonly directory: WardDirectory,
    private readonly wardLanguage: 'ja' | 'en',
  ) {}

  /** ケア計画 <案件番号>: the care plan edit card (personal chat only; the read is audited). */
  async onPlanCommand(ctx: TurnContext, t: Translate, actor: Actor, code: string): Promise<void> {
    if (ctx.activity.conversation?.conversationType !== 'personal') return void (await notice(ctx, t, 'CASE.PERSONAL_CHAT_ONLY', { code }));
    const read = await this.useCases.readCase({ caseId: caseIdFor(this.directory.wardId, code), actor, purpose: 'carePlan.view', fields: ['carePlan'], conversationId: ctx.activity.conversation.id });
    if (read.kind !== 'found') return void (await notice(ctx, t, 'CASE.NOT_FOUND_OR_FORBIDDEN', { code }));
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('carePlanEdit', carePlanCardData(t, read.file))));
  }

  async onPlanSave(ctx: TurnContext, t: Translate, actor: Actor, data: CarePlanForm): Promise<void> {
    const outcome = await this.useCases.saveCarePlan({ caseId: data.caseId, actor, planVersion: data.pv, plan: parseCarePlan(data), conversationId: ctx.activity.conversation?.id });
    switch (outcome.kind) {
      case 'saved':
        return invokeCard(ctx, expandCard('carePlanEdit', carePlanCardData(t, outcome.file, { text: t('PLAN.SAVED'), good: true })));
      case 'stale':
        return invokeCard(ctx, expandCard('carePlanEdit', carePlanCardData(t, outcome.file, { text: t('EDIT.STALE'), good: false })));
      case 'invalid':
        return invokeError(ctx, 400, outcome.errors[0]?.code ?? 'PLAN.INVALID', planErrors(t, outcome.errors));
      case 'notAuthorised':
      case 'caseNotFound':
        return invokeError(ctx, 404, 'CASE.NOT_FOUND_OR_FORBIDDEN', t('CASE.NOT_FOUND_OR_FORBIDDEN', { code: data.caseId }));
      case 'busy':
        return invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY'));
    }
  }

  /** 引継ぎ送付 <案件番号> <送り先>: builds the package and posts it; the sender's copy is this chat's reply. */
  async onSendCommand(ctx: TurnContext, t: Translate, actor: Actor, code: string, organisation: OrganisationKey | undefined): Promise<void> {
    if (!organisation) return void (await notice(ctx, t, 'PACKAGE.ORG_REQUIRED'));
    if (ctx.activity.conversation?.conversationType !== 'personal') return void (await notice(ctx, t, 'CASE.PERSONAL_CHAT_ONLY', { code }));
    await this.send(ctx, t, actor, caseIdFor(this.directory.wardId, code), organisation);
  }

  /** 引継ぎを作成 on a row of 予定 / the digest (personal chat): the same as 引継ぎ送付 to that step's organisation. */
  async onHandoffFromMilestone(ctx: TurnContext, t: Translate, actor: Actor, caseId: string, organisation: OrganisationKey): Promise<void> {
    if (ctx.activity.conversation?.conversationType !== 'personal') return invokeError(ctx, 400, 'CASE.PERSONAL_CHAT_ONLY', t('CASE.PERSONAL_CHAT_ONLY', { code: caseId }));
    const outcome = await this.send(ctx, t, actor, caseId, organisation);
    const text = outcome === 'sent' ? t('PACKAGE.SENT_FROM_MILESTONE', { to: t(`org.${organisation}` as MessageKey) }) : t('PACKAGE.NOT_SENT');
    await invokeMessage(ctx, text);
  }

  /** Posts the sender's copy in this chat, then builds and sends the package; the outbox keeps both cards current. */
  private async send(ctx: TurnContext, t: Translate, actor: Actor, caseId: string, organisation: OrganisationKey): Promise<'sent' | 'refused'> {
    const a = ctx.activity;
    const code = caseId.split(':').pop() ?? caseId;
    const tenantId = (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? a.conversation.tenantId;
    const copy = await ctx.sendActivity(MessageFactory.attachment(cardAttachment('notice', noticeCardData(t, 'PACKAGE.SENDING', {}, 'good'))));
    const outcome = await this.useCases.sendPackage({
      caseId,
      actor,
      organisation,
      senderAddress: { serviceUrl: a.serviceUrl, tenantId, conversationId: a.conversation.id, channelId: undefined, isChannel: false },
      senderActivityId: copy?.id,
      serviceUrl: a.serviceUrl,
      tenantId,
      requestKey: a.id ?? `${code}|${organisation}`,
    });
    if (outcome.kind === 'sent') return 'sent'; // the outbox rewrites the copy above with the package card
    const to = t(`org.${organisation}` as MessageKey);
    const refusal =
      outcome.kind === 'noConsent'
        ? noticeCardData(t, 'PACKAGE.NO_CONSENT', { to, code })
        : outcome.kind === 'noReceiverChannel'
          ? noticeCardData(t, 'HANDOFF.NO_RECEIVER_CHANNEL')
          : noticeCardData(t, 'CASE.NOT_FOUND_OR_FORBIDDEN', { code });
    await ctx.updateActivity({ ...MessageFactory.attachment(cardAttachment('notice', refusal)), id: copy?.id });
    return 'refused';
  }

  /** A lifecycle step from a package card: the minimal shared card comes back (details only via refresh). */
  async onStep(ctx: TurnContext, t: Translate, actor: Actor, verb: PackageVerb, data: PackageClick): Promise<void> {
    const outcome = await this.useCases.stepPackage({ caseId: data.caseId, packageId: data.packageId, actor, verb, text: data.text ?? '', questionId: data.questionId, cardVersion: data.v, conversationId: ctx.activity.conversation?.id });
    const shared = translator(this.wardLanguage);
    switch (outcome.kind) {
      case 'changed':
        return invokeCard(ctx, this.card(shared, outcome.file, outcome.handoff, data.role, false));
      case 'unchanged':
        return invokeCard(ctx, this.card(shared, outcome.file, outcome.handoff, data.role, false, t('PACKAGE.ALREADY')));
      case 'notOpen':
        return invokeCard(ctx, this.card(shared, outcome.file, outcome.handoff, data.role, false, t('PACKAGE.NOT_OPEN')));
      case 'invalid':
        return invokeError(ctx, 400, outcome.code, t(outcome.code as MessageKey));
      case 'notAuthorised':
        return invokeError(ctx, 403, 'PACKAGE.NOT_AUTHORISED', t('PACKAGE.NOT_AUTHORISED'));
      case 'packageNotFound':
        return invokeError(ctx, 404, 'PACKAGE.NOT_FOUND', t('PACKAGE.NOT_FOUND'));
      case 'busy':
        return invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY'));
    }
  }

  /**
   * Refresh (user-specific view): members of the receiving organisation and the people holding the case
   * get the content (the read is audited); everyone else the same minimal card as the channel.
   */
  async onRefresh(ctx: TurnContext, actor: Actor, data: PackageClick): Promise<void> {
    const shared = translator(this.wardLanguage);
    const read = await this.useCases.readPackage({ caseId: data.caseId, packageId: data.packageId, actor, conversationId: ctx.activity.conversation?.id }).catch(() => undefined);
    if (read?.kind === 'found') return invokeCard(ctx, this.card(shared, read.file, read.handoff, data.role, true));
    if (read?.kind === 'notAuthorised') return invokeCard(ctx, this.card(shared, read.file, read.handoff, data.role, false));
    // Never fail a refresh into a broken card: an error answer leaves the card as it is.
    return invokeError(ctx, 503, 'COMMON.BUSY', shared('COMMON.BUSY'));
  }

  card(t: Translate, file: CaseFile, h: PackageHandoff, role: 'receiver' | 'sender', details: boolean, note?: string): Record<string, unknown> {
    return expandCard('handoffPackage', packageCardData(t, packageView(file, h, { role }, this.directory, details), note));
  }
}

export interface PackageClick {
  readonly caseId: string;
  readonly packageId: string;
  readonly v: number;
  readonly role: 'receiver' | 'sender';
  readonly text?: string;
  readonly questionId?: string;
}

export interface CarePlanForm {
  readonly caseId: string;
  readonly pv: number;
  readonly hospital: string;
  readonly contacts: string;
  readonly ifTubeOut: string;
  readonly ifSeizure: string;
  readonly other: string;
  readonly dailySchedule: string;
  readonly familyWishes: string;
  readonly agreed: string;
  readonly open: string;
  readonly procedures: Readonly<Record<string, string>>;
}

const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

export function parseCarePlan(f: CarePlanForm): Omit<CarePlan, 'version' | 'confirmedOn'> {
  return {
    procedures: Object.entries(f.procedures)
      .filter(([code, note]) => code in CARE_ITEMS && note.trim())
      .map(([code, note]) => ({ item: code as CareItemCode, note: note.trim() })),
    emergency: {
      hospital: f.hospital.trim(),
      contacts: lines(f.contacts).map((l) => {
        const m = /^(.*?)[\s　]+([0-9０-９+＋\-－() （）]{6,20})$/.exec(l);
        return m ? { who: (m[1] ?? '').trim(), phone: (m[2] ?? '').trim() } : { who: l, phone: '' };
      }),
      ifTubeOut: f.ifTubeOut.trim(),
      ifSeizure: f.ifSeizure.trim(),
      other: f.other.trim(),
    },
    dailySchedule: f.dailySchedule.trim(),
    familyWishes: f.familyWishes.trim(),
    agreed: lines(f.agreed),
    open: lines(f.open),
  };
}

function planErrors(t: Translate, errors: readonly CarePlanError[]): string {
  return [...new Set(errors.map((e) => t(e.code as MessageKey)))].join(' ');
}

export function carePlanCardData(t: Translate, file: CaseFile, note?: { text: string; good: boolean }) {
  const plan = carePlanOf(file);
  const notes = new Map(plan.procedures.map((p) => [p.item, p.note]));
  return {
    hasNotice: note !== undefined,
    notice: note?.text ?? '',
    noticeColor: note?.good === false ? 'Attention' : 'Good',
    title: t('plan.title', { code: file.record.code }),
    intro: t('plan.intro'),
    hasErrors: false,
    errors: [],
    procedures: file.record.careItems.map((c) => ({ code: c.code, label: t('plan.procedure', { item: t(`careItem.${c.code}` as MessageKey) }), value: notes.get(c.code) ?? '' })),
    labels: {
      hospital: t('package.hospital'),
      contacts: t('plan.contacts'),
      ifTubeOut: t('package.ifTubeOut'),
      ifSeizure: t('package.ifSeizure'),
      other: t('package.otherEmergency'),
      dailySchedule: t('package.dailySchedule'),
      familyWishes: t('package.familyWishes'),
      agreed: t('plan.agreed'),
      open: t('plan.open'),
      save: t('edit.save'),
    },
    values: {
      hospital: plan.emergency.hospital,
      contacts: plan.emergency.contacts.map((c) => `${c.who} ${c.phone}`).join('\n'),
      ifTubeOut: plan.emergency.ifTubeOut,
      ifSeizure: plan.emergency.ifSeizure,
      other: plan.emergency.other,
      dailySchedule: plan.dailySchedule,
      familyWishes: plan.familyWishes,
      agreed: plan.agreed.join('\n'),
      open: plan.open.join('\n'),
    },
    caseId: file.record.id,
    planVersion: carePlanVersion(file),
  };
}
