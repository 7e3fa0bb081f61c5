import { CARE_ITEM_CODES } from '../../../../src/domain/careItems';
import type { StatsCase } from '../../../../src/domain/stats/statsCase';

/** A seeded random fictional ward (for property tests of the suppression): same seed, same ward. */
export function randomWard(seed: number, children: number, districts: readonly string[]): StatsCase[] {
  let s = seed;
  const rnd = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  return Array.from({ length: children }, () => {
    const created = '2025-01-01T00:00:00Z';
    const sentAt = `2026-${pick(['10', '11', '12'])}-0${1 + Math.floor(rnd() * 8)}T01:00:00Z`;
    const accepted = new Date(Date.parse(sentAt) + Math.floor(rnd() * 10) * 86_400_000).toISOString();
    return {
      birthDate: { year: 2006 + Math.floor(rnd() * 20), month: 1 + Math.floor(rnd() * 12), day: 1 + Math.floor(rnd() * 28) },
      enrolmentKind: undefined,
      careItems: CARE_ITEM_CODES.filter(() => rnd() < 0.12).map((code) => ({ code, watchLevel: pick(['low', 'high'] as const) })),
      district: rnd() < 0.05 ? '' : pick(districts),
      createdAt: created,
      statusHistory: [{ status: 'active', at: created }],
      coordinatorKey: rnd() < 0.9 ? `co${Math.floor(rnd() * 8)}` : undefined,
      handoffs: rnd() < 0.4 ? [{ type: 'intake', createdAt: sentAt, events: [{ type: 'sent', to: pick(['coordinators', 'casework'] as const), at: sentAt }, ...(rnd() < 0.7 ? [{ type: 'accepted' as const, at: accepted }] : [])] }] : [],
      milestones: [],
      fictional: true,
    };
  });
}
