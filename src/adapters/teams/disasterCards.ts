import type { ProfileView } from '../../app/disaster/emergencyProfiles';
import type { PriorityListOutcome } from '../../app/disaster/priorityList';
import { DEVICE_KINDS, type DeviceKind } from '../../domain/case';
import { formatIsoDate } from '../../domain/dates';
import { BACKUP_POWER_KINDS, HAZARDS, HELPER_ROLES, planGaps, type EmergencyProfile, type Hazard, type HelperRole } from '../../domain/disaster/emergencyProfile';
import { deviceHours, hoursSince, type PriorityEntry } from '../../domain/disaster/priority';
import type { DueReminder } from '../../domain/disaster/reminders';
import { groupChildren, summarise, SUPPORT_NEEDS, type ChildStanding, type RollCall, type RollCallGroup, type SupportNeed } from '../../domain/disaster/rollCall';
import { formatJst, type MessageKey, type Translate } from '../../i18n';
import { escapeCardText } from './escape';

/**
 * Card data for disaster readiness (issue 11): the emergency profile (personal chat only: it names the
 * child's devices, address and contacts), and the roll-call cards — group lists and the summary by case
 * code only (they go to channels), the priority list as an answer to the person who asked (audited).
 * Free text typed by people is escaped before it goes into a card.
 */
const round1 = (n: number) => Math.round(n * 10) / 10;
const hoursText = (t: Translate, h: number | undefined) => (h === undefined ? t('ep.unknown') : t('ep.hours', { hours: round1(h) }));
const deviceName = (t: Translate, kind: DeviceKind) => t(`device.${kind}` as MessageKey);
const hazardName = (t: Translate, h: Hazard) => t(`ep.hazard.${h}`);
const roleName = (t: Translate, r: HelperRole) => t(`ep.role.${r}`);
const numberText = (n: number | undefined) => (n === undefined ? '' : String(n));
const notice = (n: { text: string; good: boolean } | undefined) => ({ hasNotice: n !== undefined, notice: n?.text ?? '', noticeColor: n?.good === false ? 'Attention' : 'Good' });

function reconfirmLine(t: Translate, v: ProfileView, months: number): { line: string; color: string } {
  const last = v.profile.lastConfirmed ? formatIsoDate(v.profile.lastConfirmed.on) : '';
  const r = v.reconfirmation;
  switch (r.kind) {
    case 'neverConfirmed':
      return { line: t('ep.reconfirm.never', { months }), color: 'Attention' };
    case 'current':
      return { line: t('ep.reconfirm.current', { last, due: formatIsoDate(r.dueOn), months }), color: 'Default' };
    case 'dueSoon':
      return { line: t('ep.reconfirm.dueSoon', { last, due: formatIsoDate(r.dueOn), days: r.daysLeft, months }), color: 'Warning' };
    case 'overdue':
      return { line: t('ep.reconfirm.overdue', { last, due: formatIsoDate(r.dueOn), days: r.daysOverdue, months }), color: 'Attention' };
  }
}

