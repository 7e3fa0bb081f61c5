import type { CaseRecord, DeviceKind, EnrolmentKind } from '../case';
import type { CareItemCode } from '../careItems';
import { compareDates, elementaryEntryYear, schoolYearOf, type CalendarDate } from '../dates';
import { birthdayAt } from '../transitions/engine';
import type { LocalisedText } from '../transitions/transitionData';
import type { AgeRange, CertificateKind, CertificateRequirement, ServiceCatalogue, ServiceDefinition } from './catalogue';

/**
 * Eligibility matching (pure): which systems of the catalogue a child is likely eligible for, from what the
 * case record holds. Every match names the catalogue rules that made it ("shoman.eligibility.ages[0]"), so
 * a coordinator — and a test — can see why an item is on the roadmap. What the record cannot tell (no
 * certificate recorded, a disability degree, an income limit) is never guessed: it becomes 要確認.
 */

/** A certificate the child holds, as recorded by the desk; grade undefined = not recorded. */
export interface HeldCertificate {
  readonly kind: CertificateKind;
  readonly grade: number | undefined;
}

/** What matching needs to know about a child (least disclosure: no name, no diagnosis text). */
export interface ChildProfile {
  readonly birthDate: CalendarDate;
  readonly careItems: readonly CareItemCode[];
  readonly devices: readonly DeviceKind[];
  /** Where the child spends the day now; undefined = not recorded. */
  readonly enrolment: EnrolmentKind | undefined;
  /** undefined = certificates are not recorded (unknown, 要確認); [] = recorded as none. */
  readonly certificates: readonly HeldCertificate[] | undefined;
}

/** A system the family already uses, as the caller knows it (services in use are not stored on the case yet). */
export interface ServiceInUse {
  readonly serviceId: string;
  /** The next renewal, report or expiry date when known (e.g. the certificate's 有効期限). */
  readonly renewalDue?: CalendarDate;
}

/** The child as matching needs it, from the case record; certificates come from the caller (not on the record). */
export function childProfileOf(
  record: Pick<CaseRecord, 'child' | 'careItems' | 'devices' | 'enrolment'>,
  certificates: readonly HeldCertificate[] | undefined = undefined,
): ChildProfile {
  return {
    birthDate: record.child.birthDate,
    careItems: [...new Set(record.careItems.map((c) => c.code))],
    devices: [...new Set(record.devices.map((d) => d.kind))],
    enrolment: record.enrolment?.kind,
    certificates,
  };
}

export type Verdict = 'likely' | 'toConfirm';

/** A catalogue rule that holds for the child (or cannot be checked from the record: `unknown`). */
export interface RuleRef {
  /** Path of the rule in the catalogue, "<serviceId>.eligibility.<rule>", e.g. "shoman.eligibility.ages[0]". */
  readonly rule: string;
  readonly holds: 'yes' | 'unknown';
  /** What matched, in codes (e.g. "SUCTION", "schoolClass 3–6", "physicalDisability ≤3"). */
  readonly detail: string;
}

export interface ServiceMatch {
  readonly service: ServiceDefinition;
  readonly verdict: Verdict;
  /**
   * Some rule holds on what the record says (age, care items, devices, enrolment, a certificate held).
   * False when only unknowns made the match (e.g. a system decided by an assessment alone): such a match
   * is listed by matchServices but not suggested on a roadmap.
   */
  readonly evidence: boolean;
  /** The first day in the window on which the child meets the age rules (today when already met). */
  readonly eligibleFrom: CalendarDate;
  /** The day the age rule stops holding (exclusive), when there is one. */
  readonly eligibleUntil: CalendarDate | undefined;
  readonly rules: readonly RuleRef[];
  /** Why the verdict is 要確認, and the text conditions to check with the family (income limit …). */
  readonly toConfirm: readonly LocalisedText[];
}

export const EXCLUSION_REASONS = ['inUse', 'certificateHeld', 'age', 'needs', 'enrolment', 'certificate'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];
export interface Exclusion {
  readonly serviceId: string;
  readonly reason: ExclusionReason;
  /** The rule that excluded it (for inUse: the service id). */
  readonly rule: string;
}

