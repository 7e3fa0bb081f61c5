import type { MeetingRepository } from '../meetings/meetingRepository';
import type { WriteConferenceBodyOutcome, WriteConferenceBodyRequest } from '../meetings/writeConferenceBody';
import type { BodyWrite, WardConferences } from './ports';

/**
 * The ward conferences the agenda is written into: the scheduled 重症心身障がい・医療的ケア児等会議 meetings (kind
 * wardConference) and their event bodies. A body write the calendar could not take now is kept as owed
 * work on the meeting by the meeting worker, so for the agenda it is handed over ('written'): nothing is
 * dropped, and the agenda does not retry what the meeting already owes.
 */
export function wardConferencesFromMeetings(meetings: Pick<MeetingRepository, 'listWardConferences'>, write: (req: WriteConferenceBodyRequest) => Promise<WriteConferenceBodyOutcome>): WardConferences {
  return {
    async next(wardId, after) {
      const upcoming = (await meetings.listWardConferences(wardId)).map((v) => v.value).filter((m) => m.start.getTime() > after.getTime());
      upcoming.sort((a, b) => a.start.getTime() - b.start.getTime());
      const first = upcoming[0];
      return first ? { meetingId: first.meetingId, start: first.start.toISOString() } : undefined;
    },
    async writeBody(wardId, meetingId, bodyText): Promise<BodyWrite> {
      const outcome = await write({ wardId, meetingId, bodyText });
      switch (outcome.kind) {
        case 'written':
        case 'deferred':
          return { kind: 'written' };
        default:
          return { kind: 'gone' };
      }
    },
  };
}