export function emergencyProfileCardData(t: Translate, v: ProfileView, opts: { notice?: { text: string; good: boolean }; printUrl?: string; fictional: boolean; months: number }) {
  const p: EmergencyProfile = v.profile;
  const e = escapeCardText;
  const r = reconfirmLine(t, v, opts.months);
  const gaps = planGaps(p);
  const facts: { label: string; value: string }[] = [
    { label: t('ep.backupPower'), value: [p.backupPower.sources.map((s) => t(`ep.backup.${s}`)).join('、') || t('ep.none'), e(p.backupPower.note)].filter(Boolean).join(' / ') },
    { label: t('ep.oxygen'), value: p.oxygen ? t('ep.oxygenValue', { concentrator: t(p.oxygen.concentrator ? 'ep.yes' : 'ep.no'), cylinders: p.oxygen.cylinders, hours: hoursText(t, p.oxygen.hoursPerCylinder) }) : t('ep.none') },
    { label: t('ep.hospital'), value: e([p.hospital.name, p.hospital.phone, p.hospital.note].filter(Boolean).join(' ')) || '—' },
    { label: t('ep.address'), value: e(p.address) || '—' },
    ...p.evacuation.map((x) => ({ label: t('ep.evacuation', { hazard: hazardName(t, x.hazard) }), value: e([x.place, x.routeNotes].filter(Boolean).join(' / ')) })),
    ...p.helpers.map((h) => ({ label: t('ep.helper', { role: roleName(t, h.role) }), value: e([h.name, h.relation && `（${h.relation}）`, h.phone].filter(Boolean).join(' ')) })),
    { label: t('ep.contacts'), value: e(p.contacts.map((c) => `${c.who} ${c.phone}`).join(' / ')) || '—' },
    { label: t('ep.manual'), value: e(p.manualAlternatives) || '—' },
    { label: t('ep.consent'), value: p.consent ? `${t(`ep.consent.${p.consent.givenBy}`)} ${formatIsoDate(p.consent.recordedOn)} ${e(p.consent.scope)}`.trim() : t('ep.consent.none') },
  ];
  const helper = (role: HelperRole) => p.helpers.find((h) => h.role === role);
  const place = (hazard: Hazard) => p.evacuation.find((x) => x.hazard === hazard);
  return {
    caseId: v.file.record.id,
    version: v.version,
    ...notice(opts.notice),
    title: t('ep.title', { code: v.file.record.code }),
    fictional: opts.fictional || v.file.record.fictional === true,
    fictionalBadge: t('app.fictionalBadge'),
    confidential: t('ep.confidential'),
    hasDraftNote: !v.stored,
    draftNote: t('ep.draftNote'),
    reconfirmLine: r.line,
    reconfirmColor: r.color,
    consentRecorded: p.consent !== undefined,
    consentMissing: t('ep.consentMissing'),
    devicesTitle: t('ep.devices'),
    devices: p.devices.length
      ? p.devices.map((d) => ({ line: d.externalBatteries.count === 0 ? t('ep.deviceLineNoSpare', { device: deviceName(t, d.kind), internal: hoursText(t, d.batteryHours) }) : t('ep.deviceLine', { device: deviceName(t, d.kind), internal: hoursText(t, d.batteryHours), count: d.externalBatteries.count, each: hoursText(t, d.externalBatteries.hoursEach), total: hoursText(t, deviceHours(d)) }) }))
      : [{ line: t('ep.noDevices') }],
    facts,
    hasGaps: gaps.length > 0,
    gapsLine: t('ep.gaps', { gaps: gaps.map((g) => t(`ep.gap.${g}`)).join('、') }),
    canConfirm: v.stored,
    canPrint: v.stored && opts.printUrl === undefined,
    hasPrintUrl: opts.printUrl !== undefined,
    printUrl: opts.printUrl ?? '',
    labels: { confirm: t('ep.confirm'), print: t('ep.print'), printIssue: t('ep.printIssue'), edit: t('ep.edit'), save: t('ep.save') },
    form: {
      kinds: p.devices.map((d) => d.kind).join(','),
      devices: p.devices.map((d, i) => {
        const device = deviceName(t, d.kind);
        return {
          idInternal: `dev${i}_internal`,
          labelInternal: t('ep.in.internal', { device }),
          valueInternal: numberText(d.batteryHours),
          idCount: `dev${i}_count`,
          labelCount: t('ep.in.count', { device }),
          valueCount: String(d.externalBatteries.count),
          idEach: `dev${i}_each`,
          labelEach: t('ep.in.each', { device }),
          valueEach: numberText(d.externalBatteries.hoursEach),
          idNote: `dev${i}_note`,
          labelNote: t('ep.in.deviceNote', { device }),
          valueNote: d.note,
        };
      }),
      backupChoices: BACKUP_POWER_KINDS.map((k) => ({ title: t(`ep.backup.${k}`), value: k })),
      backupSources: p.backupPower.sources.join(','),
      backupNote: p.backupPower.note,
      concentrator: p.oxygen?.concentrator ? 'true' : 'false',
      cylinders: numberText(p.oxygen?.cylinders),
      hoursPerCylinder: numberText(p.oxygen?.hoursPerCylinder),
      supplier: p.oxygen?.supplier ?? '',
      hospitalName: p.hospital.name,
      hospitalPhone: p.hospital.phone,
      hospitalNote: p.hospital.note,
      address: p.address,
      hazards: HAZARDS.map((h) => ({ placeId: `place_${h}`, placeLabel: t('ep.in.place', { hazard: hazardName(t, h) }), place: place(h)?.place ?? '', routeId: `route_${h}`, routeLabel: t('ep.in.route', { hazard: hazardName(t, h) }), route: place(h)?.routeNotes ?? '' })),
      helpers: HELPER_ROLES.map((role) => ({
        nameId: `helper_${role}_name`,
        nameLabel: t('ep.in.helperName', { role: roleName(t, role) }),
        name: helper(role)?.name ?? '',
        relationId: `helper_${role}_relation`,
        relationLabel: t('ep.in.helperRelation', { role: roleName(t, role) }),
        relation: helper(role)?.relation ?? '',
        phoneId: `helper_${role}_phone`,
        phoneLabel: t('ep.in.helperPhone', { role: roleName(t, role) }),
        phone: helper(role)?.phone ?? '',
      })),
      contacts: p.contacts.map((c) => `${c.who} ${c.phone}`).join('\n'),
      manual: p.manualAlternatives,
      consentChoices: (['none', 'guardian', 'self'] as const).map((k) => ({ title: t(`ep.consent.${k}`), value: k })),
      consentGiver: p.consent?.givenBy ?? 'none',
      consentScope: p.consent?.scope ?? '',
      labels: {
        backupSources: t('ep.in.backupSources'),
        backupNote: t('ep.in.backupNote'),
        concentrator: t('ep.in.concentrator'),
        cylinders: t('ep.in.cylinders'),
        hoursPerCylinder: t('ep.in.hoursPerCylinder'),
        supplier: t('ep.in.supplier'),
        hospitalName: t('ep.in.hospitalName'),
        hospitalPhone: t('ep.in.hospitalPhone'),
        hospitalNote: t('ep.in.hospitalNote'),
        address: t('ep.in.address'),
        contacts: t('ep.in.contacts'),
        manual: t('ep.in.manual'),
        consentGiver: t('ep.in.consentGiver'),
        consentScope: t('ep.in.consentScope'),
      },
    },
  };
}

