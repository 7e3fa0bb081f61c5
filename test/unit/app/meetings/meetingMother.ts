import { proposeCaseConference, type Meeting } from '../../../../src/domain/meetings/meeting';

/** Conferences for tests (fictional mailboxes of config/ward.embedded.json). */
export const MeetingMother = {
  COORDINATOR: 'ichiro.suzuki@itabashi.example',
  COORDINATOR_ID: '00000000-0000-4000-8000-000000000002',
  SECRETARY: 'osamu.kobayashi@itabashi.example',
  SECRETARY_ID: '00000000-0000-4000-8000-000000000009',
  ATTENDEES: ['sakura.ito@itabashi.example', 'rie.nakamura@itabashi.example', 'sho.watanabe@itabashi.example'] as const,

  /** A proposed case conference of 2026-0012 (Tue 2026-11-24 11:00–12:30 JST offered first). */
  proposedCase(over: Partial<Meeting> = {}): Meeting {
    const slot = { start: new Date('2026-11-24T02:00:00Z'), end: new Date('2026-11-24T03:30:00Z') };
    const r = proposeCaseConference({
      meetingId: 'm-case-1',
      wardId: 'itabashi',
      caseCode: '2026-0012',
      organiser: MeetingMother.COORDINATOR,
      organiserId: MeetingMother.COORDINATOR_ID,
      attendees: [...MeetingMother.ATTENDEES],
      slot,
      proposals: [slot, { start: new Date('2026-11-24T06:00:00Z'), end: new Date('2026-11-24T07:30:00Z') }],
      at: '2026-11-20T01:00:00.000Z',
    });
    if (r.kind !== 'ready') throw new Error(r.code);
    return { ...r.meeting, ...over };
  },

  /** A scheduled ward conference (重症心身障がい・医療的ケア児等会議) with its Teams link. */
  scheduledWard(meetingId: string, startIso: string, over: Partial<Meeting> = {}): Meeting {
    const start = new Date(startIso);
    const r = proposeCaseConference({
      meetingId,
      wardId: 'itabashi',
      kind: 'wardConference',
      caseCode: undefined,
      organiser: MeetingMother.SECRETARY,
      organiserId: MeetingMother.SECRETARY_ID,
      attendees: [MeetingMother.COORDINATOR, ...MeetingMother.ATTENDEES],
      slot: { start, end: new Date(start.getTime() + 90 * 60_000) },
      at: '2026-11-20T01:00:00.000Z',
    });
    if (r.kind !== 'ready') throw new Error(r.code);
    return { ...r.meeting, status: 'scheduled', eventId: `evt-${meetingId}`, joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0', ...over };
  },
};
