import { addDays, daysBetween, type BusinessCalendar } from '../businessCalendar';
import type { Device } from '../case';
import { DEVICE_KINDS } from '../case';
import type { ConsentGiver } from '../consent';
import { compareDates, type CalendarDate } from '../dates';
import type { EmergencyPlan } from '../package/carePlan';

/**
 * The emergency profile of one child (災害時の備え): what the child depends on when the power goes out,
 * where to go and with whom, whom to call, and when the family last confirmed it. It is the base of the
 * ward's individual evacuation plan (個別避難計画, 災害対策基本法 Art. 49-14) and of the Tokyo ventilator
 * user's 災害時個別支援計画. Everything here is 要配慮個人情報.
 *
 * Sources (../shared/domain/REFERENCE.md §7.2, §9 P9):
 * - 名簿 items + 避難支援等実施者 + 避難場所・避難経路 make up the 個別避難計画; it is not made without consent,
 *   and sharing it with 避難支援等関係者 in normal times requires consent (P9) → `consent`.
 * - Edogawa's form: 2 emergency contacts, 主な介助者 and 移動時の介助者, destination per hazard
 *   (震災 / 外水氾濫 / 内水氾濫) → `contacts`, `helpers`, `evacuation`.
 * - Tokyo ventilator guideline: reviewed once a year → `lastConfirmed` + a re-confirmation every N months.
 * - Power steps (国立成育医療研究センター): external batteries, storage battery, car power, generator; manual
 *   alternatives (蘇生バッグ, 人工鼻) → `devices[].externalBatteries`, `backupPower`, `manualAlternatives`.
 */

/** Spare batteries for one device: how many, and how long each lasts on that device (when known). */
export interface ExternalBatteries {
  readonly count: number;
  readonly hoursEach: number | undefined;
}

/** A device from the case record (kind + internal battery hours) with what matters in a power cut. */
export interface PoweredDevice extends Device {
  readonly externalBatteries: ExternalBatteries;
  /** Model, charger, where the spare batteries are kept (free text). */
  readonly note: string;
}

export const BACKUP_POWER_KINDS = ['storageBattery', 'carPower', 'generator'] as const;
/** 蓄電池 / 車からの給電 / 発電機 */
export type BackupPowerKind = (typeof BACKUP_POWER_KINDS)[number];
export interface BackupPower {
  readonly sources: readonly BackupPowerKind[];
  /** E.g. where the generator is, whose car, the fuel kept (free text). */
  readonly note: string;
}

/** Oxygen: a concentrator (its power need is in `devices`) and/or cylinders lasting so many hours each. */
export interface OxygenSupply {
  readonly concentrator: boolean;
  readonly cylinders: number;
  readonly hoursPerCylinder: number | undefined;
  /** The oxygen supplier to call (name and phone, free text). */
  readonly supplier: string;
}

export const HAZARDS = ['any', 'earthquake', 'riverFlood', 'inlandFlood'] as const;
/** 共通 / 震災 / 外水氾濫 / 内水氾濫 */
export type Hazard = (typeof HAZARDS)[number];
export interface EvacuationDestination {
  readonly hazard: Hazard;
  /** The place to go (避難所, 福祉避難所, hospital, relatives…). */
  readonly place: string;
  readonly routeNotes: string;
}

export const HELPER_ROLES = ['mainCarer', 'mover'] as const;
/** 主な介助者 / 移動時の介助者 (避難支援等実施者) */
export type HelperRole = (typeof HELPER_ROLES)[number];
export interface EvacuationHelper {
  readonly name: string;
  readonly relation: string;
  readonly phone: string;
  readonly role: HelperRole;
}

export interface EmergencyContact {
  readonly who: string;
  readonly phone: string;
}

export interface HospitalToGoTo {
  readonly name: string;
  readonly phone: string;
  readonly note: string;
}

/** Consent to make the plan and share it with the people who help evacuate (P9). */
export interface PlanConsent {
  readonly givenBy: ConsentGiver;
  /** With whom it may be shared (free text: 町会, 民生委員, 消防署, 訪問看護…). */
  readonly scope: string;
  readonly recordedBy: string;
  readonly recordedOn: CalendarDate;
}

export interface ProfileConfirmation {
  readonly on: CalendarDate;
  /** aadObjectId of the staff member who went through it with the family. */
  readonly by: string;
}

