import type { AgendaView, FollowUpReminderView } from '../../app/issues/agendaView';
import type { AgendaChannel } from '../../app/issues/ports';
import type { CardDelivery, Language } from '../../app/ports';
import type { IssueTaxonomy } from '../../domain/issues/categories';
import type { ConversationAddress } from '../../domain/handoff';
import { translator } from '../../i18n';
import { cardAttachment } from './cardRenderer';
import { agendaCardData, followUpReminderCardData } from './issueCards';
import type { TeamsMessenger } from './teamsMessenger';

/** The agenda card in the secretariat channel (read-only there) and follow-up reminders in departments' channels, in the ward's language. */
export class TeamsAgendaChannel implements AgendaChannel {
  constructor(
    private readonly messenger: Pick<TeamsMessenger, 'showCard'>,
    private readonly taxonomy: IssueTaxonomy,
    private readonly language: Language,
  ) {}

  showAgenda(address: ConversationAddress, activityId: string | undefined, view: AgendaView): Promise<CardDelivery> {
    const t = translator(this.language);
    return this.messenger.showCard(address, activityId, cardAttachment('agenda', agendaCardData(t, this.language, this.taxonomy, view, { editable: false })));
  }

  showFollowUpReminder(address: ConversationAddress, view: FollowUpReminderView): Promise<CardDelivery> {
    return this.messenger.showCard(address, undefined, cardAttachment('followUpReminder', followUpReminderCardData(translator(this.language), view)));
  }
}
