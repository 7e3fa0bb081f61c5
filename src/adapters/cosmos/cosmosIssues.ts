import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { AUDIT_OPERATIONS, type AuditEntry } from '../../domain/audit';
import { ORGANISATION_KEYS } from '../../domain/directory';
import { AGENDA_STATES, OUTCOME_RESULTS, type Agenda, type AgendaCandidate } from '../../domain/issues/agenda';
import { ISSUE_SEVERITIES, ISSUE_STATUSES, type Issue } from '../../domain/issues/issue';
import { LIFE_STAGES } from '../../domain/lifeStage';
import type { AgendaRepository, IssueListRow, IssueRepository, IssueStatsRow, StoredIssue } from '../../app/issues/ports';
import type { SaveResult, Versioned } from '../../app/ports';
import { createOnce, readWithEtag, replaceIfMatch } from './guardedItems';

/**
 * The issue stock (課題) and the conference agendas in the `issues` container, partition key /wardId: every
 * agenda pull, every list of a case's issues and the statistics are single-partition queries; an issue or an
 * agenda is one point read and one conditional replace (IfMatch ETag). Documents are checked with zod on read.
 */
export const ISSUES_SCHEMA_VERSION = 1;
const iso = z.string().min(1);
const date = z.object({ year: z.number().int(), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) });
const audit = z.object({ id: z.string(), caseId: z.string(), actor: z.string(), operation: z.enum(AUDIT_OPERATIONS), action: z.string(), fields: z.array(z.string()), at: iso, conversationId: z.string().optional() });

const issueDocument = z.object({
  id: z.string(),
  type: z.literal('issue'),
  schemaVersion: z.literal(ISSUES_SCHEMA_VERSION),
  wardId: z.string().min(1),
  caseId: z.string().optional(),
  caseCode: z.string().optional(),
  category: z.string().min(1),
  lifeStage: z.enum(LIFE_STAGES),
  severity: z.enum(ISSUE_SEVERITIES),
  status: z.enum(ISSUE_STATUSES),
  description: z.string(),
  summary: z.string(),
  raise: z.boolean(),
  /** Denormalised for the agenda query. */
  awaiting: z.boolean(),
  recordedBy: z.string(),
  recordedAt: iso,
  history: z.array(z.object({ status: z.enum(ISSUE_STATUSES), at: iso, by: z.string(), via: z.enum(['record', 'agenda']) })),
  discussedOn: z.array(z.string()),
  fictional: z.boolean(),
  pendingAudit: z.array(audit),
  hasPendingAudit: z.boolean(),
});
type IssueDocument = z.infer<typeof issueDocument>;

const outcome = z.object({ decision: z.string(), department: z.enum(ORGANISATION_KEYS).optional(), due: date.optional(), result: z.enum(OUTCOME_RESULTS) });
const agendaDocument = z.object({
  id: z.string(),
  type: z.literal('agenda'),
  schemaVersion: z.literal(ISSUES_SCHEMA_VERSION),
  wardId: z.string().min(1),
  seq: z.number().int().min(1),
  state: z.enum(AGENDA_STATES),
  version: z.number().int().min(1),
  createdAt: iso,
  conference: z.object({ meetingId: z.string(), start: iso }).optional(),
  items: z.array(
    z.object({ issueId: z.string(), category: z.string(), lifeStage: z.enum(LIFE_STAGES), severity: z.enum(ISSUE_SEVERITIES), summary: z.string(), carriedOver: z.boolean(), included: z.boolean(), outcome: outcome.optional() }),
  ),
  published: z.object({ by: z.string(), at: iso }).optional(),
  closed: z.object({ by: z.string(), at: iso }).optional(),
  followUps: z.array(
    z.object({ id: z.string(), issueId: z.string(), decision: z.string(), department: z.enum(ORGANISATION_KEYS), due: date, done: z.object({ by: z.string(), at: iso }).optional(), remindedOn: date.optional() }),
  ),
  outbox: z.object({ channelCard: z.boolean(), eventBody: z.boolean(), issues: z.boolean() }),
  channelCard: z.object({ activityId: z.string(), conversationId: z.string() }).optional(),
  fictional: z.boolean(),
});
type AgendaDocument = z.infer<typeof agendaDocument>;

