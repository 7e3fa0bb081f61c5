import { daysBetween, type BusinessCalendar } from '../../domain/businessCalendar';
import type { CaseRecord } from '../../domain/case';
import { compareDates, type CalendarDate } from '../../domain/dates';
import type { OrganisationKey } from '../../domain/directory';
import { findService, type ServiceCatalogue, type ServiceDefinition } from '../../domain/services/catalogue';
import { ageWindowOn, childProfileOf, matchServices, type HeldCertificate, type ServiceInUse, type ServiceMatch } from '../../domain/services/eligibility';
import { addMonths } from '../../domain/transitions/dueDates';
import { applyMilestoneStates, childOnCalendar, type MilestoneState, type TrackedMilestone } from '../../domain/transitions/milestoneState';
import type { LocalisedText, SourceRef, TransitionData } from '../../domain/transitions/transitionData';
import { upcomingMilestones } from '../../domain/transitions/upcoming';
import { ORGANISATION_DESKS } from './desks';

/**
 * 見通し <案件番号>: the next 24 months of one child, in date order — the transitions and their milestones
 * (config/transitions.json through upcomingMilestones and the ward's business calendar), the systems the
 * child is likely eligible for and does not use yet (config/services.json through matchServices), and the
 * renewals, yearly reports and age limits of the systems in use — each with where to go. Pure: everything
 * comes in as arguments; reading the case (with its audit entry) is caseRoadmap.ts.
 */

export const ROADMAP_HORIZON_MONTHS = 24;

export const ROADMAP_ITEM_KINDS = ['milestone', 'renewal', 'annualEvent', 'serviceEnds', 'serviceStart'] as const;
export type RoadmapItemKind = (typeof ROADMAP_ITEM_KINDS)[number];

/** How the date reads: due by (まで), from (から), some time in the month (中), on the day, or now (今から). */
export type RoadmapDateKind = 'due' | 'from' | 'month' | 'on' | 'now';

export interface WhereToGo {
  readonly organisation: OrganisationKey | undefined;
  readonly desk: LocalisedText;
  readonly contact: string | undefined;
  /** False when the Itabashi desk is inferred (要確認). */
  readonly confirmed: boolean;
}

export interface RoadmapItem {
  readonly kind: RoadmapItemKind;
  /** Stable within the roadmap: the milestone id, or "<serviceId>:start", "<eventId>:<year>", … */
  readonly id: string;
  /** undefined: no date is known (listed apart, "時期を確認"). */
  readonly date: CalendarDate | undefined;
  readonly dateKind: RoadmapDateKind;
  /** For staff. */
  readonly title: LocalisedText;
  /** For the family version, in plain words. */
  readonly familyTitle: LocalisedText;
  /** What the system gives (family-safe text from the catalogue). */
  readonly about: LocalisedText | undefined;
  /** When and how to apply (family-safe text from the catalogue). */
  readonly when: LocalisedText | undefined;
  readonly where: WhereToGo;
  /** 要確認: a rule could not be checked, the date is a stand-in, or the Itabashi facts are NOT FOUND. */
  readonly toConfirm: boolean;
  /** What to check with the family or the ward (family-safe texts). */
  readonly confirmTexts: readonly LocalisedText[];
  readonly overdue: boolean;
  readonly serviceId: string | undefined;
  readonly milestoneId: string | undefined;
  // Internal, for staff only — never in the family version:
  /** The catalogue rules (or the milestone) that put the item here, e.g. "shoman.eligibility.ages[0]". */
  readonly rules: readonly string[];
  readonly note: string | undefined;
  readonly sources: readonly SourceRef[];
}

export interface RoadmapView {
  readonly caseId: string;
  readonly caseCode: string;
  readonly today: CalendarDate;
  readonly until: CalendarDate;
  readonly horizonMonths: number;
  /** Dated items, in date order (overdue milestones first). */
  readonly items: readonly RoadmapItem[];
  /** Items without a known date (renewals whose date is not recorded). */
  readonly undated: readonly RoadmapItem[];
  /** Service ids passed as in use that the catalogue does not know (ignored). */
  readonly unknownServicesInUse: readonly string[];
  /** The certificates were not recorded, so certificate rules are 要確認. */
  readonly certificatesUnknown: boolean;
  readonly fictional: boolean;
  readonly dataVersions: { readonly services: string; readonly transitions: string };
}

export interface RoadmapData {
  readonly catalogue: ServiceCatalogue;
  readonly transitions: TransitionData;
  readonly calendar: BusinessCalendar;
}

