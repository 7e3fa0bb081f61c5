/**
 * Where conferences are kept: one document per meeting, in a container of its own partitioned by ward, so
 * a ward's conferences are one partition (listWardConferences is a single-partition query) and every step
 * of the flow is a point read + a conditional replace (IfMatch ETag) there.
 */
import type { Meeting } from '../../domain/meetings/meeting';
import type { SaveResult, Versioned } from '../ports';

export interface MeetingRepository {
  /** 'exists' when a meeting with this id was created before in the ward (a repeated first step). */
  create(meeting: Meeting): Promise<'created' | 'exists'>;
  load(wardId: string, meetingId: string): Promise<Versioned<Meeting> | undefined>;
  /** A stale ETag (somebody saved since) or a deleted document is a conflict, never an overwrite. */
  replace(meeting: Meeting, etag: string): Promise<SaveResult>;
  /**
   * The ward's conferences (重症心身障がい・医療的ケア児等会議) that are scheduled — the event exists and is not
   * cancelled — ordered by start, earliest first. For publishing agendas into the event body.
   */
  listWardConferences(wardId: string): Promise<Versioned<Meeting>[]>;
  /** Meetings with calendar work, audit entries or a card update still owed (the worker's sweep). */
  listWithWork(limit: number): Promise<{ readonly wardId: string; readonly meetingId: string }[]>;
}
