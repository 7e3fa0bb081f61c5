import type { CareItemCode } from '../careItems';

/**
 * What a receiving organisation needs to care for the child on site, kept with the case by the
 * coordinator: the procedure notes per care item, what to do in an emergency, the daily schedule, the
 * family's wishes, and what has been agreed or is still open. All of it is 要配慮個人情報.
 */
export interface EmergencyPlan {
  /** The hospital to go to (name and phone). */
  readonly hospital: string;
  /** Whom to call, in order (e.g. 母 090-…, 主治医 03-…). */
  readonly contacts: readonly { readonly who: string; readonly phone: string }[];
  /** What to do if a tube (胃瘻, 気管カニューレ …) comes out. */
  readonly ifTubeOut: string;
  /** What to do if a seizure starts. */
  readonly ifSeizure: string;
  /** Anything else (e.g. 停電時, アレルギー). */
  readonly other: string;
}

export interface CarePlan {
  readonly procedures: readonly { readonly item: CareItemCode; readonly note: string }[];
  readonly emergency: EmergencyPlan;
  readonly dailySchedule: string;
  readonly familyWishes: string;
  readonly agreed: readonly string[];
  readonly open: readonly string[];
  /** When the coordinator last confirmed the plan with the family. */
  readonly confirmedOn: string | undefined;
  /** Increases on every save; an edit made on an older version is refused as stale. */
  readonly version?: number;
}

export const EMPTY_CARE_PLAN: CarePlan = Object.freeze({
  procedures: [],
  emergency: { hospital: '', contacts: [], ifTubeOut: '', ifSeizure: '', other: '' },
  dailySchedule: '',
  familyWishes: '',
  agreed: [],
  open: [],
  confirmedOn: undefined,
});

export const CARE_PLAN_LIMITS = Object.freeze({ noteMax: 500, textMax: 1000, listMax: 20, contactsMax: 6 });

export type CarePlanError = { readonly field: string; readonly code: 'PLAN.TEXT_TOO_LONG' | 'PLAN.TOO_MANY' | 'PLAN.PHONE_INVALID' };

const len = (s: string) => [...s].length;
const PHONE = /^[0-9０-９+＋\-－() （）]{6,20}$/;

export function validateCarePlan(plan: CarePlan): CarePlanError[] {
  const L = CARE_PLAN_LIMITS;
  const errors: CarePlanError[] = [];
  const long = (field: string, text: string, max: number) => len(text) > max && errors.push({ field, code: 'PLAN.TEXT_TOO_LONG' });
  plan.procedures.forEach((p, i) => long(`procedures[${i}]`, p.note, L.noteMax));
  long('emergency.hospital', plan.emergency.hospital, 200);
  long('emergency.ifTubeOut', plan.emergency.ifTubeOut, L.noteMax);
  long('emergency.ifSeizure', plan.emergency.ifSeizure, L.noteMax);
  long('emergency.other', plan.emergency.other, L.noteMax);
  long('dailySchedule', plan.dailySchedule, L.textMax);
  long('familyWishes', plan.familyWishes, L.textMax);
  if (plan.emergency.contacts.length > L.contactsMax) errors.push({ field: 'emergency.contacts', code: 'PLAN.TOO_MANY' });
  plan.emergency.contacts.forEach((c, i) => {
    if (!PHONE.test(c.phone.trim())) errors.push({ field: `emergency.contacts[${i}].phone`, code: 'PLAN.PHONE_INVALID' });
    long(`emergency.contacts[${i}].who`, c.who, 40);
  });
  for (const [field, list] of [['agreed', plan.agreed], ['open', plan.open]] as const) {
    if (list.length > L.listMax) errors.push({ field, code: 'PLAN.TOO_MANY' });
    list.forEach((t, i) => long(`${field}[${i}]`, t, L.noteMax));
  }
  return errors;
}