export interface RoadmapInput {
  readonly record: Pick<CaseRecord, 'id' | 'code' | 'child' | 'careItems' | 'devices' | 'enrolment' | 'fictional'>;
  readonly today: CalendarDate;
  /** Systems the family already uses (not stored on the case yet: the caller passes them). */
  readonly servicesInUse: readonly ServiceInUse[];
  /** undefined = not recorded: certificate rules become 要確認. */
  readonly certificates: readonly HeldCertificate[] | undefined;
  /** 完了 / 延期 decisions on milestones (CaseFile.milestones). */
  readonly milestoneStates: readonly MilestoneState[];
  readonly horizonMonths?: number;
}

const KIND_ORDER: Readonly<Record<RoadmapItemKind, number>> = { milestone: 0, renewal: 1, annualEvent: 2, serviceEnds: 3, serviceStart: 4 };

const TEXT = {
  placeholderDate: { ja: '日程は区に確認してください（区の日程が確認できていません）。', en: "Check the date with the ward (the ward's schedule is not confirmed)." },
  renewalDateUnknown: { ja: '更新・届出の時期を確認してください。', en: 'Check when the renewal or report is due.' },
  deskUnconfirmed: { ja: '窓口は区に確認してください。', en: 'Check the desk with the ward.' },
} as const satisfies Readonly<Record<string, LocalisedText>>;

const whereOf = (s: ServiceDefinition): WhereToGo => ({ organisation: s.apply.organisation, desk: s.apply.desk, contact: s.apply.contact, confirmed: s.apply.confirmed });
const internalNote = (s: ServiceDefinition): string | undefined => [s.note, ...s.gaps].filter((x): x is string => !!x).join(' / ') || undefined;
const withDesk = (s: ServiceDefinition, texts: readonly LocalisedText[]): LocalisedText[] => (s.apply.confirmed ? [...texts] : [...texts, TEXT.deskUnconfirmed]);

function milestoneItem(m: TrackedMilestone, today: CalendarDate): RoadmapItem {
  return {
    kind: 'milestone',
    id: m.id,
    date: m.dueDate,
    dateKind: 'due',
    title: { ja: `${m.title.ja}（${m.transitionTitle.ja}）`, en: `${m.title.en} (${m.transitionTitle.en})` },
    familyTitle: m.title,
    about: m.transitionTitle,
    when: undefined,
    where: { organisation: m.organisation, desk: ORGANISATION_DESKS[m.organisation], contact: undefined, confirmed: !m.placeholder },
    toConfirm: m.placeholder,
    confirmTexts: m.placeholder ? [TEXT.placeholderDate] : [],
    overdue: compareDates(m.dueDate, today) < 0,
    serviceId: undefined,
    milestoneId: m.id,
    rules: [`transitions.${m.id}`],
    note: m.note,
    sources: m.sources,
  };
}

function serviceStartItem(match: ServiceMatch, today: CalendarDate): RoadmapItem {
  const s = match.service;
  const now = compareDates(match.eligibleFrom, today) <= 0;
  return {
    kind: 'serviceStart',
    id: `${s.id}:start`,
    date: match.eligibleFrom,
    dateKind: now ? 'now' : 'from',
    title: { ja: `${s.name.ja}：利用・申請を検討`, en: `${s.name.en}: consider applying` },
    familyTitle: { ja: `「${s.name.ja}」が使えるかもしれません`, en: `You may be able to use: ${s.name.en}` },
    about: s.gives,
    when: s.timing.apply,
    where: whereOf(s),
    toConfirm: match.verdict === 'toConfirm',
    confirmTexts: withDesk(s, match.toConfirm),
    overdue: false,
    serviceId: s.id,
    milestoneId: undefined,
    rules: match.rules.map((r) => r.rule),
    note: internalNote(s),
    sources: s.sources,
  };
}

