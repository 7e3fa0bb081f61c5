import assert from 'node:assert/strict';
import { formatTransitionDataError, parseTransitionData, TRANSITION_KINDS, type TransitionDataError } from '../../../../src/domain/transitions/transitionData';
import { TransitionDataMother } from './transitionMother';

type Raw = Record<string, unknown> & { milestones: Array<Record<string, unknown>>; transitions: Array<Record<string, unknown>> };
/** A deep copy of the checked-in file to break in one place. */
const copy = (): Raw => structuredClone(TransitionDataMother.rawFile()) as Raw;
const milestone = (raw: Raw, id: string): Record<string, unknown> => {
  const m = raw.milestones.find((x) => x.id === id);
  assert.ok(m, id);
  return m;
};
const indexOf = (raw: Raw, id: string): number => raw.milestones.findIndex((x) => x.id === id);
const errorsOf = (raw: unknown): readonly TransitionDataError[] => {
  const r = parseTransitionData(raw);
  assert.equal(r.ok, false, 'expected the copy to fail');
  return r.ok ? [] : r.errors;
};

describe('domain/transitions/transitionData (validator)', () => {
  describe('the checked-in config/transitions.json', () => {
    const parsed = parseTransitionData(TransitionDataMother.rawFile());

    it('when it is validated, then it passes with no errors', () => {
      assert.deepEqual(parsed.ok ? [] : parsed.errors.map(formatTransitionDataError), []);
    });
    it('when it is read, then every transition has a title and at least one milestone', () => {
      assert.ok(parsed.ok);
      for (const kind of TRANSITION_KINDS) {
        assert.ok(parsed.data.transitions.some((t) => t.id === kind), kind);
        assert.ok(parsed.data.milestones.some((m) => m.transition === kind), kind);
      }
    });
    it('when it is read, then every placeholder says NOT FOUND and every other milestone cites a source with its check date', () => {
      assert.ok(parsed.ok);
      for (const m of parsed.data.milestones) {
        if (m.status === 'placeholder') assert.match(m.note ?? '', /NOT FOUND — confirm with the ward/, m.id);
        else assert.ok(m.sources.length > 0, m.id);
        for (const s of m.sources) assert.deepEqual(s.checkedOn, { year: 2026, month: 11, day: 25 }, m.id);
      }
    });
    it('when it is read, then the Itabashi facts REFERENCE.md marks NOT FOUND are placeholders', () => {
      assert.ok(parsed.ok);
      const statusOf = (id: string): string | undefined => (parsed.ok ? parsed.data.milestones.find((m) => m.id === id)?.status : undefined);
      for (const id of ['elementary.shugakuSodanStart', 'elementary.shugakuSodanTarget', 'elementary.schoolNurseRequest', 'aikids.applicationAndCare', 'kindergarten.application', 'highSchool.pathwayConsultation']) {
        assert.equal(statusOf(id), 'placeholder', id);
      }
      for (const id of ['elementary.gakureibo', 'elementary.healthCheck', 'elementary.placeDecision', 'elementary.entryNotice']) assert.equal(statusOf(id), 'sourced', id);
    });
  });

  describe('broken copies', () => {
    it('when an organisation is not a directory key, then the error names the field and the allowed values', () => {
      const raw = copy();
      milestone(raw, 'elementary.healthCheck').organisation = 'ward';
      const errors = errorsOf(raw);
      assert.equal(errors.length, 1);
      assert.equal(errors[0]?.path, `milestones[${indexOf(raw, 'elementary.healthCheck')}].organisation`);
      assert.equal(errors[0]?.code, 'TRANSITIONS.UNKNOWN_VALUE');
      assert.match(formatTransitionDataError(errors[0]!), /organisation: expected one of desk, coordinators, .*; got "ward"/);
    });
    it('when a placeholder loses its note, then the error asks for NOT FOUND on that note', () => {
      const raw = copy();
      delete milestone(raw, 'aikids.applicationAndCare').note;
      const errors = errorsOf(raw);
      assert.deepEqual(errors.map((e) => [e.path, e.code]), [[`milestones[${indexOf(raw, 'aikids.applicationAndCare')}].note`, 'TRANSITIONS.PLACEHOLDER_NOTE']]);
    });
    it('when a milestone says NOT FOUND but claims to be sourced, then the status is flagged', () => {
      const raw = copy();
      milestone(raw, 'aikids.applicationAndCare').status = 'sourced';
      const errors = errorsOf(raw);
      assert.ok(errors.some((e) => e.path.endsWith('.status') && e.code === 'TRANSITIONS.PLACEHOLDER_NOTE'));
    });
    it('when a due month is 13, then the error names due.month and the range', () => {
      const raw = copy();
      (milestone(raw, 'elementary.healthCheck').due as Record<string, unknown>).month = 13;
      const errors = errorsOf(raw).map(formatTransitionDataError);
      assert.deepEqual(errors, [`milestones[${indexOf(raw, 'elementary.healthCheck')}].due.month: expected an integer 1–12, got 13`]);
    });
    it('when 31 November is asked for, then the day is out of range', () => {
      const raw = copy();
      (milestone(raw, 'elementary.healthCheck').due as Record<string, unknown>).day = 31;
      assert.ok(errorsOf(raw).some((e) => e.path.endsWith('.due.day') && e.code === 'TRANSITIONS.OUT_OF_RANGE'));
    });
    it('when a due rule kind is unknown, then the error names due.kind', () => {
      const raw = copy();
      milestone(raw, 'elementary.healthCheck').due = { kind: 'weeksBeforeEntry', weeks: 2 };
      assert.deepEqual(errorsOf(raw).map((e) => e.path), [`milestones[${indexOf(raw, 'elementary.healthCheck')}].due.kind`]);
    });
    it('when two milestones share an id, then the second is reported', () => {
      const raw = copy();
      raw.milestones[1]!.id = raw.milestones[0]!.id;
      assert.ok(errorsOf(raw).some((e) => e.path === 'milestones[1].id' && e.code === 'TRANSITIONS.DUPLICATE_ID'));
    });
    it('when a transition loses its title entry, then the missing transition is named', () => {
      const raw = copy();
      raw.transitions = raw.transitions.filter((t) => t.id !== 'age20');
      assert.ok(errorsOf(raw).some((e) => e.path === 'transitions' && e.message.includes('"age20"')));
    });
    it('when a milestone points at an unknown transition, then the error names the transition field', () => {
      const raw = copy();
      raw.milestones[0]!.transition = 'university';
      assert.ok(errorsOf(raw).some((e) => e.path === 'milestones[0].transition'));
    });
    it('when a field name has a typo, then it is reported rather than ignored', () => {
      const raw = copy();
      const m = milestone(raw, 'elementary.gakureibo');
      m.sorces = m.sources;
      delete m.sources;
      const paths = errorsOf(raw).map((e) => e.path);
      const i = indexOf(raw, 'elementary.gakureibo');
      assert.deepEqual(paths.sort(), [`milestones[${i}].sorces`, `milestones[${i}].sources`]);
    });
    it('when a sourced milestone has no source, then a source is required', () => {
      const raw = copy();
      milestone(raw, 'elementary.gakureibo').sources = [];
      assert.ok(errorsOf(raw).some((e) => e.code === 'TRANSITIONS.SOURCE_REQUIRED'));
    });
    it('when a source date is not a date, then the checkedOn field is named', () => {
      const raw = copy();
      ((milestone(raw, 'elementary.gakureibo').sources as Array<Record<string, unknown>>)[0]!).checkedOn = '2026-02-30';
      assert.ok(errorsOf(raw).some((e) => /^milestones\[\d+\]\.sources\[0\]\.checkedOn$/.test(e.path)));
    });
    it('when the file is not an object, then one error names the file', () => {
      assert.deepEqual(errorsOf([]).map((e) => e.path), ['(file)']);
    });
    it('when the schema version is unknown, then schemaVersion is named', () => {
      const raw = copy();
      raw.schemaVersion = 2;
      assert.deepEqual(errorsOf(raw).map((e) => e.path), ['schemaVersion']);
    });
  });
});
