import type { Container } from '@azure/cosmos';
import type { SaveResult } from '../../app/ports';
import { cosmosStatus } from './cosmosStore';

/**
 * The three guarded item operations every repository here uses, in one place: a create that reports a
 * repeat (409) instead of failing, a read that gives the ETag (404 → undefined), and a replace only from the
 * version read (IfMatch; 412, or 404 when the item is gone, → conflict). Other statuses are thrown: the
 * caller's retry or outbox decides.
 */
export async function createOnce(container: Container, doc: { readonly id: string }): Promise<'created' | 'exists'> {
  try {
    await container.items.create(doc);
    return 'created';
  } catch (err) {
    if (cosmosStatus(err) === 409) return 'exists';
    throw err;
  }
}

export async function readWithEtag(container: Container, id: string, partitionKey: string): Promise<{ readonly resource: unknown; readonly etag: string } | undefined> {
  try {
    const { resource, etag } = await container.item(id, partitionKey).read();
    return resource ? { resource, etag } : undefined;
  } catch (err) {
    if (cosmosStatus(err) === 404) return undefined;
    throw err;
  }
}

export async function replaceIfMatch(container: Container, id: string, partitionKey: string, doc: object, etag: string): Promise<SaveResult> {
  try {
    const response = await container.item(id, partitionKey).replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
    return { kind: 'saved', etag: response.etag };
  } catch (err) {
    const status = cosmosStatus(err);
    if (status === 412 || status === 404) return { kind: 'conflict' };
    throw err;
  }
}