export interface EligibilityResult {
  readonly matches: readonly ServiceMatch[];
  readonly excluded: readonly Exclusion[];
}

export interface MatchOptions {
  /** Also find systems the child becomes eligible for up to this date (e.g. two years ahead); default today. */
  readonly until?: CalendarDate;
}

/** Texts the matcher adds itself (not from the catalogue). */
export const ELIGIBILITY_TEXTS = Object.freeze({
  certificatesUnknown: { ja: '手帳・受給者証の有無が記録されていません（要確認）。', en: 'Certificates are not recorded (to confirm).' },
  gradeUnknown: { ja: '手帳の等級が記録されていません（要確認）。', en: 'The certificate grade is not recorded (to confirm).' },
  enrolmentUnknown: { ja: '通っている園・学校が記録されていないか、この先変わります（要確認）。', en: 'Where the child attends is not recorded, or will change (to confirm).' },
  placeholder: { ja: '板橋区での内容が確認できていない制度です（区に要確認）。', en: 'The Itabashi details of this system are not confirmed (ask the ward).' },
}) satisfies Readonly<Record<string, LocalisedText>>;

const april1 = (year: number): CalendarDate => ({ year, month: 4, day: 1 });

/** The nursery/school class the child is in on a date: 3 = 3歳児クラス, 6 = first grade (April 2 – April 1 cohorts). */
export function classAgeOn(birth: CalendarDate, on: CalendarDate): number {
  return schoolYearOf(on) - (elementaryEntryYear(birth) - 6);
}

/** The first day on which the child has reached `years` by the given basis. */
function thresholdDate(birth: CalendarDate, basis: AgeRange['basis'], years: number): CalendarDate {
  return basis === 'birthday' ? birthdayAt(birth, years) : april1(elementaryEntryYear(birth) - 6 + years);
}

interface Interval {
  readonly index: number;
  readonly start: CalendarDate | undefined; // undefined = since birth
  readonly end: CalendarDate | undefined; // exclusive; undefined = no end
}

const intervalOf = (birth: CalendarDate, range: AgeRange, index: number): Interval => ({
  index,
  start: range.fromYears === undefined ? undefined : thresholdDate(birth, range.basis, range.fromYears),
  end: range.untilYears === undefined ? undefined : thresholdDate(birth, range.basis, range.untilYears),
});

const contains = (i: Interval, d: CalendarDate): boolean => (i.start === undefined || compareDates(i.start, d) <= 0) && (i.end === undefined || compareDates(d, i.end) < 0);

const describeRange = (r: AgeRange): string => `${r.basis} ${r.fromYears ?? 0}–${r.untilYears ?? ''}`.trim();

type AgeOutcome =
  | { readonly kind: 'inWindow'; readonly from: CalendarDate; readonly until: CalendarDate | undefined; readonly rule: RuleRef }
  | { readonly kind: 'exception'; readonly rule: RuleRef; readonly text: LocalisedText }
  | { readonly kind: 'outside'; readonly rule: string };

/** The first day in [today, until] inside one of the age ranges, or the exception that lets the child in. */
function checkAges(service: ServiceDefinition, birth: CalendarDate, today: CalendarDate, until: CalendarDate): AgeOutcome | undefined {
  const e = service.eligibility;
  if (e.ages.length === 0) return undefined;
  const intervals = e.ages.map((r, i) => intervalOf(birth, r, i));
  const candidates = [today, ...intervals.map((i) => i.start).filter((d): d is CalendarDate => d !== undefined && compareDates(d, today) > 0 && compareDates(d, until) <= 0)].sort(compareDates);
  for (const d of candidates) {
    const hit = intervals.find((i) => contains(i, d));
    if (hit) {
      const range = e.ages[hit.index];
      return { kind: 'inWindow', from: d, until: hit.end, rule: { rule: `${service.id}.eligibility.ages[${hit.index}]`, holds: 'yes', detail: range ? describeRange(range) : '' } };
    }
  }
  const ex = e.ageException;
  if (ex) {
    const younger = intervals.some((i) => i.start !== undefined && compareDates(today, i.start) < 0);
    const older = intervals.some((i) => i.end !== undefined && compareDates(today, i.end) >= 0);
    if ((ex.side === 'younger' && younger) || (ex.side === 'older' && older)) {
      return { kind: 'exception', rule: { rule: `${service.id}.eligibility.ageException`, holds: 'unknown', detail: ex.side }, text: ex.text };
    }
  }
  return { kind: 'outside', rule: `${service.id}.eligibility.ages` };
}

