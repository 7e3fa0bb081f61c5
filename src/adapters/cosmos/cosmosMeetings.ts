import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { AUDIT_OPERATIONS } from '../../domain/audit';
import { hasMeetingWork, MEETING_KINDS, MEETING_STATUSES, type Meeting, type MeetingWork } from '../../domain/meetings/meeting';
import type { MeetingRepository } from '../../app/meetings/meetingRepository';
import type { SaveResult, Versioned } from '../../app/ports';
import { createOnce, readWithEtag, replaceIfMatch } from './guardedItems';

/**
 * Conferences (支援会議 and the ward's 重症心身障がい・医療的ケア児等会議) in the `meetings` container, partition
 * key `/wardId`, one document per meeting (id = meetingId). Documents are parsed with zod on read (with
 * `schemaVersion`); writes replace with the ETag they were read with (IfMatch → 412 = conflict).
 * A ward holds a few hundred conferences a year: its partition stays small, and the ward's list is one
 * single-partition query. `hasWork` is denormalised for the worker's sweep (a cross-partition query, rare).
 */
export const MEETING_SCHEMA_VERSION = 1;

const iso = z.iso.datetime({ offset: true });
const interval = z.object({ start: iso, end: iso });
const address = z.object({ serviceUrl: z.string().min(1), tenantId: z.string().optional(), conversationId: z.string().min(1), channelId: z.string().optional(), isChannel: z.boolean() });
const work = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('create'), attempts: z.number().int().min(0), notBefore: iso }),
  z.object({ kind: z.literal('reschedule'), slot: interval, attempts: z.number().int().min(0), notBefore: iso }),
  z.object({ kind: z.literal('cancel'), attempts: z.number().int().min(0), notBefore: iso }),
  z.object({ kind: z.literal('body'), attempts: z.number().int().min(0), notBefore: iso }),
]);
const auditEntry = z.object({
  id: z.string(),
  caseId: z.string(),
  actor: z.string(),
  operation: z.enum(AUDIT_OPERATIONS),
  action: z.string(),
  fields: z.array(z.string()),
  at: z.string(),
  conversationId: z.string().optional(),
});

const meetingDocument = z.object({
  id: z.string().min(1),
  wardId: z.string().min(1),
  schemaVersion: z.literal(MEETING_SCHEMA_VERSION),
  hasWork: z.boolean(),
  kind: z.enum(MEETING_KINDS),
  caseCode: z.string().optional(),
  organiser: z.string().min(1),
  organiserId: z.string().optional(),
  attendees: z.array(z.string()),
  subject: z.string(),
  start: iso,
  end: iso,
  status: z.enum(MEETING_STATUSES),
  eventId: z.string().optional(),
  joinUrl: z.string().optional(),
  proposals: z.array(interval).default([]),
  work: work.optional(),
  card: z.object({ address, activityId: z.string().min(1), language: z.enum(['ja', 'en']), owed: z.boolean() }).optional(),
  bodyText: z.string().optional(),
  pendingAudit: z.array(auditEntry).default([]),
  problem: z.string().optional(),
  createdAt: iso,
  updatedAt: iso,
});
type MeetingDocument = z.infer<typeof meetingDocument>;

const isoOf = (d: Date) => d.toISOString();
const intervalOf = (i: { start: string; end: string }) => ({ start: new Date(i.start), end: new Date(i.end) });

function workOf(w: MeetingDocument['work']): MeetingWork | undefined {
  if (w === undefined) return undefined;
  return w.kind === 'reschedule' ? { ...w, slot: intervalOf(w.slot) } : w;
}