/** The device kinds a card may name (for the form's zod schema). */
export const PROFILE_DEVICE_KINDS = DEVICE_KINDS;

// ---------------------------------------------------------------------------------------------------
// Roll-call

export const reasonText = (t: Translate, rc: RollCall): string => (rc.reason.note ? `${t(`rc.reason.${rc.reason.kind}`)}: ${escapeCardText(rc.reason.note)}` : t(`rc.reason.${rc.reason.kind}`));
const scopeText = (t: Translate, rc: RollCall) => (rc.scope.kind === 'ward' ? t('rc.scope.ward') : rc.scope.districts.map(escapeCardText).join('・'));
export const whoChecks = (t: Translate, g: RollCallGroup): string => (g.responsible.kind === 'coordinator' ? escapeCardText(g.responsible.displayName) : t('rc.casework'));
const statusText = (t: Translate, s: ChildStanding) => t(`rc.status.${s}`);
const needsText = (t: Translate, needs: readonly SupportNeed[]) => needs.map((n) => t(`rc.need.${n}`)).join('・');
const startedLine = (t: Translate, rc: RollCall) => t('rc.startedLine', { scope: scopeText(t, rc), event: formatJst(rc.eventStartedAt), started: formatJst(rc.startedAt), by: escapeCardText(rc.startedBy.displayName) });
const closedLine = (t: Translate, rc: RollCall) => (rc.closed ? t('rc.closedLine', { at: formatJst(rc.closed.at), by: escapeCardText(rc.closed.by.displayName), note: escapeCardText(rc.closed.note) }).trim() : '');
const countsOf = (t: Translate, c: Readonly<Record<ChildStanding, number>>, total: number) => t('rc.countsLine', { safe: c.safe, needsSupport: c.needsSupport, unreachable: c.unreachable, unconfirmed: c.unconfirmed, total });

/**
 * The card of one responsible group: its children by case code with their standing and 無事 / 要支援 /
 * 連絡つかず. `nonce` makes the idempotency keys of this rendering (a repeated click on it records once).
 */
