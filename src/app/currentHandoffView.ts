import { findHandoff } from '../domain/caseFile';
import type { CardPlacement } from '../domain/handoff';
import type { CaseFileRepository, Clock } from './ports';
import { handoffView, type HandoffCardView } from './views';

/** The minimal card view of a handoff as it is stored now (what everyone in the channel may see). */
export async function currentHandoffView(deps: { repo: CaseFileRepository; clock: Clock }, caseId: string, handoffId: string, placement: Pick<CardPlacement, 'role' | 'organisation'>): Promise<HandoffCardView | undefined> {
  const loaded = await deps.repo.load(caseId);
  const handoff = loaded && findHandoff(loaded.value, handoffId);
  return loaded && handoff ? handoffView(loaded.value, handoff, placement, deps.clock.now()) : undefined;
}
