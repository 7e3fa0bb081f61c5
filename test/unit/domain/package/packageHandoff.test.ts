import assert from 'node:assert/strict';
import type { Actor } from '../../../../src/domain/directory';
import { buildPackage } from '../../../../src/domain/package/handoffPackage';
import { decideAnswer, decideAsk, decideReady, decideReceive, decideReport, decideReturn, newPackageHandoff, type PackageDecision, type PackageHandoff } from '../../../../src/domain/package/packageHandoff';
import { CaseFileMother } from '../../../support/caseFileMother';
import { CarePlanMother } from '../../../support/carePlanMother';

const actor = (id: string, roles: Actor['roles'], organisation: Actor['organisation']): Actor => ({ aadObjectId: id, displayName: `架空 ${id}`, roles, organisation });
const coordinator = actor('coord', ['coordinator'], 'coordinators');
const school = actor('school', ['liaison'], 'school');
const nursery = actor('nursery', ['liaison'], 'nursery');
const AT = '2026-11-25T01:00:00Z';

function sentToSchool(): PackageHandoff {
  const consents = (['basic', 'medicalCare'] as const).map((category) => ({ id: category, organisation: 'school' as const, category, givenBy: 'guardian' as const, recordedBy: 'd', recordedAt: AT }));
  const out = buildPackage(CaseFileMother.intake('2026-0011').record, CarePlanMother.full(), consents, 'school', { year: 2026, month: 11, day: 25 }, AT);
  assert.ok(out.kind === 'built');
  return newPackageHandoff('p1', out.package, coordinator, AT, []);
}
const changed = (d: PackageDecision): PackageHandoff => {
  assert.equal(d.kind, 'changed', JSON.stringify(d));
  return (d as { handoff: PackageHandoff }).handoff;
};

describe('domain/package: the package lifecycle 送付 → 受領 → 質問/回答 → 受入準備完了 / 差し戻し', () => {
  it('when the school receives, asks, gets an answer and marks ready, then each step is recorded with who and when, version by version', () => {
    let h = sentToSchool();
    h = changed(decideReceive(h, school, AT));
    h = changed(decideAsk(h, school, 'q1', '（架空）吸引は教室で行いますか？', AT));
    assert.deepEqual(decideReady(h, school, AT), { kind: 'invalid', code: 'PACKAGE.QUESTIONS_OPEN' }, 'not ready with an open question');
    h = changed(decideAnswer(h, coordinator, true, 'q1', '（架空）保健室で行います。', AT));
    h = changed(decideReady(h, school, AT));
    assert.equal(h.status, 'ready');
    assert.equal(h.version, 5);
    assert.deepEqual(h.history.map((e) => `${e.type}:${e.by.aadObjectId}`), ['sent:coord', 'received:school', 'asked:school', 'answered:coord', 'ready:school']);
    assert.equal(h.questions[0]?.answer?.text, '（架空）保健室で行います。');
  });

  it('when someone outside the receiving organisation acts, then nothing changes', () => {
    const h = sentToSchool();
    assert.deepEqual(decideReceive(h, nursery, AT), { kind: 'notAuthorised' });
    assert.deepEqual(decideAsk(h, coordinator, 'q', 'x', AT), { kind: 'notAuthorised' });
    assert.deepEqual(decideAnswer(changed(decideAsk(h, school, 'q', 'x', AT)), nursery, false, 'q', 'y', AT), { kind: 'notAuthorised' });
    assert.deepEqual(decideAnswer(changed(decideAsk(h, school, 'q', 'x', AT)), coordinator, false, 'q', 'y', AT), { kind: 'notAuthorised' }, 'a coordinator not assigned to the case');
  });

  it('when the same step is repeated (a double click or a Teams retry), then it is harmless', () => {
    const h = changed(decideReceive(sentToSchool(), school, AT));
    assert.deepEqual(decideReceive(h, school, AT), { kind: 'unchanged', reason: 'alreadyDone' });
    const asked = changed(decideAsk(h, school, 'q1', '質問', AT));
    assert.deepEqual(decideAsk(asked, school, 'q1', '質問', AT), { kind: 'unchanged', reason: 'alreadyDone' });
    const answered = changed(decideAnswer(asked, coordinator, true, 'q1', '回答', AT));
    assert.deepEqual(decideAnswer(answered, coordinator, true, 'q1', '別の回答', AT), { kind: 'unchanged', reason: 'alreadyDone' });
  });

  it('when the school returns the package, then it needs a reason, and afterwards it cannot be marked ready', () => {
    const h = sentToSchool();
    assert.deepEqual(decideReturn(h, school, '  ', AT), { kind: 'invalid', code: 'PACKAGE.TEXT_REQUIRED' });
    const back = changed(decideReturn(h, school, '（架空）看護師の配置が決まっていない', AT));
    assert.equal(back.status, 'returned');
    assert.deepEqual(decideReady(back, school, AT), { kind: 'notOpen', status: 'returned' });
  });

  it('when the school reports a new care need after being ready, then the report lands on the package; 501 characters are refused', () => {
    let h = changed(decideReady(sentToSchool(), school, AT));
    h = changed(decideReport(h, school, 'r1', '（架空）夏から導尿が必要になった', AT));
    assert.equal(h.reports[0]?.text, '（架空）夏から導尿が必要になった');
    assert.deepEqual(decideReport(h, school, 'r2', 'あ'.repeat(501), AT), { kind: 'invalid', code: 'PACKAGE.TEXT_TOO_LONG' });
  });
});
