import assert from 'node:assert/strict';
import { actsForDepartment, bumpMilestoneCards, cardsToPost, milestoneCardNeedsSync, type DepartmentMilestone, type MilestoneCard } from '../../../../src/domain/transitions/milestoneCards';
import { ActorMother } from '../../support/actorMother';
import { d } from './transitionMother';

const m = (id: string, organisation: DepartmentMilestone['organisation'], timing: DepartmentMilestone['timing'], dueDate = d(2026, 11, 30)): DepartmentMilestone => ({ id, organisation, timing, dueDate, title: { ja: id, en: id } });
const card = (milestoneId: string, window: MilestoneCard['window'], dueDate = d(2026, 11, 30), over: Partial<MilestoneCard> = {}): MilestoneCard => ({
  id: `card-${milestoneId}-${window}`,
  milestoneId,
  organisation: 'school',
  window,
  dueDate,
  title: { ja: milestoneId, en: milestoneId },
  conversation: { serviceUrl: 'https://smba.example.invalid/jp/', tenantId: 't', conversationId: '19:school@thread.tacv2;messageid=1', channelId: '19:school@thread.tacv2', isChannel: true },
  activityId: '1',
  version: 1,
  syncedVersion: 1,
  superseded: false,
  createdAt: '2026-09-01T00:00:00.000Z',
  ...over,
});
const everywhere = () => true;

describe('domain/transitions/milestoneCards: channel cards for other departments', () => {
  it('when a school milestone enters the 90-day window, then one card is due for the school; coordinators\' own steps and later ones get none', () => {
    const wanted = cardsToPost([], [m('elementary.healthCheck', 'school', 'dueWithin90Days'), m('dayService.providerVisits', 'coordinators', 'dueWithin90Days'), m('elementary.placeDecision', 'school', 'later')], everywhere);
    assert.deepEqual(wanted.map((w) => [w.id, w.window]), [['elementary.healthCheck', 'dueWithin90Days']]);
  });
  it('when a card was posted for the window and due date, then not again; the next window opens a new card', () => {
    const posted = [card('elementary.healthCheck', 'dueWithin90Days')];
    assert.deepEqual(cardsToPost(posted, [m('elementary.healthCheck', 'school', 'dueWithin90Days')], everywhere), []);
    assert.equal(cardsToPost(posted, [m('elementary.healthCheck', 'school', 'dueWithin30Days')], everywhere)[0]?.window, 'dueWithin30Days');
    assert.equal(cardsToPost(posted, [m('elementary.healthCheck', 'school', 'overdue')], everywhere)[0]?.window, 'overdue');
  });
  it('when the step was postponed, then its new date\'s 90-day window adds no card (the old cards show the new date), its 30-day window does', () => {
    const posted = [card('elementary.healthCheck', 'dueWithin30Days')];
    assert.deepEqual(cardsToPost(posted, [m('elementary.healthCheck', 'school', 'dueWithin90Days', d(2027, 1, 15))], everywhere), []);
    assert.equal(cardsToPost(posted, [m('elementary.healthCheck', 'school', 'dueWithin30Days', d(2027, 1, 15))], everywhere).length, 1);
  });
  it('when the organisation has no channel in the directory, then no card is wanted', () => {
    assert.deepEqual(cardsToPost([], [m('x.y', 'familySupport', 'overdue')], (o) => o !== 'familySupport'), []);
  });
  it('when the milestone is completed from anywhere, then its cards are rewritten; the card clicked counts as answered', () => {
    const cards = [card('a.b', 'dueWithin90Days', d(2026, 11, 30), { id: 'one' }), card('a.b', 'dueWithin30Days', d(2026, 11, 30), { id: 'two' }), card('c.d', 'overdue', d(2026, 11, 30), { id: 'other' })];
    const bumped = bumpMilestoneCards(cards, 'a.b', 'two');
    assert.deepEqual(bumped.map((c) => [c.id, c.version, c.syncedVersion, milestoneCardNeedsSync(c)]), [['one', 2, 1, true], ['two', 2, 2, false], ['other', 1, 1, false]]);
  });
  it('when someone acts for a department, then only its liaisons and case workers do (not its administrator, not another department)', () => {
    assert.equal(actsForDepartment(ActorMother.liaison('school'), 'school'), true);
    assert.equal(actsForDepartment(ActorMother.caseWorker(), 'casework'), true);
    assert.equal(actsForDepartment(ActorMother.liaison('nursery'), 'school'), false);
    assert.equal(actsForDepartment(ActorMother.with(['admin'], 'casework', 'a'), 'casework'), false);
    assert.equal(actsForDepartment(ActorMother.coordinator(1), 'coordinators'), false);
  });
});