function toDocument(m: Meeting): MeetingDocument {
  if (m.wardId === '') throw new Error('MEETING.NO_WARD: a stored meeting belongs to a ward');
  const w = m.work;
  return meetingDocument.parse({
    id: m.meetingId,
    wardId: m.wardId,
    schemaVersion: MEETING_SCHEMA_VERSION,
    hasWork: hasMeetingWork(m),
    kind: m.kind,
    caseCode: m.caseCode,
    organiser: m.organiser,
    organiserId: m.organiserId,
    attendees: m.attendees,
    subject: m.subject,
    start: isoOf(m.start),
    end: isoOf(m.end),
    status: m.status,
    eventId: m.eventId,
    joinUrl: m.joinUrl,
    proposals: m.proposals.map((p) => ({ start: isoOf(p.start), end: isoOf(p.end) })),
    work: w === undefined ? undefined : w.kind === 'reschedule' ? { ...w, slot: { start: isoOf(w.slot.start), end: isoOf(w.slot.end) } } : w,
    card: m.card && { ...m.card, address: { ...m.card.address } },
    bodyText: m.bodyText,
    pendingAudit: m.pendingAudit,
    problem: m.problem,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  });
}

/** Cosmos drops undefined fields on write; optional fields come back absent, which the domain types allow. */
function toMeeting(doc: MeetingDocument): Meeting {
  return {
    meetingId: doc.id,
    wardId: doc.wardId,
    kind: doc.kind,
    caseCode: doc.caseCode,
    organiser: doc.organiser,
    organiserId: doc.organiserId,
    attendees: doc.attendees,
    subject: doc.subject,
    start: new Date(doc.start),
    end: new Date(doc.end),
    status: doc.status,
    eventId: doc.eventId,
    joinUrl: doc.joinUrl,
    proposals: doc.proposals.map(intervalOf),
    work: workOf(doc.work),
    card: doc.card && { ...doc.card, address: { ...doc.card.address, tenantId: doc.card.address.tenantId, channelId: doc.card.address.channelId } },
    bodyText: doc.bodyText,
    pendingAudit: doc.pendingAudit.map((a) => ({ ...a, conversationId: a.conversationId })),
    problem: doc.problem,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

const MAX_LIST = 1000;
const workRow = z.object({ wardId: z.string(), id: z.string() });

export class CosmosMeetingRepository implements MeetingRepository {
  constructor(private readonly meetings: Container) {}

  create(meeting: Meeting): Promise<'created' | 'exists'> {
    return createOnce(this.meetings, toDocument(meeting));
  }

  async load(wardId: string, meetingId: string): Promise<Versioned<Meeting> | undefined> {
    const found = await readWithEtag(this.meetings, meetingId, wardId);
    return found ? { value: toMeeting(meetingDocument.parse(found.resource)), etag: found.etag } : undefined;
  }

  replace(meeting: Meeting, etag: string): Promise<SaveResult> {
    return replaceIfMatch(this.meetings, meeting.meetingId, meeting.wardId, toDocument(meeting), etag);
  }

  async listWardConferences(wardId: string): Promise<Versioned<Meeting>[]> {
    const { resources } = await this.meetings.items
      .query<unknown>(
        { query: "SELECT * FROM c WHERE c.wardId = @w AND c.kind = 'wardConference' AND c.status = 'scheduled'", parameters: [{ name: '@w', value: wardId }] },
        { partitionKey: wardId },
      )
      .fetchAll();
    return resources
      .map((raw) => {
        const etag = (raw as { _etag?: unknown })._etag;
        if (typeof etag !== 'string') throw new Error('MEETING.NO_ETAG: a stored meeting came back without its ETag');
        return { value: toMeeting(meetingDocument.parse(raw)), etag };
      })
      .sort((a, b) => a.value.start.getTime() - b.value.start.getTime() || a.value.meetingId.localeCompare(b.value.meetingId));
  }

  async listWithWork(limit: number): Promise<{ wardId: string; meetingId: string }[]> {
    const { resources } = await this.meetings.items.query<unknown>({ query: 'SELECT c.wardId, c.id FROM c WHERE c.hasWork = true' }).fetchAll();
    return resources
      .map((r) => workRow.parse(r))
      .slice(0, Math.min(limit, MAX_LIST))
      .map((r) => ({ wardId: r.wardId, meetingId: r.id }));
  }
}
