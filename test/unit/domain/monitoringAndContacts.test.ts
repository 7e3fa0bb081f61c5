import assert from 'node:assert/strict';
import { latestContacts, MAX_CONTACT_NOTE_CHARS, MAX_CONTACTS_PER_CASE, validateContact, type ContactRecord } from '../../../src/domain/contacts';
import { decideMonitoring, isMonitoringId, monitoringDueOf, monitoringIdFor, nextMonitoring, type MonitoringPlan } from '../../../src/domain/monitoring';
import type { MilestoneState } from '../../../src/domain/transitions/milestoneState';
import { d } from './transitions/transitionMother';

const plan = (everyMonths: MonitoringPlan['everyMonths'], since = d(2026, 4, 1)): MonitoringPlan => ({ everyMonths, since, setBy: 'c1', setAt: '2026-04-01T00:00:00.000Z' });
let n = 0;
const contact = (kind: ContactRecord['kind'], date: ReturnType<typeof d>, at = `2026-0${(n % 9) + 1}-01T00:00:00.000Z`): ContactRecord => ({ id: `c${++n}`, kind, date, note: '（架空）', by: 'c1', byName: '架空', at });

describe('domain/monitoring: the next monitoring of a case', () => {
  it('when no cadence is set, then there is none', () => {
    assert.equal(nextMonitoring(undefined, [], []), undefined);
  });
  it('when every 3 months is set on 2026-04-01 and nothing happened, then it is due 2026-07-01 with an id that names the date', () => {
    const next = nextMonitoring(plan(3), [], []);
    assert.deepEqual(next, { id: 'monitoring.due20260701', plannedDueDate: d(2026, 7, 1), dueDate: d(2026, 7, 1), everyMonths: 3 });
    assert.ok(isMonitoringId(next!.id));
    assert.deepEqual(monitoringDueOf(next!.id), d(2026, 7, 1));
  });
  it('when a home visit or an interview is recorded, then the next one counts from it; an accompanied appointment does not count', () => {
    assert.deepEqual(nextMonitoring(plan(3), [contact('homeVisit', d(2026, 6, 15))], [])?.dueDate, d(2026, 9, 15));
    assert.deepEqual(nextMonitoring(plan(6), [contact('interview', d(2026, 5, 2))], [])?.dueDate, d(2026, 11, 2));
    assert.deepEqual(nextMonitoring(plan(3), [contact('accompaniment', d(2026, 6, 15))], [])?.dueDate, d(2026, 7, 1));
    assert.deepEqual(nextMonitoring(plan(3), [contact('homeVisit', d(2026, 3, 1))], [])?.dueDate, d(2026, 7, 1), 'a visit before the cadence was set does not move it back');
  });
  it('when the reminder is marked 完了, then the next counts from that day (JST); when it is postponed, the same id moves to the new date', () => {
    const done: MilestoneState = { id: 'monitoring.due20260701', status: 'done', by: 'c1', at: '2026-07-02T15:30:00.000Z' }; // 07-03 00:30 JST
    assert.deepEqual(nextMonitoring(plan(3), [], [done])?.dueDate, d(2026, 10, 3));
    const postponed: MilestoneState = { id: 'monitoring.due20260701', status: 'postponed', until: d(2026, 7, 20), by: 'c1', at: '2026-06-30T00:00:00.000Z' };
    assert.deepEqual(nextMonitoring(plan(3), [], [postponed]), { id: 'monitoring.due20260701', plannedDueDate: d(2026, 7, 1), dueDate: d(2026, 7, 20), everyMonths: 3 });
  });
  it('when the anchor is on the 31st, then the due date clamps to the end of a shorter month (and leap years)', () => {
    assert.deepEqual(nextMonitoring(plan(6, d(2026, 8, 31)), [], [])?.dueDate, d(2027, 2, 28));
    assert.deepEqual(nextMonitoring(plan(1, d(2028, 1, 31)), [], [])?.dueDate, d(2028, 2, 29));
    assert.equal(monitoringIdFor(d(2027, 2, 28)), 'monitoring.due20270228');
    assert.equal(monitoringDueOf('elementary.healthCheck'), undefined);
  });
  it('when the cadence is set, changed, set again or stopped, then decideMonitoring says what changes', () => {
    const at = '2026-04-01T00:00:00.000Z';
    assert.deepEqual(decideMonitoring(undefined, 3, d(2026, 4, 1), 'c1', at), { kind: 'changed', plan: plan(3) });
    assert.deepEqual(decideMonitoring(plan(3), 3, d(2026, 5, 1), 'c1', at), { kind: 'unchanged' });
    assert.deepEqual(decideMonitoring(plan(3), 6, d(2026, 5, 1), 'c1', at), { kind: 'changed', plan: { ...plan(6, d(2026, 5, 1)) } });
    assert.deepEqual(decideMonitoring(plan(3), undefined, d(2026, 5, 1), 'c1', at), { kind: 'changed', plan: undefined });
    assert.deepEqual(decideMonitoring(undefined, undefined, d(2026, 5, 1), 'c1', at), { kind: 'unchanged' });
  });
});

describe('domain/contacts: records of visits, interviews and accompaniment', () => {
  const today = d(2026, 12, 1);
  const birth = d(2020, 10, 10);
  it('when the note has 500 characters (emoji count as one), then it is valid; 501 is too long', () => {
    assert.deepEqual(validateContact({ date: today, note: '😀'.repeat(MAX_CONTACT_NOTE_CHARS) }, today, birth, 0), []);
    assert.deepEqual(validateContact({ date: today, note: 'あ'.repeat(MAX_CONTACT_NOTE_CHARS + 1) }, today, birth, 0), ['CONTACT.NOTE_TOO_LONG']);
  });
  it('when the date is tomorrow or before the birth date, or the case is full, then it says so (all at once)', () => {
    assert.deepEqual(validateContact({ date: d(2026, 12, 2), note: '' }, today, birth, 0), ['CONTACT.DATE_FUTURE']);
    assert.deepEqual(validateContact({ date: d(2020, 10, 9), note: 'x'.repeat(501) }, today, birth, MAX_CONTACTS_PER_CASE), ['CONTACT.DATE_BEFORE_BIRTH', 'CONTACT.NOTE_TOO_LONG', 'CONTACT.TOO_MANY']);
    assert.deepEqual(validateContact({ date: birth, note: '' }, today, birth, MAX_CONTACTS_PER_CASE - 1), []);
  });
  it('when records are listed, then the newest date comes first and ties go to the later recording', () => {
    const a = contact('homeVisit', d(2026, 11, 1), '2026-11-01T00:00:00.000Z');
    const b = contact('interview', d(2026, 11, 20), '2026-11-20T00:00:00.000Z');
    const c = contact('accompaniment', d(2026, 11, 20), '2026-11-21T00:00:00.000Z');
    assert.deepEqual(latestContacts([a, b, c], 2).map((x) => x.id), [c.id, b.id]);
  });
});
