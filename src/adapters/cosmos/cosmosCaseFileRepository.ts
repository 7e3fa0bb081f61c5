import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { CASE_STATUSES, URGENCIES } from '../../domain/case';
import type { CaseFile } from '../../domain/caseFile';
import { hasOutboxWork, hasParkedCards } from '../../domain/caseFile';
import type { CaseFileRepository, CaseIndex, CaseSummary, SaveResult, Versioned } from '../../app/ports';
import { caseSearchKey } from '../../domain/searchKey';
import { caseFileDocument, CASE_FILE_SCHEMA_VERSION, toCaseFile, type CaseFileDocument } from './caseFileSchema';
import { cosmosStatus } from './cosmosStore';
import type { CaseFileProjection } from './caseFileProjection';

/**
 * Case files in Cosmos DB. With a projection (production and `npm start`), list questions are answered
 * from it and every write here updates it at once; without one (tests of the store itself), by queries.
 */
export class CosmosCaseFileRepository implements CaseFileRepository, CaseIndex {
  /** Last version read or written per case (bounded, least recently used first out). */
  private readonly recent = new Map<string, Versioned<CaseFile>>();

  constructor(
    private readonly container: Container,
    private readonly projection?: CaseFileProjection,
    private readonly recentLimit = 5000,
  ) {}

  loadCached(caseId: string): Versioned<CaseFile> | undefined {
    return this.recent.get(caseId);
  }

  private remember(caseId: string, value: Versioned<CaseFile>): void {
    this.recent.delete(caseId);
    this.recent.set(caseId, value);
    if (this.recent.size > this.recentLimit) this.recent.delete(this.recent.keys().next().value as string);
  }

  async create(file: CaseFile): Promise<'created' | 'exists'> {
    try {
      const doc = toDocument(file);
      const created = await this.container.items.create(doc);
      this.projection?.applyDocument(doc);
      if (created.etag) this.remember(doc.caseId, { value: file, etag: created.etag });
      return 'created';
    } catch (err) {
      if (cosmosStatus(err) === 409) return 'exists';
      throw err;
    }
  }

  async load(caseId: string): Promise<Versioned<CaseFile> | undefined> {
    try {
      const { resource, etag } = await this.container.item(caseId, caseId).read();
      if (!resource) return undefined;
      const loaded = { value: toCaseFile(caseFileDocument.parse(resource)), etag };
      this.remember(caseId, loaded);
      return loaded;
    } catch (err) {
      if (cosmosStatus(err) === 404) return undefined;
      throw err;
    }
  }

  async replace(file: CaseFile, etag: string): Promise<SaveResult> {
    try {
      const doc = toDocument(file);
      const response = await this.container.item(file.record.id, file.record.id).replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
      this.projection?.applyDocument(doc);
      this.remember(doc.caseId, { value: file, etag: response.etag });
      return { kind: 'saved', etag: response.etag };
    } catch (err) {
      if (cosmosStatus(err) === 412 || cosmosStatus(err) === 404) {
        this.recent.delete(file.record.id);
        return { kind: 'conflict' };
      }
      throw err;
    }
  }

  async search(wardId: string, normalisedText: string, limit: number): Promise<CaseSummary[]> {
    if (this.projection) return this.projection.search(wardId, normalisedText, limit);
    return this.summaries('c.wardId = @ward AND CONTAINS(c.searchKey, @q)', [{ name: '@ward', value: wardId }, { name: '@q', value: normalisedText }], limit);
  }

  async assignedTo(wardId: string, aadObjectId: string, limit: number): Promise<CaseSummary[]> {
    if (this.projection) return this.projection.assignedTo(wardId, aadObjectId, limit);
    return this.summaries('c.wardId = @ward AND c.record.assignedCoordinator.aadObjectId = @me', [{ name: '@ward', value: wardId }, { name: '@me', value: aadObjectId }], limit);
  }

