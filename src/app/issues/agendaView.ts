import type { Agenda, FollowUp } from '../../domain/issues/agenda';

/** What the agenda card shows: the agenda itself (no names by construction) and, for the secretary, open follow-ups. */
export interface AgendaView {
  readonly agenda: Agenda;
  /** Open follow-up tasks of earlier conferences, oldest deadline first. */
  readonly openFollowUps: readonly (FollowUp & { readonly agendaId: string; readonly seq: number })[];
}

/** A follow-up reminder for a department's channel. */
export interface FollowUpReminderView {
  readonly agendaId: string;
  readonly seq: number;
  readonly task: FollowUp;
  readonly overdue: boolean;
}
