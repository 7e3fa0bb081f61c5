import assert from 'node:assert/strict';
import { createBusinessCalendar } from '../../../../src/domain/businessCalendar';
import { formatIsoDate, type CalendarDate } from '../../../../src/domain/dates';
import {
  addMonths,
  confirmProfile,
  draftProfile,
  EMPTY_EMERGENCY_PROFILE,
  maySharePlan,
  planGaps,
  PLAN_GAPS,
  reconfirmation,
  reconfirmationDueOn,
  validateProfile,
  type EmergencyProfile,
} from '../../../../src/domain/disaster/emergencyProfile';
import { CarePlanMother } from '../../../support/carePlanMother';
import { device, ProfileMother } from './disasterMother';

const TODAY: CalendarDate = { year: 2026, month: 11, day: 25 };
const d = (iso: string): CalendarDate => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};
const errorsOf = (p: EmergencyProfile) => validateProfile(p, TODAY).map((e) => `${e.field} ${e.code}`);
const confirmedOn = (iso: string): EmergencyProfile => ({ ...ProfileMother.complete(), lastConfirmed: { on: d(iso), by: 'desk' } });

describe('domain/disaster: the emergency profile', () => {
  describe('validation names the field of every problem', () => {
    it('when the profile is complete and sensible, then there are no errors', () => {
      assert.deepEqual(errorsOf(ProfileMother.complete()), []);
      assert.deepEqual(errorsOf(EMPTY_EMERGENCY_PROFILE), []);
    });

    it('when battery numbers are negative, fractional counts or absurd, then each is named with PROFILE.NUMBER_INVALID', () => {
      const p = ProfileMother.withDevices(device('ventilator', -1), device('suction', 2, 1.5, 3), device('feedingPump', 2, 1, 999));
      assert.deepEqual(errorsOf(p), ['devices[0].batteryHours PROFILE.NUMBER_INVALID', 'devices[1].externalBatteries.count PROFILE.NUMBER_INVALID', 'devices[2].externalBatteries.hoursEach PROFILE.NUMBER_INVALID']);
    });

    it('when oxygen cylinders are negative or last implausibly long, then the oxygen fields are named', () => {
      const p = { ...EMPTY_EMERGENCY_PROFILE, oxygen: { concentrator: false, cylinders: -2, hoursPerCylinder: 100, supplier: '' } };
      assert.deepEqual(errorsOf(p), ['oxygen.cylinders PROFILE.NUMBER_INVALID', 'oxygen.hoursPerCylinder PROFILE.NUMBER_INVALID']);
    });

    it('when a helper has no phone, a contact a wrong phone and the hospital phone is letters, then each phone field is named', () => {
      const base = ProfileMother.complete();
      const p: EmergencyProfile = {
        ...base,
        hospital: { ...base.hospital, phone: 'call us' },
        helpers: [{ ...base.helpers[0]!, phone: '' }],
        contacts: [{ who: '母', phone: '12' }],
      };
      assert.deepEqual(errorsOf(p), ['hospital.phone PROFILE.PHONE_INVALID', 'helpers[0].phone PROFILE.REQUIRED', 'contacts[0].phone PROFILE.PHONE_INVALID']);
    });

    it('when two destinations are for the same hazard or one has no place, then they are named', () => {
      const p: EmergencyProfile = {
        ...EMPTY_EMERGENCY_PROFILE,
        evacuation: [
          { hazard: 'earthquake', place: '（架空）小学校', routeNotes: '' },
          { hazard: 'earthquake', place: ' ', routeNotes: '' },
        ],
      };
      assert.deepEqual(errorsOf(p), ['evacuation[1].hazard PROFILE.DUPLICATE_HAZARD', 'evacuation[1].place PROFILE.REQUIRED']);
    });

    it('when lists are too long, values unknown, texts too long or dates in the future, then those fields are named', () => {
      const p: EmergencyProfile = {
        ...ProfileMother.complete(),
        devices: [{ ...device('ventilator', 2), kind: 'toaster' as never, note: 'x'.repeat(201) }],
        backupPower: { sources: ['windmill' as never], note: '' },
        contacts: Array.from({ length: 7 }, () => ({ who: '母', phone: '090-0000-0000' })),
        lastConfirmed: { on: d('2026-11-26'), by: 'desk' },
      };
      assert.deepEqual(errorsOf(p), [
        'devices[0].kind PROFILE.UNKNOWN_VALUE',
        'devices[0].note PROFILE.TEXT_TOO_LONG',
        'backupPower.sources[0] PROFILE.UNKNOWN_VALUE',
        'contacts PROFILE.TOO_MANY',
        'lastConfirmed.on PROFILE.DATE_IN_FUTURE',
      ]);
    });
  });

  describe('what the 個別避難計画 still lacks', () => {
    it('when nothing is filled in, then every gap is listed and the plan may not be shared (no consent, P9)', () => {
      assert.deepEqual(planGaps(EMPTY_EMERGENCY_PROFILE), PLAN_GAPS.filter((g) => g !== 'batteryUnknown'));
      assert.equal(maySharePlan(EMPTY_EMERGENCY_PROFILE), false);
    });

    it('when everything is there, then nothing is missing and the plan may be shared', () => {
      assert.deepEqual(planGaps(ProfileMother.complete()), []);
      assert.equal(maySharePlan(ProfileMother.complete()), true);
    });

    it('when spare batteries are counted but their hours unknown, or only one contact and no mover, then those are gaps', () => {
      const base = ProfileMother.complete([device('ventilator', 4, 2, undefined)]);
      const p = { ...base, contacts: base.contacts.slice(0, 1), helpers: base.helpers.filter((h) => h.role !== 'mover') };
      assert.deepEqual(planGaps(p), ['contacts', 'mover', 'batteryUnknown']);
    });

    it('when a draft is made from the case devices and the care plan, then devices, hospital and contacts are carried over', () => {
      const draft = draftProfile([{ kind: 'suction', batteryHours: 2 }], CarePlanMother.full().emergency);
      assert.deepEqual(draft.devices, [{ kind: 'suction', batteryHours: 2, externalBatteries: { count: 0, hoursEach: undefined }, note: '' }]);
      assert.match(draft.hospital.name, /板橋区立こども病院/);
      assert.deepEqual(draft.contacts.map((c) => c.who), ['母', '主治医（架空）']);
      assert.deepEqual(planGaps(draft), ['consent', 'address', 'mover', 'evacuation', 'notConfirmed']);
    });
  });

  describe('re-confirmation every N months', () => {
    it('when months are added, then the day is kept or clamped to the end of a shorter month', () => {
      assert.equal(formatIsoDate(addMonths(d('2026-01-31'), 1)), '2026-02-28');
      assert.equal(formatIsoDate(addMonths(d('2027-01-31'), 13)), '2028-02-29');
      assert.equal(formatIsoDate(addMonths(d('2026-11-30'), 3)), '2027-02-28');
      assert.equal(formatIsoDate(addMonths(d('2026-04-10'), 12)), '2027-04-10');
      assert.equal(formatIsoDate(addMonths(d('2026-03-15'), -3)), '2025-12-15');
    });

    it('when the profile was never confirmed, then it is due now and has no due date', () => {
      assert.deepEqual(reconfirmation(EMPTY_EMERGENCY_PROFILE, TODAY, { everyMonths: 12, soonDays: 30 }), { kind: 'neverConfirmed' });
    });

    it('when confirmed on 2026-04-10 and the ward re-confirms every 12 months, then it is due 2027-04-10 and current today', () => {
      const r = reconfirmation(confirmedOn('2026-04-10'), TODAY, { everyMonths: 12, soonDays: 30 });
      assert.equal(r.kind, 'current');
      assert.ok(r.kind === 'current' && formatIsoDate(r.dueOn) === '2027-04-10' && r.daysLeft === 136);
    });

    it('when the ward re-confirms every 6 months, then the same profile is due 2026-10-10 and overdue by 46 days', () => {
      const r = reconfirmation(confirmedOn('2026-04-10'), TODAY, { everyMonths: 6, soonDays: 30 });
      assert.deepEqual(r, { kind: 'overdue', dueOn: d('2026-10-10'), daysOverdue: 46 });
    });

    it('when the due date is within the warning days, or is today, then it is due soon (not yet overdue)', () => {
      assert.deepEqual(reconfirmation(confirmedOn('2026-06-20'), TODAY, { everyMonths: 6, soonDays: 30 }), { kind: 'dueSoon', dueOn: d('2026-12-20'), daysLeft: 25 });
      assert.deepEqual(reconfirmation(confirmedOn('2026-05-25'), TODAY, { everyMonths: 6, soonDays: 30 }), { kind: 'dueSoon', dueOn: d('2026-11-25'), daysLeft: 0 });
      assert.equal(reconfirmation(confirmedOn('2026-05-24'), TODAY, { everyMonths: 6, soonDays: 30 }).kind, 'overdue');
    });

    it('when the due date falls on a day the ward is closed, then with a calendar it moves to the next working day', () => {
      const holidays: Record<string, string> = { '2027-01-11': '成人の日' };
      const calendar = createBusinessCalendar((date) => holidays[formatIsoDate(date)]);
      // 2027-01-09 is a Saturday; 01-10 Sunday; 01-11 a holiday → Tuesday 2027-01-12.
      assert.equal(formatIsoDate(reconfirmationDueOn(confirmedOn('2026-01-09'), 12, calendar)!), '2027-01-12');
      // In the year-end closure (12/29–1/3): 2026-12-30 → 2027-01-04 (Monday).
      assert.equal(formatIsoDate(reconfirmationDueOn(confirmedOn('2025-12-30'), 12, calendar)!), '2027-01-04');
      assert.equal(formatIsoDate(reconfirmationDueOn(confirmedOn('2025-12-30'), 12)!), '2026-12-30');
    });

    it('when the profile is confirmed again, then the next due date counts from the new date', () => {
      const again = confirmProfile(confirmedOn('2025-04-10'), 'desk', TODAY);
      assert.equal(formatIsoDate(reconfirmationDueOn(again, 12)!), '2027-11-25');
    });

    it('when the policy is not a whole number of months, then it is a bug and throws with a code', () => {
      assert.throws(() => reconfirmationDueOn(ProfileMother.complete(), 0), /PROFILE\.BAD_POLICY/);
      assert.throws(() => reconfirmationDueOn(ProfileMother.complete(), 1.5), /PROFILE\.BAD_POLICY/);
    });
  });
});
