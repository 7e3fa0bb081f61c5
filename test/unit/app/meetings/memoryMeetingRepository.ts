import type { MeetingRepository } from '../../../../src/app/meetings/meetingRepository';
import type { SaveResult, Versioned } from '../../../../src/app/ports';
import { hasMeetingWork, type Meeting } from '../../../../src/domain/meetings/meeting';

/** MeetingRepository in memory (same contract as Cosmos: test/contract/meetings.test.ts), for use-case tests. */
export class MemoryMeetingRepository implements MeetingRepository {
  private readonly docs = new Map<string, { value: Meeting; etag: string }>();
  private seq = 0;
  private key = (wardId: string, meetingId: string) => `${wardId}|${meetingId}`;

  async create(meeting: Meeting): Promise<'created' | 'exists'> {
    const k = this.key(meeting.wardId, meeting.meetingId);
    if (this.docs.has(k)) return 'exists';
    this.docs.set(k, { value: structuredClone(meeting), etag: `"${++this.seq}"` });
    return 'created';
  }

  async load(wardId: string, meetingId: string): Promise<Versioned<Meeting> | undefined> {
    const d = this.docs.get(this.key(wardId, meetingId));
    return d && { value: structuredClone(d.value), etag: d.etag };
  }

  async replace(meeting: Meeting, etag: string): Promise<SaveResult> {
    const k = this.key(meeting.wardId, meeting.meetingId);
    const d = this.docs.get(k);
    if (!d || d.etag !== etag) return { kind: 'conflict' };
    const next = { value: structuredClone(meeting), etag: `"${++this.seq}"` };
    this.docs.set(k, next);
    return { kind: 'saved', etag: next.etag };
  }

  async listWardConferences(wardId: string): Promise<Versioned<Meeting>[]> {
    return [...this.docs.values()]
      .filter((d) => d.value.wardId === wardId && d.value.kind === 'wardConference' && d.value.status === 'scheduled')
      .sort((a, b) => a.value.start.getTime() - b.value.start.getTime() || a.value.meetingId.localeCompare(b.value.meetingId))
      .map((d) => ({ value: structuredClone(d.value), etag: d.etag }));
  }

  async listWithWork(limit: number): Promise<{ wardId: string; meetingId: string }[]> {
    return [...this.docs.values()]
      .filter((d) => hasMeetingWork(d.value))
      .slice(0, limit)
      .map((d) => ({ wardId: d.value.wardId, meetingId: d.value.meetingId }));
  }
}
