import type { Actor } from '../../domain/directory';
import type { Agenda } from '../../domain/issues/agenda';
import type { ChannelAddressBook } from '../channelAddress';
import type { AuditTrail, Clock } from '../ports';
import type { AgendaChannel, AgendaRepository, IssueRepository, WardConferences } from './ports';

export interface AgendaDeps {
  readonly agendas: AgendaRepository;
  readonly issues: IssueRepository;
  readonly conferences: WardConferences;
  readonly channel: AgendaChannel;
  readonly addressBook: () => ChannelAddressBook;
  readonly audit: Pick<AuditTrail, 'append'>;
  readonly clock: Clock;
  readonly wardId: string;
  readonly fictional: boolean;
  /** The taxonomy's order: new items are grouped by it. */
  readonly categoryOrder: readonly string[];
  /** The plain-text agenda written into the calendar event (from the message catalogue). */
  readonly bodyText: (agenda: Agenda) => string;
  readonly log: { warn(message: string, fields: Record<string, string | number>): void };
}

/** The conference secretary (重症心身障がい・医療的ケア児等会議の事務局) pulls, edits, publishes and closes agendas. */
export const maySecretary = (actor: Actor): boolean => actor.roles.includes('secretary');