/** Optional fields are left out of the document rather than written as undefined. */
function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function issueToDocument(s: StoredIssue): IssueDocument {
  const i = s.issue;
  return issueDocument.parse(
    defined({
      id: i.issueId,
      type: 'issue',
      schemaVersion: ISSUES_SCHEMA_VERSION,
      ...i,
      issueId: undefined,
      awaiting: i.raise && i.status === 'open',
      pendingAudit: s.pendingAudit.map((e) => defined({ ...e })),
      hasPendingAudit: s.pendingAudit.length > 0,
    }),
  );
}

function issueOf(doc: IssueDocument): StoredIssue {
  const { id, type: _t, schemaVersion: _v, awaiting: _a, pendingAudit, hasPendingAudit: _p, ...rest } = doc;
  const issue: Issue = { ...rest, issueId: id, caseId: rest.caseId, caseCode: rest.caseCode };
  return { issue, pendingAudit: pendingAudit.map((e): AuditEntry => ({ ...e, conversationId: e.conversationId })) };
}

function agendaToDocument(a: Agenda): AgendaDocument {
  return agendaDocument.parse(
    defined({
      ...a,
      id: a.agendaId,
      agendaId: undefined,
      type: 'agenda',
      schemaVersion: ISSUES_SCHEMA_VERSION,
      items: a.items.map((it) => defined({ ...it, outcome: it.outcome ? defined({ ...it.outcome }) : undefined })),
      followUps: a.followUps.map((f) => defined({ ...f })),
    }),
  );
}

function agendaOf(doc: AgendaDocument): Agenda {
  const { id, type: _t, schemaVersion: _v, ...rest } = doc;
  return {
    ...rest,
    agendaId: id,
    conference: rest.conference,
    published: rest.published,
    closed: rest.closed,
    channelCard: rest.channelCard,
    items: rest.items.map((it) => ({ ...it, outcome: it.outcome ? { ...it.outcome, department: it.outcome.department, due: it.outcome.due } : undefined })),
    followUps: rest.followUps.map((f) => ({ ...f, done: f.done, remindedOn: f.remindedOn })),
  };
}

const candidateRow = issueDocument.pick({ id: true, category: true, lifeStage: true, severity: true, summary: true, discussedOn: true, recordedAt: true, raise: true, status: true });
const listRow = issueDocument.pick({ id: true, category: true, lifeStage: true, severity: true, summary: true, discussedOn: true, recordedAt: true, raise: true, status: true, recordedBy: true, caseId: true });
const statsRow = z.object({ category: z.string(), status: z.enum(ISSUE_STATUSES), recordedAt: iso, history: issueDocument.shape.history, fictional: z.boolean() });

export class CosmosIssueRepository implements IssueRepository {
  constructor(private readonly container: Container) {}

  create(issue: StoredIssue): Promise<'created' | 'exists'> {
    return createOnce(this.container, issueToDocument(issue));
  }

  async load(wardId: string, issueId: string): Promise<Versioned<StoredIssue> | undefined> {
    const found = await readWithEtag(this.container, issueId, wardId);
    if (!found) return undefined;
    const parsed = z.object({ type: z.string() }).parse(found.resource);
    if (parsed.type !== 'issue') return undefined;
    return { value: issueOf(issueDocument.parse(found.resource)), etag: found.etag };
  }

  replace(issue: StoredIssue, etag: string): Promise<SaveResult> {
    return replaceIfMatch(this.container, issue.issue.issueId, issue.issue.wardId, issueToDocument(issue), etag);
  }

  private async query(wardId: string, where: string, params: { name: string; value: string }[] = []): Promise<IssueDocument[]> {
    const { resources } = await this.container.items
      .query({ query: `SELECT * FROM c WHERE c.type = 'issue' AND ${where}`, parameters: [{ name: '@w', value: wardId }, ...params] }, { partitionKey: wardId })
      .fetchAll();
    return resources.map((r) => issueDocument.parse(r));
  }

