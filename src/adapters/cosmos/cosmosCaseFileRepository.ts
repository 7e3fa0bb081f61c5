import type { Container } from '@azure/cosmos';
import type { CaseFile } from '../../domain/caseFile';
import { hasOutboxWork } from '../../domain/caseFile';
import type { CaseFileRepository, SaveResult, Versioned } from '../../app/ports';
import { caseFileDocument, CASE_FILE_SCHEMA_VERSION, toCaseFile, type CaseFileDocument } from './caseFileSchema';
import { cosmosStatus } from './cosmosStore';

export class CosmosCaseFileRepository implements CaseFileRepository {
  constructor(private readonly container: Container) {}

  async create(file: CaseFile): Promise<'created' | 'exists'> {
    try {
      await this.container.items.create(toDocument(file));
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
      return { value: toCaseFile(caseFileDocument.parse(resource)), etag };
    } catch (err) {
      if (cosmosStatus(err) === 404) return undefined;
      throw err;
    }
  }

  async replace(file: CaseFile, etag: string): Promise<SaveResult> {
    try {
      const response = await this.container.item(file.record.id, file.record.id).replace(toDocument(file), { accessCondition: { type: 'IfMatch', condition: etag } });
      return { kind: 'saved', etag: response.etag };
    } catch (err) {
      if (cosmosStatus(err) === 412 || cosmosStatus(err) === 404) return { kind: 'conflict' };
      throw err;
    }
  }

  async listWithOutboxWork(limit: number): Promise<string[]> {
    const { resources } = await this.container.items
      .query<{ caseId: string }>({ query: 'SELECT TOP @n c.caseId FROM c WHERE c.outboxPending = true', parameters: [{ name: '@n', value: limit }] })
      .fetchAll();
    return resources.map((r) => r.caseId);
  }
}

function toDocument(file: CaseFile): CaseFileDocument {
  return caseFileDocument.parse({
    id: file.record.id,
    caseId: file.record.id,
    schemaVersion: CASE_FILE_SCHEMA_VERSION,
    wardId: file.record.wardId,
    outboxPending: hasOutboxWork(file),
    record: file.record,
    handoffs: file.handoffs,
    consents: file.consents,
    processedActions: file.processedActions,
    pendingAudit: file.pendingAudit,
  });
}
