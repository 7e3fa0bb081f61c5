import assert from 'node:assert/strict';
import { CosmosCaseFileRepository } from '../../src/adapters/cosmos/cosmosCaseFileRepository';
import { anonymiseDueCases } from '../../src/app/caseStatus';
import { ANONYMISED_NAME } from '../../src/domain/retention';
import { Activities, sendToBot } from '../support/activities';
import { cardText, startHarness, type Harness } from '../support/appHarness';
import { createHandoff } from '../support/flows';

describe('component: status changes and retention of closed cases', function () {
  this.timeout(30_000);
  let h: Harness;
  let now = new Date('2026-11-25T01:00:00Z');
  const clock = { now: () => now };
  beforeEach(async () => {
    now = new Date('2026-11-25T01:00:00Z');
    h = await startHarness({ clock, env: { RETENTION_DAYS: '365' } });
  });
  afterEach(async () => h.stop());

  it('when a case is closed and the retention period passes, then personal data is removed, statistics data stays, and the anonymisation is audited', async () => {
    const { caseId } = await createHandoff(h, { childName: '架空 終', childNameKana: 'かくう しゅう', birthDate: '2019-07-19', careItems: 'GLUCOSE', familyNeeds: '（架空）家族の事情', urgency: 'normal' });

    const notAllowed = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'desk', 'a:p', '1', 'case.status', { caseId, to: 'monitoring' }));
    assert.match(cardText(notAllowed.body.value), /今の状態からは「モニタリング」にできません/);
    const closed = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'desk', 'a:p', '1', 'case.status', { caseId, to: 'closed' }));
    assert.match(cardText(closed.body.value), /状態を「終結」にしました/);

    const repo = new CosmosCaseFileRepository(h.app.store.container('caseFiles'));
    const deps = { repo, clock, onOutboxWork: (id: string) => h.app.outbox.kick(id) };
    now = new Date(now.getTime() + 364 * 86_400_000);
    assert.equal(await anonymiseDueCases(deps, 365), 0, 'not before the period has passed');
    now = new Date(now.getTime() + 2 * 86_400_000);
    assert.equal(await anonymiseDueCases(deps, 365), 1);
    assert.equal(await anonymiseDueCases(deps, 365), 0, 'idempotent');

    const { resource } = await h.app.store.container('caseFiles').item(caseId, caseId).read();
    assert.equal(resource.record.child.name, ANONYMISED_NAME);
    assert.equal(resource.record.child.nameKana, '');
    assert.equal(resource.record.familyNeeds, '');
    assert.deepEqual(resource.record.child.birthDate, { year: 2019, month: 7, day: 1 });
    assert.deepEqual(resource.record.careItems, [{ code: 'GLUCOSE' }]);
    assert.ok(!JSON.stringify(resource).includes('架空 終'));
    await h.app.outbox.idle();
    const { resources } = await h.app.store.container('audit').items.query({ query: 'SELECT * FROM c WHERE c.caseId = @c AND c.action = "case.anonymise"', parameters: [{ name: '@c', value: caseId }] }).fetchAll();
    assert.equal(resources.length, 1);
    assert.equal(resources[0].actor, 'system');
  });
});
