import { compareDates, type CalendarDate } from './dates';

/**
 * Records of contact with the family (訪問・面接・同行): a home visit, an interview (at the ward or
 * elsewhere), or accompanying the family to an appointment (受診・手続きへの同行). Each has its date, a
 * short note and who recorded it. Notes are free text about a child (要配慮個人情報): shown only in
 * personal chat to the people who hold the case, escaped on display, removed on anonymisation.
 */
export const CONTACT_KINDS = ['homeVisit', 'interview', 'accompaniment'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** Kinds that are a monitoring of the support plan (a visit or an interview with the family). */
export const MONITORING_CONTACT_KINDS: ReadonlySet<ContactKind> = new Set(['homeVisit', 'interview']);

export const MAX_CONTACT_NOTE_CHARS = 500;
/** A case file is one Cosmos document (2 MB): at 500 notes of 500 characters it stays well below. */
export const MAX_CONTACTS_PER_CASE = 500;
/** How many the case card lists (newest first). */
export const CONTACTS_ON_CASE_CARD = 5;

export interface ContactRecord {
  readonly id: string;
  readonly kind: ContactKind;
  readonly date: CalendarDate;
  readonly note: string;
  /** aadObjectId and display name of who recorded it. */
  readonly by: string;
  readonly byName: string;
  /** When it was recorded (ISO instant). */
  readonly at: string;
}

export type ContactError = 'CONTACT.DATE_FUTURE' | 'CONTACT.DATE_BEFORE_BIRTH' | 'CONTACT.NOTE_TOO_LONG' | 'CONTACT.TOO_MANY';

/** Characters as people count them (an emoji is one). */
export const noteLength = (note: string): number => [...note].length;

export function validateContact(input: { readonly date: CalendarDate; readonly note: string }, today: CalendarDate, birthDate: CalendarDate, existing: number): ContactError[] {
  const errors: ContactError[] = [];
  if (compareDates(input.date, today) > 0) errors.push('CONTACT.DATE_FUTURE');
  if (compareDates(input.date, birthDate) < 0) errors.push('CONTACT.DATE_BEFORE_BIRTH');
  if (noteLength(input.note) > MAX_CONTACT_NOTE_CHARS) errors.push('CONTACT.NOTE_TOO_LONG');
  if (existing >= MAX_CONTACTS_PER_CASE) errors.push('CONTACT.TOO_MANY');
  return errors;
}

/** Newest first: by date, then by when recorded. */
export function latestContacts(contacts: readonly ContactRecord[], limit: number): ContactRecord[] {
  return [...contacts].sort((a, b) => compareDates(b.date, a.date) || b.at.localeCompare(a.at)).slice(0, limit);
}

/** The date of the latest visit or interview, if any (the last monitoring contact). */
export function lastMonitoringContact(contacts: readonly ContactRecord[]): CalendarDate | undefined {
  return latestContacts(
    contacts.filter((c) => MONITORING_CONTACT_KINDS.has(c.kind)),
    1,
  )[0]?.date;
}

/** What remains of a record after anonymisation: kind, month and who recorded it; no note, no day. */
export function anonymiseContact(c: ContactRecord): ContactRecord {
  return { ...c, note: '', date: { ...c.date, day: 1 } };
}