export interface EmergencyProfile {
  readonly devices: readonly PoweredDevice[];
  readonly backupPower: BackupPower;
  readonly oxygen: OxygenSupply | undefined;
  readonly hospital: HospitalToGoTo;
  /** 住所又は居所 (名簿 item). */
  readonly address: string;
  readonly evacuation: readonly EvacuationDestination[];
  readonly helpers: readonly EvacuationHelper[];
  /** Whom to call, in order. */
  readonly contacts: readonly EmergencyContact[];
  /** 蘇生バッグ, 人工鼻, manual suction… (free text). */
  readonly manualAlternatives: string;
  readonly consent: PlanConsent | undefined;
  readonly lastConfirmed: ProfileConfirmation | undefined;
}

export const EMPTY_EMERGENCY_PROFILE: EmergencyProfile = Object.freeze({
  devices: [],
  backupPower: { sources: [], note: '' },
  oxygen: undefined,
  hospital: { name: '', phone: '', note: '' },
  address: '',
  evacuation: [],
  helpers: [],
  contacts: [],
  manualAlternatives: '',
  consent: undefined,
  lastConfirmed: undefined,
});

/**
 * A first draft from what the case already knows: its devices (no spare batteries yet) and the care
 * plan's emergency contacts and hospital (one free-text field there: it goes to the hospital name).
 */
export function draftProfile(devices: readonly Device[], emergency: EmergencyPlan | undefined): EmergencyProfile {
  return {
    ...EMPTY_EMERGENCY_PROFILE,
    devices: devices.map((d) => ({ kind: d.kind, batteryHours: d.batteryHours, externalBatteries: { count: 0, hoursEach: undefined }, note: '' })),
    hospital: { name: emergency?.hospital ?? '', phone: '', note: '' },
    contacts: emergency ? emergency.contacts.map((c) => ({ who: c.who, phone: c.phone })) : [],
  };
}

// ---------------------------------------------------------------------------------------------------
// Validation

export const PROFILE_LIMITS = Object.freeze({
  devicesMax: 10,
  batteryHoursMax: 240,
  externalBatteriesMax: 20,
  cylindersMax: 50,
  hoursPerCylinderMax: 72,
  contactsMax: 6,
  helpersMax: 6,
  nameMax: 40,
  relationMax: 20,
  shortTextMax: 200,
  noteMax: 500,
});

export type ProfileErrorCode =
  | 'PROFILE.TEXT_TOO_LONG'
  | 'PROFILE.TOO_MANY'
  | 'PROFILE.PHONE_INVALID'
  | 'PROFILE.NUMBER_INVALID'
  | 'PROFILE.UNKNOWN_VALUE'
  | 'PROFILE.DUPLICATE_HAZARD'
  | 'PROFILE.REQUIRED'
  | 'PROFILE.DATE_IN_FUTURE';

/** One problem, naming the field it is about (`devices[1].externalBatteries.hoursEach`). */
export interface ProfileError {
  readonly field: string;
  readonly code: ProfileErrorCode;
}

const len = (s: string) => [...s].length;
const PHONE = /^[0-9０-９+＋\-－() （）]{6,20}$/;
const inRange = (n: number, max: number) => Number.isFinite(n) && n >= 0 && n <= max;
const isCount = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max;

