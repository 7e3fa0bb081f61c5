import type { OrganisationKey } from './directory';

/**
 * Consent to share (法69条: provision to another organ needs a basis; the clean one is consent). Recorded per
 * case, per receiving organisation and per data category, with who recorded it and when; revocable.
 * Source: ../shared/domain/REFERENCE.md §9.1 (P4–P6, P9).
 */
export const DATA_CATEGORIES = ['basic', 'medicalCare', 'emergency', 'family'] as const;
/** 基本情報 / 医療的ケア / 緊急時情報 / 家庭状況 */
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Who gave the consent: a guardian, or the young person themself (18+: the subject changes). */
export type ConsentGiver = 'guardian' | 'self';

export interface ConsentRecord {
  readonly id: string;
  readonly organisation: OrganisationKey;
  readonly category: DataCategory;
  readonly givenBy: ConsentGiver;
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly revokedBy?: string;
  readonly revokedAt?: string;
}

/** What a handoff to an organisation shares: the basic record and the medical care it must provide. */
export const HANDOFF_SHARES: readonly DataCategory[] = ['basic', 'medicalCare'];

/** Organisations inside the collecting body (the desk itself) need no consent to receive. */
const NO_CONSENT_NEEDED: ReadonlySet<OrganisationKey> = new Set(['desk']);

export function hasActiveConsent(consents: readonly ConsentRecord[], organisation: OrganisationKey, category: DataCategory): boolean {
  return consents.some((c) => c.organisation === organisation && c.category === category && c.revokedAt === undefined);
}

/** The categories still lacking consent for sharing with an organisation (empty: sharing is allowed). */
export function missingConsents(consents: readonly ConsentRecord[], organisation: OrganisationKey, categories: readonly DataCategory[] = HANDOFF_SHARES): DataCategory[] {
  if (NO_CONSENT_NEEDED.has(organisation)) return [];
  return categories.filter((c) => !hasActiveConsent(consents, organisation, c));
}

export function recordConsent(consents: readonly ConsentRecord[], record: ConsentRecord): ConsentRecord[] {
  if (hasActiveConsent(consents, record.organisation, record.category)) return [...consents];
  return [...consents, record];
}

export function revokeConsent(consents: readonly ConsentRecord[], organisation: OrganisationKey, category: DataCategory, by: string, at: string): ConsentRecord[] {
  return consents.map((c) => (c.organisation === organisation && c.category === category && c.revokedAt === undefined ? { ...c, revokedBy: by, revokedAt: at } : c));
}
