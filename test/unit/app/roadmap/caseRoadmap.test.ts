import assert from 'node:assert/strict';
import type { AuditTrail, CaseFileRepository, Versioned } from '../../../../src/app/ports';
import { caseRoadmap, ROADMAP_FIELDS, type RoadmapDeps } from '../../../../src/app/roadmap/caseRoadmap';
import type { AuditEntry } from '../../../../src/domain/audit';
import type { CaseFile } from '../../../../src/domain/caseFile';
import { ActorMother } from '../../support/actorMother';
import { CaseFileMother } from '../../support/caseFileMother';
import { recordOf, roadmapData, STAFF_NAME } from './roadmapMother';

/**
 * A recording stand-in for the two ports the use case touches. The repository answers `load` only; any
 * other method it is asked for rejects (the port grows with other features; this use case only reads).
 */
function fakes(file: CaseFile | undefined) {
  const appended: AuditEntry[] = [];
  const load: CaseFileRepository['load'] = (caseId) => Promise.resolve(file && file.record.id === caseId ? ({ value: file, etag: '"1"' } satisfies Versioned<CaseFile>) : undefined);
  const repo = new Proxy({ load } as Partial<CaseFileRepository>, {
    get: (target, prop) => (prop in target ? target[prop as keyof CaseFileRepository] : () => Promise.reject(new Error(`repository.${String(prop)} is not used by caseRoadmap`))),
  }) as CaseFileRepository;
  const audit: AuditTrail = {
    append: (entries) => {
      appended.push(...entries);
      return Promise.resolve();
    },
    listForCase: () => Promise.resolve([]),
    listForActor: () => Promise.resolve([]),
  };
  return { repo, audit, appended };
}

/** 2026-11-25 10:00 JST. */
const NOW = new Date('2026-11-25T01:00:00.000Z');

describe('app/roadmap/caseRoadmap (見通し <案件番号>)', () => {
  const base = CaseFileMother.preschoolChild();
  const file: CaseFile = {
    ...base,
    record: { ...recordOf({ year: 2020, month: 6, day: 12 }, ['SUCTION', 'TUBE'], { enrolment: 'nursery' }), id: base.record.id, code: base.record.code },
    milestones: [{ id: 'elementary.gakureibo', status: 'done', by: 'x', at: '2026-11-01T00:00:00Z' }],
  };
  const deps = (f: CaseFile | undefined): RoadmapDeps & { appended: AuditEntry[] } => {
    const { repo, audit, appended } = fakes(f);
    return { ...roadmapData(), repo, audit, clock: { now: () => NOW }, appended };
  };

  it('when the desk asks for a roadmap, then it is built for today in Tokyo and the read is audited with the fields used', async () => {
    const d = deps(file);
    const outcome = await caseRoadmap(d, { caseId: file.record.id, actor: ActorMother.desk(), conversationId: 'a:personal', servicesInUse: [{ serviceId: 'shoman' }] });
    assert.equal(outcome.kind, 'found');
    assert.ok(outcome.kind === 'found');
    assert.deepEqual(outcome.view.today, { year: 2026, month: 11, day: 25 });
    assert.ok(!outcome.view.items.some((i) => i.id === 'elementary.gakureibo'), 'a done milestone on the case file is left out');
    assert.ok(!outcome.view.items.some((i) => i.id === 'shoman:start'));
    assert.deepEqual(d.appended.map((e) => [e.action, e.operation, e.caseId]), [['roadmap.view', 'read', file.record.id]]);
    assert.deepEqual(d.appended[0]?.fields, [...ROADMAP_FIELDS]);
  });

  it('when the roadmap is returned, then the family version comes with it, in Japanese and without the coordinator’s name', async () => {
    const outcome = await caseRoadmap(deps(file), { caseId: file.record.id, actor: ActorMother.desk(), conversationId: undefined });
    assert.ok(outcome.kind === 'found');
    assert.equal(outcome.family.language, 'ja');
    assert.ok(!JSON.stringify(outcome.family).includes(STAFF_NAME));
  });

  it('when a liaison without the case asks, then it is not authorised and nothing is audited', async () => {
    const d = deps(file);
    const outcome = await caseRoadmap(d, { caseId: file.record.id, actor: ActorMother.liaison('nursery'), conversationId: undefined });
    assert.deepEqual(outcome, { kind: 'notAuthorised' });
    assert.deepEqual(d.appended, []);
  });

  it('when the case does not exist, then the outcome is notFound', async () => {
    const outcome = await caseRoadmap(deps(undefined), { caseId: 'itabashi:2026-9999', actor: ActorMother.desk(), conversationId: undefined });
    assert.deepEqual(outcome, { kind: 'notFound' });
  });
});