export function rollCallGroupCardData(t: Translate, rc: RollCall, groupKey: string, nonce: string, opts: { notice?: { text: string; good: boolean }; fictional: boolean }) {
  const group = rc.groups.find((g) => g.key === groupKey);
  const rows = groupChildren(rc, groupKey);
  const counts: Record<ChildStanding, number> = { safe: 0, needsSupport: 0, unreachable: 0, unconfirmed: 0 };
  for (const r of rows) counts[r.standing] += 1;
  const safeId = (code: string) => code.replace(/[^0-9A-Za-z]/g, '_');
  return {
    rollCallId: rc.id,
    groupKey,
    refreshUserIds: [] as string[],
    ...notice(opts.notice),
    title: t('rc.groupTitle', { reason: reasonText(t, rc), who: group ? whoChecks(t, group) : '—' }),
    fictional: opts.fictional,
    fictionalBadge: t('app.fictionalBadge'),
    startedLine: startedLine(t, rc),
    countsLine: countsOf(t, counts, rows.length),
    closed: rc.closed !== undefined,
    closedLine: closedLine(t, rc),
    children: rows.map(({ child, standing, latest }) => {
      const code = child.caseCode + (child.districtUnknown ? ` ${t('rc.districtUnknown')}` : '');
      const heading = latest?.status === 'needsSupport' ? t('rc.childHeadingNeeds', { code, needs: needsText(t, latest.needs) }) : t('rc.childHeading', { code, status: statusText(t, standing) });
      const latestLine = latest ? (latest.note ? t('rc.latestLineNote', { at: formatJst(latest.at), by: escapeCardText(latest.by.displayName), note: escapeCardText(latest.note) }) : t('rc.latestLine', { at: formatJst(latest.at), by: escapeCardText(latest.by.displayName) })) : '';
      return {
        caseId: child.caseId,
        heading,
        color: standing === 'unreachable' ? 'Attention' : standing === 'needsSupport' ? 'Warning' : standing === 'safe' ? 'Good' : 'Default',
        style: standing === 'unreachable' ? 'attention' : standing === 'unconfirmed' ? 'emphasis' : 'default',
        hasLatest: latest !== undefined,
        latestLine,
        keySafe: `${nonce}:${child.caseCode}:safe`,
        keyNeeds: `${nonce}:${child.caseCode}:needs`,
        keyUnreachable: `${nonce}:${child.caseCode}:unreachable`,
        needsInputId: `needs_${safeId(child.caseCode)}`,
        noteInputId: `note_${safeId(child.caseCode)}`,
      };
    }),
    labels: { safe: t('rc.safe'), needsSupport: t('rc.needsSupport'), unreachable: t('rc.unreachable'), needs: t('rc.needs'), note: t('rc.note'), submit: t('rc.submitNeeds') },
    needChoices: SUPPORT_NEEDS.map((n) => ({ title: t(`rc.need.${n}`), value: n })),
    privacyNote: t('rc.privacy'),
  };
}

/** The live summary: counts, the children not yet reached (codes only), per group; 終了… for ward staff. */
export function rollCallSummaryCardData(t: Translate, rc: RollCall, opts: { notice?: { text: string; good: boolean }; fictional: boolean; reminderMinutes: number; now: string; closeKey: string }) {
  const s = summarise(rc);
  const codes = (rows: readonly { caseCode: string }[]) => rows.map((r) => r.caseCode).join('、') || t('rc.none');
  const needs = SUPPORT_NEEDS.filter((n) => s.needs[n] > 0);
  return {
    rollCallId: rc.id,
    refreshUserIds: [] as string[],
    ...notice(opts.notice),
    title: t('rc.summaryTitle', { reason: reasonText(t, rc) }),
    fictional: opts.fictional,
    fictionalBadge: t('app.fictionalBadge'),
    startedLine: startedLine(t, rc),
    closed: rc.closed !== undefined,
    closedLine: closedLine(t, rc),
    counts: [
      ...(['safe', 'needsSupport', 'unreachable', 'unconfirmed'] as const).map((k) => ({ label: statusText(t, k), value: String(s.counts[k]) })),
      { label: t('rc.total'), value: String(s.total) },
    ],
    hasNeeds: needs.length > 0,
    needsLine: t('rc.needsLine', { needs: needs.map((n) => `${t(`rc.need.${n}`)} ${s.needs[n]}`).join(' / ') }),
    unconfirmedTitle: t('rc.unconfirmedTitle', { n: s.unconfirmed.length }),
    unconfirmedLine: codes(s.unconfirmed),
    unreachableTitle: t('rc.unreachableTitle', { n: s.unreachable.length }),
    unreachableLine: codes(s.unreachable),
    groupsTitle: t('rc.groupsTitle'),
    groups: s.groups.map((g) => {
      const done = g.counts.safe + g.counts.needsSupport;
      const who = whoChecks(t, g.group);
      return { line: g.open.length ? t('rc.groupLineOpen', { who, total: g.total, done, open: codes(g.open) }) : t('rc.groupLine', { who, total: g.total, done }) };
    }),
    updatedLine: rc.closed ? t('rc.updatedLineClosed', { at: formatJst(opts.now) }) : t('rc.updatedLine', { at: formatJst(opts.now), minutes: opts.reminderMinutes }),
    canClose: rc.closed === undefined,
    closeKey: opts.closeKey,
    labels: { priority: t('rc.priority'), refresh: t('rc.refresh'), close: t('rc.close'), closeNote: t('rc.closeNote'), closeSubmit: t('rc.closeSubmit') },
  };
}