  /** Only the fields an agenda shows (no description or history), so the pull stays small however long the texts. */
  async awaitingConference(wardId: string): Promise<AgendaCandidate[]> {
    const { resources } = await this.container.items
      .query(
        {
          query: "SELECT c.id, c.category, c.lifeStage, c.severity, c.summary, c.discussedOn, c.recordedAt, c.raise, c.status FROM c WHERE c.type = 'issue' AND c.wardId = @w AND c.awaiting = true",
          parameters: [{ name: '@w', value: wardId }],
        },
        { partitionKey: wardId },
      )
      .fetchAll();
    return resources.map((r) => {
      const { id, ...rest } = candidateRow.parse(r);
      return { issueId: id, ...rest };
    });
  }

  async listForCase(wardId: string, caseId: string): Promise<Issue[]> {
    return (await this.query(wardId, 'c.wardId = @w AND c.caseId = @c', [{ name: '@c', value: caseId }]))
      .map((d) => issueOf(d).issue)
      .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
  }

  async listOpen(wardId: string): Promise<IssueListRow[]> {
    const { resources } = await this.container.items
      .query(
        {
          query: "SELECT c.id, c.category, c.lifeStage, c.severity, c.summary, c.discussedOn, c.recordedAt, c.raise, c.status, c.recordedBy, c.caseId FROM c WHERE c.type = 'issue' AND c.wardId = @w AND c.status = 'open'",
          parameters: [{ name: '@w', value: wardId }],
        },
        { partitionKey: wardId },
      )
      .fetchAll();
    return resources
      .map((r) => {
        const { id, caseId, ...rest } = listRow.parse(r);
        return { issueId: id, ...rest, caseId };
      })
      .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt) || a.issueId.localeCompare(b.issueId));
  }

  async listWithPendingAudit(wardId: string, limit: number): Promise<string[]> {
    const { resources } = await this.container.items
      .query({ query: "SELECT c.id FROM c WHERE c.type = 'issue' AND c.wardId = @w AND c.hasPendingAudit = true", parameters: [{ name: '@w', value: wardId }] }, { partitionKey: wardId })
      .fetchAll();
    return resources.map((r) => z.object({ id: z.string() }).parse(r).id).slice(0, limit);
  }

  async listForStats(wardId: string): Promise<IssueStatsRow[]> {
    const { resources } = await this.container.items
      .query({ query: "SELECT c.category, c.status, c.recordedAt, c.history, c.fictional FROM c WHERE c.type = 'issue' AND c.wardId = @w", parameters: [{ name: '@w', value: wardId }] }, { partitionKey: wardId })
      .fetchAll();
    return resources.map((r) => statsRow.parse(r));
  }
}

export class CosmosAgendaRepository implements AgendaRepository {
  constructor(private readonly container: Container) {}

  create(agenda: Agenda): Promise<'created' | 'exists'> {
    return createOnce(this.container, agendaToDocument(agenda));
  }

  async load(wardId: string, agendaId: string): Promise<Versioned<Agenda> | undefined> {
    const found = await readWithEtag(this.container, agendaId, wardId);
    return found ? { value: agendaOf(agendaDocument.parse(found.resource)), etag: found.etag } : undefined;
  }

  async list(wardId: string): Promise<Versioned<Agenda>[]> {
    const { resources } = await this.container.items
      .query({ query: "SELECT * FROM c WHERE c.type = 'agenda' AND c.wardId = @w", parameters: [{ name: '@w', value: wardId }] }, { partitionKey: wardId })
      .fetchAll();
    return resources
      .map((r) => {
        const etag = z.object({ _etag: z.string() }).parse(r)._etag;
        return { value: agendaOf(agendaDocument.parse(r)), etag };
      })
      .sort((a, b) => a.value.seq - b.value.seq);
  }

  replace(agenda: Agenda, etag: string): Promise<SaveResult> {
    return replaceIfMatch(this.container, agenda.agendaId, agenda.wardId, agendaToDocument(agenda), etag);
  }
}