/** Problems with the shape of a profile (not with its completeness: see `planGaps`). */
export function validateProfile(p: EmergencyProfile, today: CalendarDate): ProfileError[] {
  const L = PROFILE_LIMITS;
  const errors: ProfileError[] = [];
  const add = (field: string, code: ProfileErrorCode) => errors.push({ field, code });
  const text = (field: string, value: string, max: number) => len(value) > max && add(field, 'PROFILE.TEXT_TOO_LONG');
  const phone = (field: string, value: string, required: boolean) => {
    const v = value.trim();
    if (!v) {
      if (required) add(field, 'PROFILE.REQUIRED');
    } else if (!PHONE.test(v)) add(field, 'PROFILE.PHONE_INVALID');
  };

  if (p.devices.length > L.devicesMax) add('devices', 'PROFILE.TOO_MANY');
  p.devices.forEach((d, i) => {
    const f = `devices[${i}]`;
    if (!(DEVICE_KINDS as readonly string[]).includes(d.kind)) add(`${f}.kind`, 'PROFILE.UNKNOWN_VALUE');
    if (d.batteryHours !== undefined && !inRange(d.batteryHours, L.batteryHoursMax)) add(`${f}.batteryHours`, 'PROFILE.NUMBER_INVALID');
    if (!isCount(d.externalBatteries.count, L.externalBatteriesMax)) add(`${f}.externalBatteries.count`, 'PROFILE.NUMBER_INVALID');
    if (d.externalBatteries.hoursEach !== undefined && !inRange(d.externalBatteries.hoursEach, L.batteryHoursMax)) add(`${f}.externalBatteries.hoursEach`, 'PROFILE.NUMBER_INVALID');
    text(`${f}.note`, d.note, L.shortTextMax);
  });

  p.backupPower.sources.forEach((s, i) => {
    if (!(BACKUP_POWER_KINDS as readonly string[]).includes(s)) add(`backupPower.sources[${i}]`, 'PROFILE.UNKNOWN_VALUE');
  });
  text('backupPower.note', p.backupPower.note, L.noteMax);

  if (p.oxygen) {
    if (!isCount(p.oxygen.cylinders, L.cylindersMax)) add('oxygen.cylinders', 'PROFILE.NUMBER_INVALID');
    if (p.oxygen.hoursPerCylinder !== undefined && !inRange(p.oxygen.hoursPerCylinder, L.hoursPerCylinderMax)) add('oxygen.hoursPerCylinder', 'PROFILE.NUMBER_INVALID');
    text('oxygen.supplier', p.oxygen.supplier, L.shortTextMax);
  }

  text('hospital.name', p.hospital.name, L.shortTextMax);
  phone('hospital.phone', p.hospital.phone, false);
  text('hospital.note', p.hospital.note, L.noteMax);
  text('address', p.address, L.shortTextMax);

  const seen = new Set<Hazard>();
  p.evacuation.forEach((e, i) => {
    const f = `evacuation[${i}]`;
    if (!(HAZARDS as readonly string[]).includes(e.hazard)) add(`${f}.hazard`, 'PROFILE.UNKNOWN_VALUE');
    else if (seen.has(e.hazard)) add(`${f}.hazard`, 'PROFILE.DUPLICATE_HAZARD');
    seen.add(e.hazard);
    if (!e.place.trim()) add(`${f}.place`, 'PROFILE.REQUIRED');
    text(`${f}.place`, e.place, L.shortTextMax);
    text(`${f}.routeNotes`, e.routeNotes, L.noteMax);
  });

  if (p.helpers.length > L.helpersMax) add('helpers', 'PROFILE.TOO_MANY');
  p.helpers.forEach((h, i) => {
    const f = `helpers[${i}]`;
    if (!(HELPER_ROLES as readonly string[]).includes(h.role)) add(`${f}.role`, 'PROFILE.UNKNOWN_VALUE');
    if (!h.name.trim()) add(`${f}.name`, 'PROFILE.REQUIRED');
    text(`${f}.name`, h.name, L.nameMax);
    text(`${f}.relation`, h.relation, L.relationMax);
    phone(`${f}.phone`, h.phone, true);
  });

  if (p.contacts.length > L.contactsMax) add('contacts', 'PROFILE.TOO_MANY');
  p.contacts.forEach((c, i) => {
    text(`contacts[${i}].who`, c.who, L.nameMax);
    phone(`contacts[${i}].phone`, c.phone, true);
  });

  text('manualAlternatives', p.manualAlternatives, L.noteMax);
  if (p.consent) {
    text('consent.scope', p.consent.scope, L.noteMax);
    if (compareDates(p.consent.recordedOn, today) > 0) add('consent.recordedOn', 'PROFILE.DATE_IN_FUTURE');
  }
  if (p.lastConfirmed && compareDates(p.lastConfirmed.on, today) > 0) add('lastConfirmed.on', 'PROFILE.DATE_IN_FUTURE');
  return errors;
}

// ---------------------------------------------------------------------------------------------------
// Completeness of the 個別避難計画

export const PLAN_GAPS = ['consent', 'address', 'hospital', 'contacts', 'mover', 'evacuation', 'batteryUnknown', 'notConfirmed'] as const;
/**
 * What the plan still lacks: no consent (P9: the plan cannot be made without it), no address, no hospital,
 * fewer than two contacts (Edogawa's form asks for two), nobody to move the child, no destination, a device
 * whose battery time is unknown, never confirmed with the family.
 */
export type PlanGap = (typeof PLAN_GAPS)[number];

export const MIN_CONTACTS = 2;