/** Renewals, yearly reports and the age limit of one system in use, inside [today, until]. */
function inUseItems(s: ServiceDefinition, use: ServiceInUse, birth: CalendarDate, today: CalendarDate, until: CalendarDate): RoadmapItem[] {
  const out: RoadmapItem[] = [];
  const { within, end } = ageWindowOn(s, birth, today);
  const base = { about: s.gives, where: whereOf(s), serviceId: s.id, milestoneId: undefined, note: internalNote(s), sources: s.sources };
  if (use.renewalDue && compareDates(use.renewalDue, until) <= 0) {
    out.push({
      ...base,
      kind: 'renewal',
      id: `${s.id}:renewal`,
      date: use.renewalDue,
      dateKind: 'due',
      title: { ja: `${s.name.ja}：更新・有効期限`, en: `${s.name.en}: renewal / expiry` },
      familyTitle: { ja: `「${s.name.ja}」の更新の期限`, en: `Renewal deadline: ${s.name.en}` },
      when: s.timing.renewal.text,
      toConfirm: !s.apply.confirmed,
      confirmTexts: withDesk(s, []),
      overdue: compareDates(use.renewalDue, today) < 0,
      rules: [`${s.id}.timing.renewal`, `inUse.${s.id}.renewalDue`],
    });
  } else if (!use.renewalDue && s.timing.renewal.cycle !== 'none' && s.timing.annualEvents.length === 0) {
    out.push({
      ...base,
      kind: 'renewal',
      id: `${s.id}:renewal`,
      date: undefined,
      dateKind: 'due',
      title: { ja: `${s.name.ja}：更新の時期を確認`, en: `${s.name.en}: check the renewal date` },
      familyTitle: { ja: `「${s.name.ja}」の更新の時期`, en: `When to renew: ${s.name.en}` },
      when: s.timing.renewal.text,
      toConfirm: true,
      confirmTexts: withDesk(s, [TEXT.renewalDateUnknown]),
      overdue: false,
      rules: [`${s.id}.timing.renewal`],
    });
  }
  // Yearly reports only while the child is inside the system's age rules.
  const events = within ? s.timing.annualEvents : [];
  events.forEach((event, index) => {
    for (let year = today.year; year <= until.year; year++) {
      const date = { year, month: event.month, day: event.day ?? 1 };
      const current = event.day === undefined ? year * 12 + event.month >= today.year * 12 + today.month : compareDates(date, today) >= 0;
      if (!current || compareDates(date, until) > 0) continue;
      if (end && compareDates(date, end) >= 0) continue;
      out.push({
        ...base,
        kind: 'annualEvent',
        id: `${event.id}:${year}`,
        date,
        dateKind: event.day === undefined ? 'month' : 'on',
        title: event.title,
        familyTitle: event.title,
        when: s.timing.renewal.text,
        toConfirm: !s.apply.confirmed,
        confirmTexts: withDesk(s, []),
        overdue: false,
        rules: [`${s.id}.timing.annualEvents[${index}]`],
      });
    }
  });
  if (end && compareDates(end, until) <= 0) {
    const exception = s.eligibility.ageException?.side === 'older' ? s.eligibility.ageException.text : undefined;
    out.push({
      ...base,
      kind: 'serviceEnds',
      id: `${s.id}:ends`,
      date: end,
      dateKind: 'on',
      title: { ja: `${s.name.ja}：対象年齢の終わり`, en: `${s.name.en}: age limit reached` },
      familyTitle: { ja: `「${s.name.ja}」は年齢により対象外になります`, en: `${s.name.en} ends at this age` },
      when: undefined,
      toConfirm: exception !== undefined,
      confirmTexts: exception ? [exception] : [],
      overdue: false,
      rules: [`${s.id}.eligibility.ages`],
    });
  }
  return out;
}

/**
 * Date order; on the same day by kind (milestones first), then likely before 要確認; otherwise as built
 * (the sort is stable: milestones keep the engine's order, systems the catalogue's).
 */
const byDate = (a: RoadmapItem, b: RoadmapItem): number =>
  compareDates(a.date ?? LAST, b.date ?? LAST) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || Number(a.toConfirm) - Number(b.toConfirm);
const LAST: CalendarDate = { year: 9999, month: 12, day: 31 };

/** The roadmap of one child for the next `horizonMonths` (24 by default). */
export function buildRoadmap(input: RoadmapInput, data: RoadmapData): RoadmapView {
  const { record, today } = input;
  const horizonMonths = input.horizonMonths ?? ROADMAP_HORIZON_MONTHS;
  const until = addMonths(today, horizonMonths);
  const horizonDays = daysBetween(today, until);

  const child = childOnCalendar(record, today);
  const milestones = applyMilestoneStates(upcomingMilestones(child, today, data.transitions, data.calendar, horizonDays), input.milestoneStates, today, horizonDays);

  const profile = childProfileOf(record, input.certificates);
  const { matches } = matchServices(data.catalogue, profile, today, input.servicesInUse, { until });

  const unknownServicesInUse: string[] = [];
  const inUse: RoadmapItem[] = [];
  for (const use of input.servicesInUse) {
    const s = findService(data.catalogue, use.serviceId);
    if (!s) unknownServicesInUse.push(use.serviceId);
    else inUse.push(...inUseItems(s, use, record.child.birthDate, today, until));
  }

  // Suggested: systems for which something in the record speaks (not an assessment alone), and that are
  // meant for roadmaps (not the ward desk every case already uses).
  const suggested = matches.filter((m) => m.evidence && m.service.suggestOnRoadmap);
  const all = [...milestones.map((m) => milestoneItem(m, today)), ...suggested.map((m) => serviceStartItem(m, today)), ...inUse];
  return {
    caseId: record.id,
    caseCode: record.code,
    today,
    until,
    horizonMonths,
    items: all.filter((i) => i.date !== undefined).sort(byDate),
    undated: all.filter((i) => i.date === undefined).sort(byDate),
    unknownServicesInUse,
    certificatesUnknown: input.certificates === undefined,
    fictional: record.fictional,
    dataVersions: { services: data.catalogue.dataVersion, transitions: data.transitions.dataVersion },
  };
}
