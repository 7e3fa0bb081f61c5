import { releaseParked } from '../domain/caseFile';
import type { WardDirectory } from '../domain/directory';
import { mutateCaseFile } from './mutateCaseFile';
import type { UnreachableChannel } from './outboxWorker';
import type { ActorResolver, AdminAlert, AdminNotifier, CaseFileRepository, Clock, Language, PersonalConversations, TeamConversations, UserPreferences } from './ports';

export interface TeamReferenceLogger {
  info(message: string, fields: Record<string, string | number>): void;
  warn(message: string, fields: Record<string, string | number>): void;
}

export interface TeamReferenceDeps {
  readonly teams: TeamConversations;
  readonly repo: CaseFileRepository;
  readonly directory: WardDirectory;
  readonly clock: Clock;
  readonly conversations: PersonalConversations;
  readonly actors: ActorResolver;
  readonly prefs: UserPreferences;
  readonly admins: AdminNotifier;
  readonly defaultLanguage: Language;
  readonly onOutboxWork: (caseId: string) => void;
  readonly log: TeamReferenceLogger;
}

export interface TeamRef {
  readonly teamId: string;
  readonly serviceUrl: string;
  readonly tenantId: string | undefined;
}

/**
 * The app was added to a team (installationUpdate in team scope, or conversationUpdate with the bot among
 * the members added): store where the team is, and when it had been unreachable, offer the cards that
 * waited (parked) to the outbox again.
 */
export async function teamAdded(deps: TeamReferenceDeps, ref: TeamRef): Promise<{ released: number }> {
  const { wasUnreachable } = await deps.teams.remember(ref, deps.clock.now().toISOString());
  if (!wasUnreachable) return { released: 0 };
  let released = 0;
  for (const caseId of await deps.repo.listWithParkedCards(20_000)) {
    const outcome = await mutateCaseFile<boolean>(deps.repo, caseId, (file) => ({ save: releaseParked(file), result: true }));
    if (outcome.kind === 'done' && outcome.saved) {
      released++;
      deps.onOutboxWork(caseId);
    }
  }
  deps.log.info('team reachable again; parked cards released', { cases: released });
  return { released };
}

/** The app was removed from the team: mark it unreachable (no posting until it is back) and tell an administrator. */
export async function teamRemoved(deps: TeamReferenceDeps, ref: TeamRef): Promise<void> {
  const flipped = await deps.teams.markUnreachable(ref.teamId, ref, { status: 0, reason: 'uninstalled', organisation: undefined, channelId: undefined }, deps.clock.now().toISOString());
  if (flipped) await alertAdministrators(deps, { kind: 'channelUnreachable', reason: 'uninstalled', status: 0, organisation: undefined });
}

/**
 * Teams answered 403/404 for a channel post (the outbox parked the card): the team is marked unreachable
 * (403), or only that channel missing (404 / ConversationNotFound), and the instance that marked it tells the
 * administrators once, instead of retrying forever.
 */
export async function channelUnreachable(deps: TeamReferenceDeps, channel: UnreachableChannel): Promise<void> {
  const teamId = deps.directory.channelOf(channel.organisation)?.teamId;
  if (!teamId) return;
  const detail = { status: channel.status, reason: channel.reason, organisation: channel.organisation, channelId: channel.address.channelId };
  const flipped = await deps.teams.markUnreachable(teamId, channel.address, detail, deps.clock.now().toISOString());
  if (flipped) await alertAdministrators(deps, { kind: 'channelUnreachable', reason: channel.reason, status: channel.status, organisation: channel.organisation });
}

/**
 * Tells every administrator whose personal chat is known (their conversation reference is stored): a
 * personal message, because the team's channels — 障がい児支援係 included — are what cannot be reached.
 * Returns how many were told; with none, the log says so (and the health of the team shows in the logs).
 */
export async function alertAdministrators(deps: TeamReferenceDeps, alert: AdminAlert): Promise<number> {
  let told = 0;
  for (const c of await deps.conversations.list(5000)) {
    const actor = await deps.actors.resolve(c.aadObjectId, undefined);
    if (!actor?.roles.includes('admin')) continue;
    const language = (await deps.prefs.getLanguage(c.aadObjectId)) ?? deps.defaultLanguage;
    const delivery = await deps.admins.sendAdminAlert(c, alert, language);
    if (delivery.kind === 'sent') told++;
    else if (delivery.kind === 'unreachable') await deps.conversations.forget(c.aadObjectId);
  }
  const fields: Record<string, string | number> = alert.kind === 'channelUnreachable' ? { status: alert.status, reason: alert.reason } : { kind: alert.kind };
  if (told === 0) deps.log.warn('administrator alert not delivered (no administrator personal chat known)', fields);
  else deps.log.warn('administrators told', { told, ...fields });
  return told;
}
