import type { CaseRecord, Device, Enrolment, Guardian, SupportMember } from './case';
import { DEVICE_KINDS, ENROLMENT_KINDS } from './case';

/** What the case edit card can change. Every field is replaced as a whole. */
export interface CaseDetailsEdit {
  readonly district: string;
  readonly guardian: Guardian | undefined;
  readonly diagnoses: string;
  readonly devices: readonly Device[];
  readonly supportNetwork: readonly SupportMember[];
  readonly enrolment: Enrolment | undefined;
}

export const CASE_EDIT_LIMITS = Object.freeze({ districtMax: 40, guardianNameMax: 40, relationMax: 20, phoneMax: 20, diagnosesMax: 1000, placeMax: 80, supportMembersMax: 20, supportTextMax: 80, batteryHoursMax: 240 });

export type CaseEditErrorCode =
  | 'EDIT.TEXT_TOO_LONG'
  | 'EDIT.PHONE_INVALID'
  | 'EDIT.GUARDIAN_INCOMPLETE'
  | 'EDIT.BATTERY_INVALID'
  | 'EDIT.UNKNOWN_DEVICE'
  | 'EDIT.UNKNOWN_ENROLMENT'
  | 'EDIT.TOO_MANY_MEMBERS';
export interface CaseEditError {
  readonly field: string;
  readonly code: CaseEditErrorCode;
}

const len = (s: string) => [...s].length;
const PHONE = /^[0-9０-９+＋\-－() （）]{6,20}$/;

export function validateCaseEdit(edit: CaseDetailsEdit): CaseEditError[] {
  const L = CASE_EDIT_LIMITS;
  const errors: CaseEditError[] = [];
  if (len(edit.district) > L.districtMax) errors.push({ field: 'district', code: 'EDIT.TEXT_TOO_LONG' });
  if (len(edit.diagnoses) > L.diagnosesMax) errors.push({ field: 'diagnoses', code: 'EDIT.TEXT_TOO_LONG' });
  if (edit.guardian) {
    const g = edit.guardian;
    if (!g.name.trim() || !g.phone.trim()) errors.push({ field: 'guardian', code: 'EDIT.GUARDIAN_INCOMPLETE' });
    if (len(g.name) > L.guardianNameMax || len(g.relation) > L.relationMax) errors.push({ field: 'guardian', code: 'EDIT.TEXT_TOO_LONG' });
    if (g.phone.trim() && !PHONE.test(g.phone.trim())) errors.push({ field: 'guardian.phone', code: 'EDIT.PHONE_INVALID' });
  }
  for (const d of edit.devices) {
    if (!(DEVICE_KINDS as readonly string[]).includes(d.kind)) errors.push({ field: 'devices', code: 'EDIT.UNKNOWN_DEVICE' });
    if (d.batteryHours !== undefined && !(d.batteryHours >= 0 && d.batteryHours <= L.batteryHoursMax)) errors.push({ field: 'devices', code: 'EDIT.BATTERY_INVALID' });
  }
  if (edit.supportNetwork.length > L.supportMembersMax) errors.push({ field: 'supportNetwork', code: 'EDIT.TOO_MANY_MEMBERS' });
  if (edit.supportNetwork.some((m) => len(m.organisation) > L.supportTextMax || len(m.role) > L.supportTextMax)) errors.push({ field: 'supportNetwork', code: 'EDIT.TEXT_TOO_LONG' });
  if (edit.enrolment) {
    if (!(ENROLMENT_KINDS as readonly string[]).includes(edit.enrolment.kind)) errors.push({ field: 'enrolment', code: 'EDIT.UNKNOWN_ENROLMENT' });
    if (len(edit.enrolment.place) > L.placeMax) errors.push({ field: 'enrolment', code: 'EDIT.TEXT_TOO_LONG' });
  }
  return errors;
}

/** Applies an edit; returns the new record and the names of the fields that changed (for the audit). */
export function applyCaseEdit(record: CaseRecord, edit: CaseDetailsEdit): { record: CaseRecord; changed: string[] } {
  const guardians = edit.guardian ? [edit.guardian, ...record.guardians.slice(1)] : record.guardians;
  const next: CaseRecord = {
    ...record,
    district: edit.district.trim(),
    guardians,
    diagnoses: edit.diagnoses.trim(),
    devices: edit.devices,
    supportNetwork: edit.supportNetwork,
    enrolment: edit.enrolment,
    detailsVersion: record.detailsVersion + 1,
  };
  const fields = ['district', 'guardians', 'diagnoses', 'devices', 'supportNetwork', 'enrolment'] as const;
  const changed = fields.filter((f) => JSON.stringify(record[f]) !== JSON.stringify(next[f]));
  return { record: changed.length ? next : record, changed };
}