function marginHeading(t: Translate, e: PriorityEntry): { heading: string; color: string } {
  const code = e.caseCode;
  const m = e.margin;
  switch (m.kind) {
    case 'unknown':
      return m.reason === 'noProfile' ? { heading: t('rc.margin.noProfile', { code }), color: 'Attention' } : { heading: t('rc.margin.batteryUnknown', { code, devices: m.devices.map((d) => deviceName(t, d)).join('・') }), color: 'Attention' };
    case 'hours':
      if (m.hoursLeft <= 0) return { heading: t('rc.margin.out', { code, device: deviceName(t, m.device), hours: round1(-m.hoursLeft) }), color: 'Attention' };
      return { heading: t('rc.margin.hours', { code, hours: round1(m.hoursLeft), device: deviceName(t, m.device), until: formatJst(m.runsOutAt) }), color: m.hoursLeft < 6 ? 'Warning' : 'Default' };
    case 'noPoweredDevice':
      return { heading: t('rc.margin.noDevice', { code }), color: 'Default' };
  }
}

/** Who to send power or transport to first (battery margin soonest first); shown only to whoever asked. */
export function rollCallPriorityCardData(t: Translate, rc: RollCall, found: Extract<PriorityListOutcome, { kind: 'found' }>, fictional: boolean) {
  return {
    rollCallId: rc.id,
    title: t('rc.priorityTitle', { reason: reasonText(t, rc) }),
    fictional,
    fictionalBadge: t('app.fictionalBadge'),
    computedLine: t('rc.computedLine', { event: formatJst(found.eventStartedAt), hours: round1(hoursSince(found.eventStartedAt, found.computedAt)), now: formatJst(found.computedAt) }),
    partial: found.partial,
    partialNote: t('rc.partialNote'),
    rows: found.entries.map((e) => {
      const { heading, color } = marginHeading(t, e);
      const status = e.standing === 'needsSupport' ? `${statusText(t, e.standing)}: ${needsText(t, e.needs)}` : statusText(t, e.standing);
      const backup = e.backupPower.length ? t('rc.detail.backup', { sources: e.backupPower.map((b) => t(`ep.backup.${b}`)).join('・') }) : t('rc.detail.noBackup');
      const oxygen = e.oxygenCylinderHours !== undefined ? ` / ${t('rc.detail.oxygen', { hours: round1(e.oxygenCylinderHours) })}` : '';
      return { rank: String(e.rank), heading, color, detail: `${status} / ${backup}${oxygen}` };
    }),
    privacyNote: t('rc.priorityPrivacy'),
    labels: { refresh: t('rc.recalc') },
  };
}

/** A reminder to the people responsible for children not yet reached (codes only). */
export function rollCallReminderCardData(t: Translate, rc: RollCall, r: DueReminder) {
  const group = rc.groups.find((g) => g.key === r.groupKey);
  return {
    title: t('rc.reminderTitle', { reason: reasonText(t, rc), round: r.round }),
    message: t('rc.reminderBody', { who: group ? whoChecks(t, group) : '—', codes: r.children.map((c) => c.caseCode).join('、') }),
    color: 'Attention',
  };
}
