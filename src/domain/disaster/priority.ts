import type { DeviceKind } from '../case';
import type { BackupPowerKind, EmergencyProfile, PoweredDevice } from './emergencyProfile';
import { latestConfirmation, type ChildStanding, type RollCall, type SupportNeed } from './rollCall';

/**
 * The order in which to send power or transport: children whose devices run out soonest first.
 *
 * A device lasts its internal battery hours plus its spare batteries (count × hours each); a child's margin
 * is the shortest of their devices, minus the hours since the event began. When any of these numbers is
 * missing — no profile, a device with unknown battery time, spare batteries of unknown time — the margin is
 * unknown (「不明」) and the child comes first: nobody knows how long they have, so they are checked first.
 * Children with no powered device come last. Oxygen cylinders are reported beside the margin, not in it
 * (a cylinder keeps oxygen going but not a ventilator or a suction pump); the ward may want to weigh them.
 */
export type PowerMargin =
  | {
      readonly kind: 'unknown';
      readonly reason: 'noProfile' | 'batteryUnknown';
      /** The devices whose time is unknown. */
      readonly devices: readonly DeviceKind[];
      /** The shortest margin among the devices whose time is known (it may already be running out). */
      readonly knownHoursLeft: number | undefined;
    }
  | {
      readonly kind: 'hours';
      /** May be negative: the battery ran out that many hours ago. */
      readonly hoursLeft: number;
      readonly totalHours: number;
      /** The device that runs out first. */
      readonly device: DeviceKind;
      readonly runsOutAt: string;
    }
  | { readonly kind: 'noPoweredDevice' };

const HOUR_MS = 60 * 60 * 1000;

/** Hours a device runs on batteries from a full charge, or undefined when a number is missing. */
export function deviceHours(d: PoweredDevice): number | undefined {
  if (d.batteryHours === undefined) return undefined;
  const spare = d.externalBatteries;
  if (spare.count > 0 && spare.hoursEach === undefined) return undefined;
  return d.batteryHours + spare.count * (spare.hoursEach ?? 0);
}

/** Hours since the event began (0 before it). */
export function hoursSince(eventStartedAt: string, now: string): number {
  return Math.max(0, (Date.parse(now) - Date.parse(eventStartedAt)) / HOUR_MS);
}

export function powerMargin(profile: EmergencyProfile | undefined, eventStartedAt: string, now: string): PowerMargin {
  if (!profile) return { kind: 'unknown', reason: 'noProfile', devices: [], knownHoursLeft: undefined };
  if (profile.devices.length === 0) return { kind: 'noPoweredDevice' };
  const elapsed = hoursSince(eventStartedAt, now);
  const unknown: DeviceKind[] = [];
  let shortest: { hours: number; device: DeviceKind } | undefined;
  for (const d of profile.devices) {
    const hours = deviceHours(d);
    if (hours === undefined) unknown.push(d.kind);
    else if (!shortest || hours < shortest.hours) shortest = { hours, device: d.kind };
  }
  if (unknown.length > 0) return { kind: 'unknown', reason: 'batteryUnknown', devices: unknown, knownHoursLeft: shortest && shortest.hours - elapsed };
  // Every device is known here, so `shortest` is set.
  const s = shortest as { hours: number; device: DeviceKind };
  return { kind: 'hours', hoursLeft: s.hours - elapsed, totalHours: s.hours, device: s.device, runsOutAt: new Date(Date.parse(eventStartedAt) + s.hours * HOUR_MS).toISOString() };
}

/** Hours of oxygen in cylinders (undefined: no cylinders, or their hours unknown). */
export function oxygenCylinderHours(profile: EmergencyProfile | undefined): number | undefined {
  const o = profile?.oxygen;
  if (!o || o.cylinders === 0 || o.hoursPerCylinder === undefined) return undefined;
  return o.cylinders * o.hoursPerCylinder;
}

export interface PriorityEntry {
  /** 1 = first to check / supply. */
  readonly rank: number;
  readonly caseId: string;
  readonly caseCode: string;
  readonly groupKey: string;
  readonly district: string;
  readonly standing: ChildStanding;
  /** Needs reported with the latest 要支援 confirmation. */
  readonly needs: readonly SupportNeed[];
  readonly margin: PowerMargin;
  readonly backupPower: readonly BackupPowerKind[];
  readonly oxygenCylinderHours: number | undefined;
}

const MARGIN_CLASS: Readonly<Record<PowerMargin['kind'], number>> = { unknown: 0, hours: 1, noPoweredDevice: 2 };

/**
 * Among equal margins, by what was reported: 要支援 asking for power or oxygen, then for a hospital, then
 * other needs; then 連絡つかず, not yet confirmed, and 無事 last.
 */
export function needsRank(standing: ChildStanding, needs: readonly SupportNeed[]): number {
  switch (standing) {
    case 'needsSupport':
      if (needs.includes('power') || needs.includes('oxygen')) return 0;
      if (needs.includes('hospital')) return 1;
      return 2;
    case 'unreachable':
      return 3;
    case 'unconfirmed':
      return 4;
    case 'safe':
      return 5;
  }
}

type Unranked = Omit<PriorityEntry, 'rank'>;

function compareEntries(a: Unranked, b: Unranked): number {
  const byClass = MARGIN_CLASS[a.margin.kind] - MARGIN_CLASS[b.margin.kind];
  if (byClass !== 0) return byClass;
  if (a.margin.kind === 'hours' && b.margin.kind === 'hours' && a.margin.hoursLeft !== b.margin.hoursLeft) return a.margin.hoursLeft - b.margin.hoursLeft;
  const byNeeds = needsRank(a.standing, a.needs) - needsRank(b.standing, b.needs) || b.needs.length - a.needs.length;
  if (byNeeds !== 0) return byNeeds;
  if (a.margin.kind === 'unknown' && b.margin.kind === 'unknown') {
    const ak = a.margin.knownHoursLeft ?? Number.POSITIVE_INFINITY;
    const bk = b.margin.knownHoursLeft ?? Number.POSITIVE_INFINITY;
    if (ak !== bk) return ak < bk ? -1 : 1;
  }
  return a.caseCode.localeCompare(b.caseCode);
}

/**
 * Every child of the roll-call in priority order. `profileOf` gives the child's emergency profile
 * (undefined: none recorded → 不明).
 */
export function priorityList(rc: RollCall, profileOf: (caseId: string) => EmergencyProfile | undefined, now: string): PriorityEntry[] {
  const rows: Unranked[] = rc.children.map((child) => {
    const profile = profileOf(child.caseId);
    const latest = latestConfirmation(rc, child.caseId);
    return {
      caseId: child.caseId,
      caseCode: child.caseCode,
      groupKey: child.groupKey,
      district: child.district,
      standing: latest?.status ?? 'unconfirmed',
      needs: latest?.status === 'needsSupport' ? latest.needs : [],
      margin: powerMargin(profile, rc.eventStartedAt, now),
      backupPower: profile?.backupPower.sources ?? [],
      oxygenCylinderHours: oxygenCylinderHours(profile),
    };
  });
  return rows.sort(compareEntries).map((r, i) => ({ rank: i + 1, ...r }));
}