/**
 * For a system in use: whether the child is inside its age rules on a date (no rule, a range, or an
 * exception such as the 小慢 extension past 18), and the day the range stops holding when that is ahead
 * (e.g. the 20th birthday for an allowance "under 20").
 */
export function ageWindowOn(service: ServiceDefinition, birth: CalendarDate, on: CalendarDate): { readonly within: boolean; readonly end: CalendarDate | undefined } {
  const age = checkAges(service, birth, on, on);
  if (age === undefined) return { within: true, end: undefined };
  if (age.kind === 'inWindow') return { within: true, end: age.until };
  return { within: age.kind === 'exception', end: undefined };
}

function certificateMatches(req: CertificateRequirement, held: HeldCertificate): 'yes' | 'unknown' | 'no' {
  if (req.kind !== held.kind) return 'no';
  if (req.maxGrade === undefined) return 'yes';
  if (held.grade === undefined) return 'unknown';
  return held.grade <= req.maxGrade ? 'yes' : 'no';
}

const describeCertificate = (req: CertificateRequirement): string => (req.maxGrade === undefined ? req.kind : `${req.kind} ≤${req.maxGrade}`);

/** Evaluate one service for one child; `excluded` names the rule that rules it out. */
export function evaluateService(
  service: ServiceDefinition,
  child: ChildProfile,
  today: CalendarDate,
  until: CalendarDate = today,
): { readonly kind: 'match'; readonly match: ServiceMatch } | { readonly kind: 'excluded'; readonly exclusion: Exclusion } {
  const e = service.eligibility;
  const path = `${service.id}.eligibility`;
  const rules: RuleRef[] = [];
  const toConfirm: LocalisedText[] = [];
  const exclude = (reason: ExclusionReason, rule: string) => ({ kind: 'excluded' as const, exclusion: { serviceId: service.id, reason, rule } });

  let eligibleFrom = today;
  let eligibleUntil: CalendarDate | undefined;
  const age = checkAges(service, child.birthDate, today, until);
  if (age?.kind === 'outside') return exclude('age', age.rule);
  if (age?.kind === 'inWindow') {
    rules.push(age.rule);
    eligibleFrom = age.from;
    eligibleUntil = age.until;
  }
  if (age?.kind === 'exception') {
    rules.push(age.rule);
    toConfirm.push(age.text);
  }

  if (e.needs) {
    const items = e.needs.careItems.filter((c) => child.careItems.includes(c));
    const devices = e.needs.devices.filter((d) => child.devices.includes(d));
    const any = e.needs.anyCareItem && child.careItems.length > 0;
    if (items.length > 0) rules.push({ rule: `${path}.needs.careItems`, holds: 'yes', detail: items.join(',') });
    if (devices.length > 0) rules.push({ rule: `${path}.needs.devices`, holds: 'yes', detail: devices.join(',') });
    if (any) rules.push({ rule: `${path}.needs.anyCareItem`, holds: 'yes', detail: child.careItems.join(',') });
    if (items.length === 0 && devices.length === 0 && !any) return exclude('needs', `${path}.needs`);
  }

  if (e.enrolments) {
    const rule = `${path}.enrolments`;
    if (child.enrolment === undefined || compareDates(eligibleFrom, today) > 0) {
      rules.push({ rule, holds: 'unknown', detail: child.enrolment ?? 'unrecorded' });
      toConfirm.push(ELIGIBILITY_TEXTS.enrolmentUnknown);
    } else if (e.enrolments.includes(child.enrolment)) rules.push({ rule, holds: 'yes', detail: child.enrolment });
    else return exclude('enrolment', rule);
  }

  if (e.certificates) {
    const c = e.certificates;
    if (child.certificates === undefined) {
      rules.push({ rule: `${path}.certificates`, holds: 'unknown', detail: c.anyOf.map(describeCertificate).join('|') });
      toConfirm.push(ELIGIBILITY_TEXTS.certificatesUnknown);
    } else {
      const held = child.certificates;
      const outcomes = c.anyOf.map((req) => held.map((h) => certificateMatches(req, h)));
      const yes = outcomes.findIndex((o) => o.includes('yes'));
      const unknown = outcomes.findIndex((o) => o.includes('unknown'));
      const req = c.anyOf[yes >= 0 ? yes : unknown];
      if (yes >= 0 && req) rules.push({ rule: `${path}.certificates.anyOf[${yes}]`, holds: 'yes', detail: describeCertificate(req) });
      else if (unknown >= 0 && req) {
        rules.push({ rule: `${path}.certificates.anyOf[${unknown}]`, holds: 'unknown', detail: describeCertificate(req) });
        toConfirm.push(ELIGIBILITY_TEXTS.gradeUnknown);
      } else if (c.otherRoutes) {
        rules.push({ rule: `${path}.certificates.otherRoutes`, holds: 'unknown', detail: 'otherRoutes' });
        toConfirm.push(c.otherRoutes);
      } else return exclude('certificate', `${path}.certificates`);
    }
  }

  if (e.assessment) {
    rules.push({ rule: `${path}.assessment`, holds: 'unknown', detail: 'assessment' });
    toConfirm.push(e.assessment);
  }
  if (service.status === 'placeholder') {
    rules.push({ rule: `${service.id}.status`, holds: 'unknown', detail: 'placeholder' });
    toConfirm.push(ELIGIBILITY_TEXTS.placeholder);
  }
  const verdict: Verdict = rules.some((r) => r.holds === 'unknown') ? 'toConfirm' : 'likely';
  const evidence = rules.some((r) => r.holds === 'yes');
  return { kind: 'match', match: { service, verdict, evidence, eligibleFrom, eligibleUntil, rules, toConfirm: [...toConfirm, ...e.conditions] } };
}

