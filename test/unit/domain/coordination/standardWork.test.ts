import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStandardWork, progressOf, WORK_PHASES, type StandardWork, type StandardWorkResult } from '../../../../src/domain/coordination/standardWork';

const FILE = join(__dirname, '../../../../config/standardWork.json');
type RawWork = { phases: Array<{ id: string; items: Array<Record<string, unknown>> } & Record<string, unknown>> } & Record<string, unknown>;
const raw = (): RawWork => JSON.parse(readFileSync(FILE, 'utf8')) as RawWork;
const checkedIn = (): StandardWork => {
  const parsed = parseStandardWork(raw());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
};
const fields = (r: StandardWorkResult): string[] => (r.ok ? [] : r.errors.map((e) => e.path));
function broken(edit: (w: RawWork) => void): StandardWorkResult {
  const w = raw();
  edit(w);
  return parseStandardWork(w);
}

const work = checkedIn();
const requiredOf = (phase: string): string[] => work.phases.find((p) => p.id === phase)!.items.filter((i) => i.required).map((i) => i.id);
const allRequiredUpTo = (phase: string): string[] => WORK_PHASES.slice(0, WORK_PHASES.indexOf(phase as never) + 1).flatMap((p) => requiredOf(p));

describe('domain/coordination/standardWork', () => {
  describe('the checked-in config/standardWork.json', () => {
    it('when it is parsed, then it has the seven phases 受付 → … → 終結 in order, each with a checklist', () => {
      assert.deepEqual(work.phases.map((p) => p.id), [...WORK_PHASES]);
      assert.deepEqual(work.phases.map((p) => p.title.ja), ['受付', 'アセスメント', '支援計画', '実施・同行', 'モニタリング', '移行支援', '終結']);
      for (const p of work.phases) assert.ok(p.items.some((i) => i.required), p.id);
    });
    it('when an item is listed, then it says why it is there', () => {
      for (const item of work.phases.flatMap((p) => p.items)) assert.ok(item.basis.length > 10, item.id);
    });
  });

  describe('broken copies fail, naming the field', () => {
    it('when the phases are out of order, then the error names the phase id', () => {
      const r = broken((w) => {
        const [a, b] = [w.phases[1]!, w.phases[2]!];
        w.phases[1] = b;
        w.phases[2] = a;
      });
      assert.ok(fields(r).includes('phases[1].id'), JSON.stringify(r));
    });
    it('when an item id does not start with its phase, then the error names the item id', () => {
      const r = broken((w) => void (w.phases[0]!.items[0]!.id = 'assessment.somethingElse'));
      assert.deepEqual(fields(r), ['phases[0].items[0].id']);
    });
    it('when two items share an id, then the error names the later one', () => {
      const r = broken((w) => void (w.phases[0]!.items[1]!.id = w.phases[0]!.items[0]!.id));
      assert.deepEqual(fields(r), ['phases[0].items[1].id']);
    });
    it('when "required" is not a boolean, then the error names it', () => {
      const r = broken((w) => void (w.phases[3]!.items[0]!.required = 'yes'));
      assert.deepEqual(fields(r), ['phases[3].items[0].required']);
    });
    it('when a phase has only optional items, then the error names its items', () => {
      const r = broken((w) => {
        for (const item of w.phases[4]!.items) item.required = false;
      });
      assert.deepEqual(fields(r), ['phases[4].items']);
    });
    it('when a phase is missing, then the error names phases', () => {
      const r = broken((w) => void w.phases.pop());
      assert.deepEqual(fields(r), ['phases']);
    });
    it('when an item has an unknown field, then the error names it', () => {
      const r = broken((w) => void (w.phases[2]!.items[0]!.owner = 'coordinator'));
      assert.deepEqual(fields(r), ['phases[2].items[0].owner']);
    });
  });

  describe('progressOf', () => {
    it('when nothing is done, then the case is at 受付 with 0% and the intake items come next', () => {
      const p = progressOf(work, []);
      assert.equal(p.currentPhase, 'intake');
      assert.equal(p.percent, 0);
      assert.equal(p.finished, false);
      assert.deepEqual(p.next.map((i) => i.id), requiredOf('intake'));
    });

    it('when the intake checklist is done, then the case is at アセスメント and the percentage counts required items only', () => {
      const done = requiredOf('intake');
      const p = progressOf(work, done);
      assert.equal(p.currentPhase, 'assessment');
      const total = work.phases.flatMap((ph) => ph.items).filter((i) => i.required).length;
      assert.equal(p.percent, Math.floor((100 * done.length) / total));
      assert.equal(p.phases[0]?.complete, true);
      assert.equal(p.phases[1]?.complete, false);
    });

    it('when the next items are listed, then required ones come before optional ones', () => {
      const p = progressOf(work, requiredOf('intake'), 10);
      const next = p.next.map((i) => i.required);
      assert.deepEqual(next, [...next].sort((a, b) => Number(b) - Number(a)));
      assert.ok(p.next.some((i) => !i.required), 'optional assessment items are offered after the required ones');
    });

    it('when a later item is done early, then the phase is still the first one with open required items', () => {
      const p = progressOf(work, ['planning.roadmapShared', 'intake.enquiryRecorded']);
      assert.equal(p.currentPhase, 'intake');
      assert.equal(p.phases.find((x) => x.phase === 'planning')?.requiredDone, 1);
    });

    it('when optional items of a finished phase stay open, then they do not block and are listed as skipped', () => {
      const p = progressOf(work, allRequiredUpTo('assessment'));
      assert.equal(p.currentPhase, 'planning');
      assert.deepEqual(p.skippedOptional.map((i) => i.id), ['assessment.careScoreChecked', 'assessment.powerBackupChecked']);
    });

    it('when every required item is done, then it is finished at 終結 with 100% and only optional items remain next', () => {
      const p = progressOf(work, allRequiredUpTo('closure'));
      assert.equal(p.finished, true);
      assert.equal(p.currentPhase, 'closure');
      assert.equal(p.percent, 100);
      assert.ok(p.next.every((i) => !i.required));
    });

    it('when a done id is not in the checklist (renamed item), then it is reported and ignored', () => {
      const p = progressOf(work, ['intake.oldName', 'intake.enquiryRecorded']);
      assert.deepEqual(p.unknownDone, ['intake.oldName']);
      assert.equal(p.phases[0]?.requiredDone, 1);
    });

    it('when the limit is 2, then at most two next items are given', () => {
      assert.equal(progressOf(work, [], 2).next.length, 2);
    });
  });
});
