import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import type { Language } from '../../app/ports';
import type { IssueStatsCsvOutcome } from '../../app/stats/statsCsvLinks';
import type { WardStatsOutcome, WardStatsRequest } from '../../app/stats/wardStats';
import { formatIsoDate } from '../../domain/dates';
import type { Actor } from '../../domain/directory';
import { periodRange, type ReportPeriod } from '../../domain/stats/period';
import { DISTRICT_OTHER, DISTRICT_UNSET } from '../../domain/stats/statsCase';
import type { LocalisedText, TransitionKind } from '../../domain/transitions/transitionData';
import { formatJst, type MessageKey, type Translate } from '../../i18n';
import { statsCardData } from '../charts/statsCard';
import { statsLabels, type StatsLabels } from '../charts/statsLabels';
import { cardAttachment } from './cardRenderer';
import { noticeCardData } from './cardData';
import { invokeError, invokeMessage } from './invokeResponses';

/** The use cases 統計 calls (bound in main.ts). */
export interface StatsUseCases {
  view(req: WardStatsRequest): Promise<WardStatsOutcome>;
  issueCsv(req: { actor: Actor; period: ReportPeriod; language: Language; conversationId: string | undefined }): Promise<IssueStatsCsvOutcome>;
  /** The absolute download URL of a CSV link token. */
  csvUrl(token: string): string;
  /** A card in the person's personal chat (false when the bot has no personal conversation with them). */
  sendToPersonalChat(aadObjectId: string, card: Attachment): Promise<boolean>;
}

/** What the 統計 command asked for (see commands.ts). */
export interface StatsCommand {
  readonly period: ReportPeriod | { readonly invalid: string } | undefined;
  readonly district: string | undefined;
}

const notice = (ctx: TurnContext, t: Translate, key: MessageKey, params: Record<string, string> = {}) => ctx.sendActivity(MessageFactory.attachment(cardAttachment('notice', noticeCardData(t, key, params))));
/**
 * 統計 (issue 8) as the bot shows it. The card holds no name and only safe counts (suppressed under k, with
 * complements), so it may be shown where it is asked for — personal chat, a group chat or a channel of the
 * ward's team — but only ward case workers and the secretary may ask. In a channel or group chat it is in
 * the ward's language (others read it too). The CSV export is a one-time link that only the person who
 * pressed the button receives, in their personal chat (anyone else in a channel may press it; the role is
 * checked for whoever presses).
 */
export class StatsHandlers {
  constructor(
    private readonly useCases: StatsUseCases,
    /** Transition titles for the continuity table (from the milestone data). */
    private readonly transitionTitles: Partial<Record<TransitionKind, LocalisedText>>,
    private readonly wardLanguage: Language,
    /** Names of the rows of extension tables (the issue categories, kept as data). */
    private readonly rowNames: Readonly<Record<string, LocalisedText>> = {},
  ) {}

  private labels(language: Language): StatsLabels {
    return statsLabels(language, this.transitionTitles, this.rowNames);
  }

  private periodText(labels: StatsLabels, p: ReportPeriod): string {
    const range = periodRange(p);
    return labels.period(p, formatIsoDate(range.from), formatIsoDate(range.to));
  }

  /** 統計 [四半期] [地区]. `language` is the asker's; shared conversations get the ward's. */
  async onCommand(ctx: TurnContext, t: Translate, actor: Actor | undefined, command: StatsCommand, language: Language): Promise<void> {
    if (!actor) return void (await notice(ctx, t, 'COMMON.NOT_REGISTERED'));
    if (command.period && 'invalid' in command.period) return void (await notice(ctx, t, 'STATS.BAD_PERIOD', { text: command.period.invalid }));
    const outcome = await this.useCases.view({
      actor,
      ...(command.period ? { period: command.period } : {}),
      ...(command.district !== undefined ? { district: command.district } : {}),
      conversationId: ctx.activity.conversation?.id,
    });
    const labels = this.labels(language);
    switch (outcome.kind) {
      case 'notAuthorised':
        return void (await notice(ctx, t, 'STATS.NOT_AUTHORISED'));
      case 'periodNotEnded':
        return void (await notice(ctx, t, 'STATS.PERIOD_NOT_ENDED', { period: this.periodText(labels, outcome.period), last: this.periodText(labels, outcome.lastEnded) }));
      case 'unknownDistrict': {
        const names = outcome.districts.filter((d) => d !== DISTRICT_OTHER && d !== DISTRICT_UNSET).map((d) => labels.district(d));
        return void (await notice(ctx, t, 'STATS.UNKNOWN_DISTRICT', { district: command.district ?? '', districts: names.join('、') || '—' }));
      }
      case 'report': {
        const shared = ctx.activity.conversation?.conversationType !== 'personal';
        const cardLabels = shared ? this.labels(this.wardLanguage) : labels;
        const data = statsCardData(outcome.report, cardLabels, outcome.district === undefined ? {} : { district: outcome.district });
        await ctx.sendActivity(MessageFactory.attachment(cardAttachment('stats', data)));
        return;
      }
    }
  }

  /** CSVで書き出す on the stats card: a one-time link in the presser's personal chat. */
  async onCsv(ctx: TurnContext, t: Translate, actor: Actor, period: ReportPeriod, language: Language): Promise<void> {
    const issued = await this.useCases.issueCsv({ actor, period, language, conversationId: ctx.activity.conversation?.id });
    if (issued.kind === 'notAuthorised') return invokeError(ctx, 403, 'STATS.NOT_AUTHORISED', t('STATS.NOT_AUTHORISED'));
    const labels = this.labels(language);
    if (issued.kind === 'periodNotEnded') return invokeError(ctx, 400, 'STATS.PERIOD_NOT_ENDED', t('STATS.PERIOD_NOT_ENDED', { period: this.periodText(labels, issued.period), last: this.periodText(labels, issued.lastEnded) }));
    const card = cardAttachment('statsCsvLink', {
      title: labels.text('csvTitle', { year: period.schoolYear, quarter: period.quarter }),
      note: labels.text('csvNote', { until: formatJst(issued.expiresAt) }),
      label: labels.text('csvOpen'),
      url: this.useCases.csvUrl(issued.token),
    });
    if (ctx.activity.conversation?.conversationType === 'personal') {
      await ctx.sendActivity(MessageFactory.attachment(card));
      return invokeMessage(ctx, t('STATS.CSV_SENT'));
    }
    const sent = await this.useCases.sendToPersonalChat(actor.aadObjectId, card);
    return sent ? invokeMessage(ctx, t('STATS.CSV_SENT')) : invokeError(ctx, 409, 'STATS.NO_PERSONAL_CHAT', t('STATS.NO_PERSONAL_CHAT'));
  }
}