/**
 * The systems a child is likely eligible for (or may be: 要確認) and does not use yet, from today up to
 * `options.until`, in the order of the date they apply from, then catalogue order. A system counts as in
 * use when it is listed in `inUse` or when the child holds the certificate it issues.
 */
export function matchServices(catalogue: ServiceCatalogue, child: ChildProfile, today: CalendarDate, inUse: readonly ServiceInUse[], options: MatchOptions = {}): EligibilityResult {
  const until = options.until ?? today;
  const used = new Set(inUse.map((u) => u.serviceId));
  const matches: ServiceMatch[] = [];
  const excluded: Exclusion[] = [];
  for (const service of catalogue.services) {
    if (used.has(service.id)) {
      excluded.push({ serviceId: service.id, reason: 'inUse', rule: service.id });
      continue;
    }
    if (service.grantsCertificate && child.certificates?.some((c) => c.kind === service.grantsCertificate)) {
      excluded.push({ serviceId: service.id, reason: 'certificateHeld', rule: `${service.id}.grantsCertificate` });
      continue;
    }
    const outcome = evaluateService(service, child, today, until);
    if (outcome.kind === 'match') matches.push(outcome.match);
    else excluded.push(outcome.exclusion);
  }
  const order = new Map(catalogue.services.map((s, i) => [s.id, i]));
  matches.sort((a, b) => compareDates(a.eligibleFrom, b.eligibleFrom) || (order.get(a.service.id) ?? 0) - (order.get(b.service.id) ?? 0));
  return { matches, excluded };
}