  private async summaries(where: string, parameters: { name: string; value: string }[], limit: number): Promise<CaseSummary[]> {
    const { resources } = await this.container.items
      .query<unknown>({
        query: `SELECT TOP @n c.caseId, c.record.code, c.record.child.name, c.record.child.nameKana, c.record.urgency, c.record.status, c.record.assignedCoordinator.displayName AS coordinator, c.record.assignedCoordinator.aadObjectId AS coordinatorId, c.record.createdAt FROM c WHERE ${where}`,
        parameters: [...parameters, { name: '@n', value: limit }],
      })
      .fetchAll();
    return resources.map((r) => {
      const row = summaryRow.parse(r);
      return { caseId: row.caseId, code: row.code, childName: row.name, childNameKana: row.nameKana, urgency: row.urgency, status: row.status, assignedCoordinator: row.coordinator, assignedCoordinatorId: row.coordinatorId, createdAt: row.createdAt };
    });
  }

  async listEndedNotAnonymised(limit: number): Promise<string[]> {
    if (this.projection) return this.projection.endedNotAnonymised(limit);
    const { resources } = await this.container.items
      .query<{ caseId: string }>({
        query: "SELECT TOP @n c.caseId FROM c WHERE (c.record.status = 'closed' OR c.record.status = 'transferred') AND NOT IS_DEFINED(c.record.anonymisedAt)",
        parameters: [{ name: '@n', value: limit }],
      })
      .fetchAll();
    return resources.map((r) => r.caseId);
  }

  async listOpen(limit: number): Promise<string[]> {
    if (this.projection) return this.projection.openCases(limit);
    return this.ids("(c.record.status = 'intake' OR c.record.status = 'active' OR c.record.status = 'monitoring') AND NOT IS_DEFINED(c.record.anonymisedAt)", limit);
  }

  async listAwaitingAcceptance(limit: number): Promise<string[]> {
    if (this.projection) return this.projection.awaitingAcceptance(limit);
    // Without the projection: every open case (the escalation job looks at each handoff itself).
    return this.listOpen(limit);
  }

  async listWithParkedCards(limit: number): Promise<string[]> {
    if (this.projection) return this.projection.withParkedCards(limit);
    return this.ids('c.parkedCards = true', limit);
  }

  private async ids(where: string, limit: number): Promise<string[]> {
    const { resources } = await this.container.items.query<{ caseId: string }>({ query: `SELECT TOP @n c.caseId FROM c WHERE ${where}`, parameters: [{ name: '@n', value: limit }] }).fetchAll();
    return resources.map((r) => r.caseId);
  }

  async listWithOutboxWork(limit: number): Promise<string[]> {
    if (this.projection) return this.projection.withOutboxWork(limit);
    const { resources } = await this.container.items
      .query<{ caseId: string }>({ query: 'SELECT TOP @n c.caseId FROM c WHERE c.outboxPending = true', parameters: [{ name: '@n', value: limit }] })
      .fetchAll();
    return resources.map((r) => r.caseId);
  }
}

const summaryRow = z.object({
  caseId: z.string(),
  code: z.string(),
  name: z.string(),
  nameKana: z.string(),
  urgency: z.enum(URGENCIES),
  status: z.enum(CASE_STATUSES),
  coordinator: z.string().optional(),
  coordinatorId: z.string().optional(),
  createdAt: z.string(),
});

function toDocument(file: CaseFile): CaseFileDocument {
  return caseFileDocument.parse({
    id: file.record.id,
    caseId: file.record.id,
    schemaVersion: CASE_FILE_SCHEMA_VERSION,
    wardId: file.record.wardId,
    outboxPending: hasOutboxWork(file),
    searchKey: caseSearchKey(file.record.child.name, file.record.child.nameKana, file.record.code),
    record: file.record,
    handoffs: file.handoffs,
    consents: file.consents,
    processedActions: file.processedActions,
    pendingAudit: file.pendingAudit,
    milestones: file.milestones ?? [],
    carePlan: file.carePlan,
    packages: file.packages ?? [],
    contacts: file.contacts ?? [],
    monitoring: file.monitoring,
    milestoneCards: file.milestoneCards ?? [],
    workDone: file.workDone ?? [],
    entitlements: file.entitlements,
    emergencyProfile: file.emergencyProfile,
    parkedCards: hasParkedCards(file),
  });
}