export function planGaps(p: EmergencyProfile): PlanGap[] {
  const gaps: PlanGap[] = [];
  if (!p.consent) gaps.push('consent');
  if (!p.address.trim()) gaps.push('address');
  if (!p.hospital.name.trim()) gaps.push('hospital');
  if (p.contacts.length < MIN_CONTACTS) gaps.push('contacts');
  if (!p.helpers.some((h) => h.role === 'mover')) gaps.push('mover');
  if (p.evacuation.length === 0) gaps.push('evacuation');
  if (p.devices.some((d) => d.batteryHours === undefined || (d.externalBatteries.count > 0 && d.externalBatteries.hoursEach === undefined))) gaps.push('batteryUnknown');
  if (!p.lastConfirmed) gaps.push('notConfirmed');
  return gaps;
}

/** P9: the plan may be shared with the people who help evacuate only with a recorded consent. */
export function maySharePlan(p: EmergencyProfile): boolean {
  return p.consent !== undefined;
}

/** Records that the profile was gone through with the family on a date. */
export function confirmProfile(p: EmergencyProfile, by: string, on: CalendarDate): EmergencyProfile {
  return { ...p, lastConfirmed: { on, by } };
}

// ---------------------------------------------------------------------------------------------------
// Re-confirmation every N months

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The same day n months later; the last day of the month when that day does not exist (1/31 + 1 → 2/28). */
export function addMonths(d: CalendarDate, n: number): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError(`PROFILE.BAD_MONTHS: months must be an integer, got ${n}`);
  const index = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

export interface ReconfirmationPolicy {
  /** Re-confirm every so many months (the Tokyo ventilator guideline reviews once a year: 12). */
  readonly everyMonths: number;
  /** Show "due soon" this many days before the due date. */
  readonly soonDays: number;
}

export type Reconfirmation =
  | { readonly kind: 'neverConfirmed' }
  | { readonly kind: 'current'; readonly dueOn: CalendarDate; readonly daysLeft: number }
  | { readonly kind: 'dueSoon'; readonly dueOn: CalendarDate; readonly daysLeft: number }
  | { readonly kind: 'overdue'; readonly dueOn: CalendarDate; readonly daysOverdue: number };

/**
 * When the profile must be confirmed again: `everyMonths` after the last confirmation. With a business
 * calendar, a due date on a day the ward is closed moves to the next working day (the usual rule for
 * administrative deadlines, 期限が閉庁日に当たるときは翌開庁日 — to be confirmed with the ward).
 */
export function reconfirmationDueOn(p: EmergencyProfile, everyMonths: number, calendar?: BusinessCalendar): CalendarDate | undefined {
  if (!Number.isInteger(everyMonths) || everyMonths < 1) throw new RangeError(`PROFILE.BAD_POLICY: everyMonths must be a whole number of months ≥ 1, got ${everyMonths}`);
  if (!p.lastConfirmed) return undefined;
  const due = addMonths(p.lastConfirmed.on, everyMonths);
  return calendar ? calendar.nextBusinessDayOnOrAfter(due) : due;
}

export function reconfirmation(p: EmergencyProfile, today: CalendarDate, policy: ReconfirmationPolicy, calendar?: BusinessCalendar): Reconfirmation {
  const dueOn = reconfirmationDueOn(p, policy.everyMonths, calendar);
  if (!dueOn) return { kind: 'neverConfirmed' };
  const daysLeft = daysBetween(today, dueOn);
  if (daysLeft < 0) return { kind: 'overdue', dueOn, daysOverdue: -daysLeft };
  if (compareDates(addDays(today, policy.soonDays), dueOn) >= 0) return { kind: 'dueSoon', dueOn, daysLeft };
  return { kind: 'current', dueOn, daysLeft };
}

// ---------------------------------------------------------------------------------------------------
// Stored on the case

/** The profile as the case file keeps it: its version guards edits made from a card shown earlier. */
export interface StoredEmergencyProfile {
  readonly profile: EmergencyProfile;
  /** 1 after the first save; the edit card carries the version it showed. */
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: string;
  /** The last re-confirmation reminder sent (`<due date>:<dueSoon|overdue>`), so each is sent once. */
  readonly reminded?: string;
}

/** The key of the reminder a re-confirmation state calls for (undefined: none due). */
export function reminderKeyOf(r: Reconfirmation): string | undefined {
  if (r.kind === 'dueSoon' || r.kind === 'overdue') return `${r.dueOn.year}-${r.dueOn.month}-${r.dueOn.day}:${r.kind}`;
  return undefined;
}
