import { DEVICE_KINDS, ENROLMENT_KINDS, type DeviceKind, type EnrolmentKind } from '../case';
import { CARE_ITEM_CODES, type CareItemCode } from '../careItems';
import { ORGANISATION_KEYS, type OrganisationKey } from '../directory';
import type { LocalisedText, SourceRef } from '../transitions/transitionData';
import { DataReader, formatDataError, isObject, PLACEHOLDER_MARK, show, type DataError } from '../dataFile';

/**
 * The service catalogue (制度): the medical, welfare, childcare and education systems a family of a
 * 医療的ケア児 may use, as data an administrator edits (config/services.json) — never constants in code,
 * because amounts and dates change every fiscal year. This file holds the types and the validator, written
 * as plain type guards; the adapter (src/adapters/services/serviceCatalogueData.ts) checks the file's shape
 * with zod first and keeps what this validator returns.
 */

export const SERVICE_CATEGORIES = [
  'consultation', // 相談
  'medicalCost', // 医療費
  'certificate', // 手帳
  'allowance', // 手当
  'equipment', // 用具
  'respite', // レスパイト・短期入所
  'homeCare', // 在宅の看護・訪問
  'dayService', // 障害児通所支援
  'childcare', // 保育
  'education', // 就学・学校
  'emergency', // 救急・災害
  'pension', // 年金・成人期
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** Who runs (decides) the system. */
export const RUN_BY = ['ward', 'tokyo', 'national'] as const;
export type RunBy = (typeof RUN_BY)[number];

/** Where the family goes: a ward desk, a Tokyo body, a national office, or a provider (事業所・施設). */
export const APPLY_LEVELS = ['ward', 'tokyo', 'national', 'provider'] as const;
export type ApplyLevel = (typeof APPLY_LEVELS)[number];

/** Certificates the eligibility rules may ask for: 身体障害者手帳, 愛の手帳 (療育手帳), 小児慢性特定疾病 医療受給者証. */
export const CERTIFICATE_KINDS = ['physicalDisability', 'intellectualDisability', 'shoman'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
/** Grades per certificate (1 is the most severe): 身体障害者手帳 1–6級, 愛の手帳 1–4度; 小慢 has none. */
export const CERTIFICATE_GRADES: Readonly<Record<CertificateKind, { readonly min: number; readonly max: number } | undefined>> = {
  physicalDisability: { min: 1, max: 6 },
  intellectualDisability: { min: 1, max: 4 },
  shoman: undefined,
};

/**
 * How an age is counted: `birthday` = completed years (ageOn); `schoolClass` = the nursery/school class
 * (3歳児クラス = the class of children who are 3 on 1 April, by the April 2 – April 1 cohort rule), so
 * `schoolClass` 6 is first grade of elementary school and 12 is first year of high school.
 */
export const AGE_BASES = ['birthday', 'schoolClass'] as const;
export type AgeBasis = (typeof AGE_BASES)[number];

/** Same meaning as the milestone statuses of config/transitions.json. */
export const SERVICE_DATA_STATUSES = ['sourced', 'derived', 'placeholder'] as const;
export type ServiceDataStatus = (typeof SERVICE_DATA_STATUSES)[number];

export const RENEWAL_CYCLES = ['none', 'annual', 'unknown'] as const;
export type RenewalCycle = (typeof RENEWAL_CYCLES)[number];

export interface AgeRange {
  readonly basis: AgeBasis;
  /** Eligible from this age (inclusive); undefined = from birth. */
  readonly fromYears: number | undefined;
  /** Eligible until this age is reached (exclusive: "under 20" is 20); undefined = no upper limit. */
  readonly untilYears: number | undefined;
}

export interface CertificateRequirement {
  readonly kind: CertificateKind;
  /** The least severe grade that still qualifies (e.g. 3 = 1–3級); undefined = any grade. */
  readonly maxGrade: number | undefined;
}

export interface Eligibility {
  /** Any-of age ranges; empty = no age rule. */
  readonly ages: readonly AgeRange[];
  /** A way in outside the age ranges ("原則3歳児クラス以上", "重症心身障害児(者)は年齢制限なし"): 要確認, not excluded. */
  readonly ageException: { readonly side: 'younger' | 'older'; readonly text: LocalisedText } | undefined;
  /** Where the child must spend the day now (在籍); undefined = no rule. */
  readonly enrolments: readonly EnrolmentKind[] | undefined;
  /** The child needs any one of these care items or devices (or any care item at all); undefined = no rule. */
  readonly needs: { readonly careItems: readonly CareItemCode[]; readonly devices: readonly DeviceKind[]; readonly anyCareItem: boolean } | undefined;
  /** Any one of these certificates; `otherRoutes` describes a way in without one (then 要確認, not excluded). */
  readonly certificates: { readonly anyOf: readonly CertificateRequirement[]; readonly otherRoutes: LocalisedText | undefined } | undefined;
  /** A judgement the case record cannot hold decides eligibility (disability degree, disease list): always 要確認. */
  readonly assessment: LocalisedText | undefined;
  /** Other conditions, as text (income limits, frequency thresholds …): shown as 確認事項. */
  readonly conditions: readonly LocalisedText[];
}

export interface ApplyAt {
  readonly level: ApplyLevel;
  /** The ward desk in the directory (only for level "ward"). */
  readonly organisation: OrganisationKey | undefined;
  /** The desk or body by name, as a family would look for it. */
  readonly desk: LocalisedText;
  /** A public contact (phone) exactly as found in the source. */
  readonly contact: string | undefined;
  /** True when the source names the Itabashi window; false when it is inferred (show 要確認). */
  readonly confirmed: boolean;
}

/** Something that happens every year while the service is used (e.g. 所得状況届 in August). */
export interface AnnualEvent {
  /** "<serviceId>.<camelCase>", unique in the file. */
  readonly id: string;
  readonly title: LocalisedText;
  readonly month: number;
  /** undefined = some time in the month (the roadmap dates it on the 1st and says "…月中"). */
  readonly day: number | undefined;
}

export interface Timing {
  /** When to apply (text). */
  readonly apply: LocalisedText | undefined;
  /** How long the decision takes, when payments start (text). */
  readonly processing: LocalisedText | undefined;
  readonly renewal: { readonly cycle: RenewalCycle; readonly text: LocalisedText | undefined };
  readonly annualEvents: readonly AnnualEvent[];
}

export interface ServiceDefinition {
  /** camelCase, unique; also the key a case uses for "services in use". */
  readonly id: string;
  readonly name: LocalisedText;
  /** Other names people use (小慢, レスパイト …): found by 制度 <keyword>. */
  readonly aliases: readonly string[];
  /** Needs and words a family would type (吸引器, 学校, 手当 …). */
  readonly keywords: readonly string[];
  readonly category: ServiceCategory;
  /** What it gives, in plain words (shown to families). */
  readonly gives: LocalisedText;
  readonly runBy: RunBy;
  readonly apply: ApplyAt;
  readonly eligibility: Eligibility;
  readonly timing: Timing;
  readonly documents: readonly LocalisedText[];
  /** The certificate this system issues (holding it means the system is already in use). */
  readonly grantsCertificate: CertificateKind | undefined;
  /**
   * False: found by 制度 <keyword> but never suggested on a roadmap (e.g. the ward's own consultation desk,
   * which every case already uses). Default true.
   */
  readonly suggestOnRoadmap: boolean;
  readonly status: ServiceDataStatus;
  /** Internal note for staff (never shown to families); a placeholder's note says NOT FOUND. */
  readonly note: string | undefined;
  /** Facts still missing for Itabashi (NOT FOUND / NOT VERIFIED …), internal. */
  readonly gaps: readonly string[];
  readonly sources: readonly SourceRef[];
}

export interface ServiceCatalogue {
  readonly schemaVersion: 1;
  readonly dataVersion: string;
  readonly services: readonly ServiceDefinition[];
}

export type ServiceCatalogueResult = { readonly ok: true; readonly data: ServiceCatalogue } | { readonly ok: false; readonly errors: readonly DataError[] };

export const formatServiceCatalogueError = formatDataError;

export function findService(catalogue: ServiceCatalogue, id: string): ServiceDefinition | undefined {
  return catalogue.services.find((s) => s.id === id);
}

const SERVICE_ID = /^[a-z][A-Za-z0-9]*$/;
const EVENT_ID = /^[a-z][A-Za-z0-9]*\.[a-z][A-Za-z0-9]*$/;
/** A gap must say plainly what kind of gap it is. */
const GAP_MARK = /NOT (FOUND|VERIFIED|CONFIRMED|CHECKED|RESEARCHED)/i;
const MAX_AGE = 30;
const DAYS_IN_MONTH_MAX = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function readAgeRange(r: DataReader, v: unknown, path: string): AgeRange | undefined {
  const o = r.object(v, path);
  if (!o) return undefined;
  r.onlyKnownFields(o, path, ['basis', 'fromYears', 'untilYears']);
  const basis = r.choice(o.basis, `${path}.basis`, AGE_BASES);
  const fromYears = r.optionalInteger(o.fromYears, `${path}.fromYears`, 0, MAX_AGE);
  const untilYears = r.optionalInteger(o.untilYears, `${path}.untilYears`, 1, MAX_AGE);
  if (o.fromYears === undefined && o.untilYears === undefined) return r.fail(path, 'MISSING', 'needs fromYears, untilYears or both');
  if (fromYears !== undefined && untilYears !== undefined && fromYears >= untilYears) return r.fail(`${path}.untilYears`, 'OUT_OF_RANGE', `must be greater than fromYears (${fromYears}), got ${untilYears}`);
  const fromOk = o.fromYears === undefined || fromYears !== undefined;
  const untilOk = o.untilYears === undefined || untilYears !== undefined;
  return basis && fromOk && untilOk ? { basis, fromYears, untilYears } : undefined;
}

function readCertificateRequirement(r: DataReader, v: unknown, path: string): CertificateRequirement | undefined {
  const o = r.object(v, path);
  if (!o) return undefined;
  r.onlyKnownFields(o, path, ['kind', 'maxGrade']);
  const kind = r.choice(o.kind, `${path}.kind`, CERTIFICATE_KINDS);
  if (!kind) return undefined;
  const grades = CERTIFICATE_GRADES[kind];
  if (o.maxGrade === undefined) return { kind, maxGrade: undefined };
  if (!grades) return r.fail(`${path}.maxGrade`, 'INCONSISTENT', `the certificate "${kind}" has no grades; remove maxGrade`);
  const maxGrade = r.integer(o.maxGrade, `${path}.maxGrade`, grades.min, grades.max);
  return maxGrade === undefined ? undefined : { kind, maxGrade };
}

function readEligibility(r: DataReader, v: unknown, path: string): Eligibility | undefined {
  const o = r.object(v, path);
  if (!o) return undefined;
  r.onlyKnownFields(o, path, ['ages', 'ageException', 'enrolments', 'needs', 'certificates', 'assessment', 'conditions']);
  const rawAges = r.optionalArray(o.ages, `${path}.ages`);
  const ages = rawAges.map((a, i) => readAgeRange(r, a, `${path}.ages[${i}]`));

  let ageException: Eligibility['ageException'];
  let ageExceptionOk = true;
  if (o.ageException !== undefined) {
    const e = r.object(o.ageException, `${path}.ageException`);
    if (e) {
      r.onlyKnownFields(e, `${path}.ageException`, ['side', 'text']);
      const side = r.choice(e.side, `${path}.ageException.side`, ['younger', 'older'] as const);
      const text = r.localised(e.text, `${path}.ageException.text`);
      if (side && text) ageException = { side, text };
      else ageExceptionOk = false;
    } else ageExceptionOk = false;
    if (rawAges.length === 0) {
      r.fail(`${path}.ageException`, 'INCONSISTENT', 'an age exception needs age ranges in ages');
      ageExceptionOk = false;
    }
  }

  const enrolments = o.enrolments === undefined ? undefined : r.choices(o.enrolments, `${path}.enrolments`, ENROLMENT_KINDS);
  if (Array.isArray(o.enrolments) && o.enrolments.length === 0) r.fail(`${path}.enrolments`, 'MISSING', 'must list at least one enrolment, or be left out');

  let needs: Eligibility['needs'];
  let needsOk = true;
  if (o.needs !== undefined) {
    const n = r.object(o.needs, `${path}.needs`);
    if (n) {
      r.onlyKnownFields(n, `${path}.needs`, ['careItems', 'devices', 'anyCareItem']);
      const careItems = n.careItems === undefined ? [] : r.choices(n.careItems, `${path}.needs.careItems`, CARE_ITEM_CODES);
      const devices = n.devices === undefined ? [] : r.choices(n.devices, `${path}.needs.devices`, DEVICE_KINDS);
      const anyCareItem = n.anyCareItem === undefined ? false : r.boolean(n.anyCareItem, `${path}.needs.anyCareItem`);
      if (careItems && devices && anyCareItem !== undefined) {
        if (careItems.length === 0 && devices.length === 0 && !anyCareItem) {
          r.fail(`${path}.needs`, 'RULE_REQUIRED', 'needs careItems, devices or "anyCareItem": true');
          needsOk = false;
        } else if (anyCareItem && careItems.length > 0) {
          r.fail(`${path}.needs.anyCareItem`, 'INCONSISTENT', 'with "anyCareItem": true the careItems list adds nothing; keep one of them');
          needsOk = false;
        } else needs = { careItems, devices, anyCareItem };
      } else needsOk = false;
    } else needsOk = false;
  }

  let certificates: Eligibility['certificates'];
  let certificatesOk = true;
  if (o.certificates !== undefined) {
    const c = r.object(o.certificates, `${path}.certificates`);
    if (c) {
      r.onlyKnownFields(c, `${path}.certificates`, ['anyOf', 'otherRoutes']);
      const list = r.array(c.anyOf, `${path}.certificates.anyOf`);
      if (list?.length === 0) r.fail(`${path}.certificates.anyOf`, 'MISSING', 'must list at least one certificate');
      const anyOf = (list ?? []).map((x, i) => readCertificateRequirement(r, x, `${path}.certificates.anyOf[${i}]`));
      const otherRoutes = r.optionalLocalised(c.otherRoutes, `${path}.certificates.otherRoutes`);
      const otherOk = c.otherRoutes === undefined || otherRoutes !== undefined;
      if (list && list.length > 0 && otherOk && anyOf.every((x): x is CertificateRequirement => x !== undefined)) certificates = { anyOf, otherRoutes };
      else certificatesOk = false;
    } else certificatesOk = false;
  }

  const assessment = r.optionalLocalised(o.assessment, `${path}.assessment`);
  const conditions = o.conditions === undefined ? [] : r.localisedList(o.conditions, `${path}.conditions`);

  const hasRule = rawAges.length > 0 || o.enrolments !== undefined || o.needs !== undefined || o.certificates !== undefined || o.assessment !== undefined;
  if (!hasRule) r.fail(path, 'RULE_REQUIRED', 'needs at least one rule (ages, enrolments, needs, certificates or assessment), so every match can name the rule that made it');

  if (!ages.every((a): a is AgeRange => a !== undefined) || !ageExceptionOk || (o.enrolments !== undefined && !enrolments) || !needsOk || !certificatesOk) return undefined;
  if ((o.assessment !== undefined && !assessment) || !conditions || !hasRule) return undefined;
  return { ages, ageException, enrolments: enrolments ?? undefined, needs, certificates, assessment, conditions };
}

function readApply(r: DataReader, v: unknown, path: string): ApplyAt | undefined {
  const o = r.object(v, path);
  if (!o) return undefined;
  r.onlyKnownFields(o, path, ['level', 'organisation', 'desk', 'contact', 'confirmed']);
  const level = r.choice(o.level, `${path}.level`, APPLY_LEVELS);
  const organisation = r.optionalChoice(o.organisation, `${path}.organisation`, ORGANISATION_KEYS);
  if (organisation && level && level !== 'ward') r.fail(`${path}.organisation`, 'INCONSISTENT', `organisation keys are ward desks; set level to "ward" or remove the organisation (level is "${level}")`);
  const desk = r.localised(o.desk, `${path}.desk`);
  const contact = r.optionalText(o.contact, `${path}.contact`);
  const confirmed = r.boolean(o.confirmed, `${path}.confirmed`);
  if (!level || !desk || confirmed === undefined) return undefined;
  if ((o.organisation !== undefined && !organisation) || (organisation && level !== 'ward') || (o.contact !== undefined && contact === undefined)) return undefined;
  return { level, organisation, desk, contact, confirmed };
}

function readTiming(r: DataReader, v: unknown, path: string, serviceId: string | undefined, eventIds: Set<string>): Timing | undefined {
  const o = r.object(v, path);
  if (!o) return undefined;
  r.onlyKnownFields(o, path, ['apply', 'processing', 'renewal', 'annualEvents']);
  const apply = r.optionalLocalised(o.apply, `${path}.apply`);
  const processing = r.optionalLocalised(o.processing, `${path}.processing`);
  let renewal: Timing['renewal'] | undefined;
  const rn = r.object(o.renewal, `${path}.renewal`);
  if (rn) {
    r.onlyKnownFields(rn, `${path}.renewal`, ['cycle', 'text']);
    const cycle = r.choice(rn.cycle, `${path}.renewal.cycle`, RENEWAL_CYCLES);
    const text = r.optionalLocalised(rn.text, `${path}.renewal.text`);
    if (cycle && cycle !== 'none' && rn.text === undefined) r.fail(`${path}.renewal.text`, 'MISSING', `a renewal cycle "${cycle}" needs a text saying what is renewed and when`);
    if (cycle && (rn.text === undefined ? cycle === 'none' : text !== undefined)) renewal = { cycle, text };
  }
  const events = r.optionalArray(o.annualEvents, `${path}.annualEvents`).map((e, i) => {
    const p = `${path}.annualEvents[${i}]`;
    const eo = r.object(e, p);
    if (!eo) return undefined;
    r.onlyKnownFields(eo, p, ['id', 'title', 'month', 'day']);
    const id = r.text(eo.id, `${p}.id`);
    if (id !== undefined && (!EVENT_ID.test(id) || (serviceId !== undefined && !id.startsWith(`${serviceId}.`)))) {
      r.fail(`${p}.id`, 'WRONG_TYPE', `expected "<service id>.<camelCase>" like "${serviceId ?? 'service'}.incomeReport", got ${show(id)}`);
      return undefined;
    }
    if (id !== undefined) {
      if (eventIds.has(id)) r.fail(`${p}.id`, 'DUPLICATE_ID', `"${id}" is used by an earlier annual event`);
      eventIds.add(id);
    }
    const title = r.localised(eo.title, `${p}.title`);
    const month = r.integer(eo.month, `${p}.month`, 1, 12);
    const day = month === undefined ? undefined : r.optionalInteger(eo.day, `${p}.day`, 1, DAYS_IN_MONTH_MAX[month - 1] ?? 31);
    if (id === undefined || !title || month === undefined || (eo.day !== undefined && day === undefined)) return undefined;
    return { id, title, month, day } satisfies AnnualEvent;
  });
  if (!renewal || (o.apply !== undefined && !apply) || (o.processing !== undefined && !processing)) return undefined;
  if (!events.every((e): e is AnnualEvent => e !== undefined)) return undefined;
  return { apply, processing, renewal, annualEvents: events };
}

const SERVICE_FIELDS = [
  'id', 'name', 'aliases', 'keywords', 'category', 'gives', 'runBy', 'apply', 'eligibility', 'timing', 'documents',
  'grantsCertificate', 'suggestOnRoadmap', 'status', 'note', 'gaps', 'sources',
] as const;

function readService(r: DataReader, v: unknown, path: string, eventIds: Set<string>): ServiceDefinition | undefined {
  const o = r.object(v, path);
  if (!o) return undefined;
  r.onlyKnownFields(o, path, SERVICE_FIELDS);
  const id = r.text(o.id, `${path}.id`);
  const idOk = id !== undefined && SERVICE_ID.test(id);
  if (id !== undefined && !idOk) r.fail(`${path}.id`, 'WRONG_TYPE', `expected a camelCase id like "shoman", got ${show(id)}`);
  const name = r.localised(o.name, `${path}.name`);
  const aliases = o.aliases === undefined ? [] : r.texts(o.aliases, `${path}.aliases`);
  const keywords = o.keywords === undefined ? [] : r.texts(o.keywords, `${path}.keywords`);
  const category = r.choice(o.category, `${path}.category`, SERVICE_CATEGORIES);
  const gives = r.localised(o.gives, `${path}.gives`);
  const runBy = r.choice(o.runBy, `${path}.runBy`, RUN_BY);
  const apply = readApply(r, o.apply, `${path}.apply`);
  const eligibility = readEligibility(r, o.eligibility, `${path}.eligibility`);
  const timing = readTiming(r, o.timing, `${path}.timing`, idOk ? id : undefined, eventIds);
  const documents = o.documents === undefined ? [] : r.localisedList(o.documents, `${path}.documents`);
  const grantsCertificate = r.optionalChoice(o.grantsCertificate, `${path}.grantsCertificate`, CERTIFICATE_KINDS);
  const suggestOnRoadmap = o.suggestOnRoadmap === undefined ? true : r.boolean(o.suggestOnRoadmap, `${path}.suggestOnRoadmap`);
  const status = r.choice(o.status, `${path}.status`, SERVICE_DATA_STATUSES);
  const note = r.optionalText(o.note, `${path}.note`);
  if (status === 'placeholder' && !(note ?? '').includes(PLACEHOLDER_MARK)) {
    r.fail(`${path}.note`, 'PLACEHOLDER_NOTE', `a placeholder entry needs a note containing "${PLACEHOLDER_MARK}" (e.g. "NOT FOUND — Itabashi's window; confirm with the ward")`);
  }
  if (status !== undefined && status !== 'placeholder' && note !== undefined && note.includes(PLACEHOLDER_MARK)) {
    r.fail(`${path}.status`, 'PLACEHOLDER_NOTE', `the note says "${PLACEHOLDER_MARK}" but the status is "${status}"; use "placeholder" (or move a non-central gap to gaps)`);
  }
  const gaps = o.gaps === undefined ? [] : r.texts(o.gaps, `${path}.gaps`);
  (gaps ?? []).forEach((g, i) => {
    if (!GAP_MARK.test(g)) r.fail(`${path}.gaps[${i}]`, 'PLACEHOLDER_NOTE', 'a gap must say NOT FOUND, NOT VERIFIED, NOT CONFIRMED or NOT CHECKED, so a reader notices it');
  });
  const sources = r.sources(o.sources, `${path}.sources`);
  if (Array.isArray(o.sources) && o.sources.length === 0 && status !== undefined && status !== 'placeholder') {
    r.fail(`${path}.sources`, 'SOURCE_REQUIRED', `a ${status} entry needs at least one source`);
  }
  if (!idOk || !name || !aliases || !keywords || !category || !gives || !runBy || !apply || !eligibility || !timing || !documents || !status || !gaps || !sources) return undefined;
  if ((o.grantsCertificate !== undefined && !grantsCertificate) || suggestOnRoadmap === undefined) return undefined;
  return { id, name, aliases, keywords, category, gives, runBy, apply, eligibility, timing, documents, grantsCertificate, suggestOnRoadmap, status, note, gaps, sources };
}

/** Read and check the catalogue; returns the typed data or every problem found, each naming its field. */
export function parseServiceCatalogue(raw: unknown): ServiceCatalogueResult {
  const r = new DataReader('SERVICES');
  const root = r.object(raw, '(file)');
  if (!root) return { ok: false, errors: r.errors };
  r.onlyKnownFields(root, '(file)', ['$comment', 'schemaVersion', 'dataVersion', 'services']);
  if (root.schemaVersion !== 1) r.fail('schemaVersion', root.schemaVersion === undefined ? 'MISSING' : 'UNKNOWN_VALUE', `expected 1, got ${show(root.schemaVersion)}`);
  const dataVersion = r.text(root.dataVersion, 'dataVersion');
  const rawServices = r.array(root.services, 'services');
  if (rawServices?.length === 0) r.fail('services', 'MISSING', 'must list at least one service');
  const services: ServiceDefinition[] = [];
  const seen = new Set<string>();
  const eventIds = new Set<string>();
  (rawServices ?? []).forEach((s, i) => {
    const service = readService(r, s, `services[${i}]`, eventIds);
    const id = isObject(s) ? s.id : undefined;
    if (typeof id === 'string') {
      if (seen.has(id)) r.fail(`services[${i}].id`, 'DUPLICATE_ID', `"${id}" is used by an earlier service`);
      seen.add(id);
    }
    if (service) services.push(service);
  });
  if (r.errors.length > 0 || dataVersion === undefined) return { ok: false, errors: r.errors };
  return { ok: true, data: { schemaVersion: 1, dataVersion, services } };
}
