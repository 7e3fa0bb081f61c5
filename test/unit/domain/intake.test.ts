import assert from 'node:assert/strict';
import type { CareItemCode } from '../../../src/domain/careItems';
import { INTAKE_LIMITS, validateIntake } from '../../../src/domain/intake';
import { IntakeMother } from '../support/intakeMother';

const TODAY = { year: 2026, month: 11, day: 25 } as const;
const codes = (input: Parameters<typeof validateIntake>[0]) => validateIntake(input, TODAY).map((e) => `${e.field}:${e.code}`);

describe('domain/intake: validateIntake', () => {
  it('when every field is valid, then there are no errors', () => {
    assert.deepEqual(validateIntake(IntakeMother.valid(), TODAY), []);
  });

  it('when the limits are read, then they are 40 / 80 / 1000 characters and 25 years', () => {
    assert.deepEqual({ ...INTAKE_LIMITS }, { nameMax: 40, kanaMax: 80, needsMax: 1000, maxAgeYears: 25 });
  });

  describe('child name', () => {
    it('when the name is empty or only spaces (half- and full-width), then NAME_REQUIRED', () => {
      assert.deepEqual(codes(IntakeMother.valid({ childName: '' })), ['childName:INTAKE.NAME_REQUIRED']);
      assert.deepEqual(codes(IntakeMother.valid({ childName: ' 　 ' })), ['childName:INTAKE.NAME_REQUIRED']);
    });
    it('when the name is 40 kanji (120 bytes in UTF-8), then it is accepted', () => {
      const name = '架'.repeat(40);
      assert.ok(Buffer.byteLength(name) > 40);
      assert.deepEqual(codes(IntakeMother.valid({ childName: name })), []);
    });
    it('when the name is 41 kanji, then NAME_TOO_LONG', () => {
      assert.deepEqual(codes(IntakeMother.valid({ childName: '架'.repeat(41) })), ['childName:INTAKE.NAME_TOO_LONG']);
    });
    it('when the name is 40 characters outside the BMP (𠮷, two UTF-16 units each), then it is accepted', () => {
      assert.deepEqual(codes(IntakeMother.valid({ childName: '𠮷'.repeat(40) })), []);
    });
    it('when the name is 41 characters outside the BMP, then NAME_TOO_LONG', () => {
      assert.deepEqual(codes(IntakeMother.valid({ childName: '𠮷'.repeat(41) })), ['childName:INTAKE.NAME_TOO_LONG']);
    });
    it('when a 40-character name has surrounding spaces, then the spaces do not count', () => {
      assert.deepEqual(codes(IntakeMother.valid({ childName: `  ${'架'.repeat(40)}  ` })), []);
    });
  });

  describe('kana', () => {
    it('when the kana is empty or only spaces, then KANA_REQUIRED', () => {
      assert.deepEqual(codes(IntakeMother.valid({ childNameKana: '' })), ['childNameKana:INTAKE.KANA_REQUIRED']);
      assert.deepEqual(codes(IntakeMother.valid({ childNameKana: '   ' })), ['childNameKana:INTAKE.KANA_REQUIRED']);
    });
    for (const kana of ['かくう はなこ', 'カクウ ハナコ', 'かくう　はなこ', 'ユーリ', 'ゆーり', 'カクウ・ハナコ', 'かくうハナコ']) {
      it(`when the kana is ${JSON.stringify(kana)} (hiragana/katakana/ー/spaces), then it is accepted`, () => {
        assert.deepEqual(codes(IntakeMother.valid({ childNameKana: kana })), []);
      });
    }
    for (const kana of ['kakuu hanako', 'Kakuu', '架空 はなこ', 'かくう1', 'かくう!']) {
      it(`when the kana is ${JSON.stringify(kana)} (romaji, kanji, digits or symbols), then KANA_NOT_KANA`, () => {
        assert.deepEqual(codes(IntakeMother.valid({ childNameKana: kana })), ['childNameKana:INTAKE.KANA_NOT_KANA']);
      });
    }
    it('when the kana is 80 characters, then it is accepted', () => {
      assert.deepEqual(codes(IntakeMother.valid({ childNameKana: 'か'.repeat(80) })), []);
    });
    it('when the kana is 81 characters, then it is rejected with KANA_NOT_KANA', () => {
      assert.deepEqual(codes(IntakeMother.valid({ childNameKana: 'か'.repeat(81) })), ['childNameKana:INTAKE.KANA_NOT_KANA']);
    });
  });

  describe('birth date', () => {
    it('when the child was born today, then it is accepted', () => {
      assert.deepEqual(codes(IntakeMother.valid({ birthDate: TODAY })), []);
    });
    it('when the birth date is tomorrow, then BIRTHDATE_FUTURE', () => {
      assert.deepEqual(codes(IntakeMother.valid({ birthDate: { year: 2026, month: 11, day: 26 } })), ['birthDate:INTAKE.BIRTHDATE_FUTURE']);
    });
    it('when the birth date is next year, then BIRTHDATE_FUTURE', () => {
      assert.deepEqual(codes(IntakeMother.valid({ birthDate: { year: 2027, month: 1, day: 1 } })), ['birthDate:INTAKE.BIRTHDATE_FUTURE']);
    });
    it('when the person is 25 (the day before the 26th birthday), then it is accepted', () => {
      assert.deepEqual(codes(IntakeMother.valid({ birthDate: { year: 2000, month: 11, day: 26 } })), []);
    });
    it('when the person turns 26 today, then BIRTHDATE_TOO_OLD', () => {
      assert.deepEqual(codes(IntakeMother.valid({ birthDate: { year: 2000, month: 11, day: 25 } })), ['birthDate:INTAKE.BIRTHDATE_TOO_OLD']);
    });
  });

  describe('care items', () => {
    it('when no care item is chosen, then CARE_ITEMS_REQUIRED', () => {
      assert.deepEqual(codes(IntakeMother.valid({ careItems: [] })), ['careItems:INTAKE.CARE_ITEMS_REQUIRED']);
    });
    it('when a code outside the R3 table is given, then CARE_ITEM_UNKNOWN', () => {
      assert.deepEqual(codes(IntakeMother.valid({ careItems: ['SUCTION', 'MAGIC' as CareItemCode] })), ['careItems:INTAKE.CARE_ITEM_UNKNOWN']);
    });
    it('when a code differs only in case (suction), then CARE_ITEM_UNKNOWN', () => {
      assert.deepEqual(codes(IntakeMother.valid({ careItems: ['suction' as CareItemCode] })), ['careItems:INTAKE.CARE_ITEM_UNKNOWN']);
    });
  });

  describe('family needs', () => {
    it('when the needs are empty or only spaces, then NEEDS_REQUIRED', () => {
      assert.deepEqual(codes(IntakeMother.valid({ familyNeeds: '' })), ['familyNeeds:INTAKE.NEEDS_REQUIRED']);
      assert.deepEqual(codes(IntakeMother.valid({ familyNeeds: '\n 　\t' })), ['familyNeeds:INTAKE.NEEDS_REQUIRED']);
    });
    it('when the needs are 1000 Japanese characters, then they are accepted', () => {
      assert.deepEqual(codes(IntakeMother.valid({ familyNeeds: '相'.repeat(1000) })), []);
    });
    it('when the needs are 1001 characters, then NEEDS_TOO_LONG', () => {
      assert.deepEqual(codes(IntakeMother.valid({ familyNeeds: '相'.repeat(1001) })), ['familyNeeds:INTAKE.NEEDS_TOO_LONG']);
    });
  });

  it('when several fields are wrong, then every error is reported at once', () => {
    const errors = codes({
      childName: '架'.repeat(41),
      childNameKana: 'kakuu',
      birthDate: { year: 2026, month: 11, day: 26 },
      careItems: [],
      familyNeeds: ' ',
      urgency: 'urgent',
    });
    assert.deepEqual(new Set(errors), new Set([
      'childName:INTAKE.NAME_TOO_LONG',
      'childNameKana:INTAKE.KANA_NOT_KANA',
      'birthDate:INTAKE.BIRTHDATE_FUTURE',
      'careItems:INTAKE.CARE_ITEMS_REQUIRED',
      'familyNeeds:INTAKE.NEEDS_REQUIRED',
    ]));
    assert.equal(errors.length, 5);
  });

  it('when the other set of errors occurs together, then all of them are reported too', () => {
    const errors = codes({
      childName: '',
      childNameKana: '',
      birthDate: { year: 1990, month: 1, day: 1 },
      careItems: ['NOPE' as CareItemCode],
      familyNeeds: 'あ'.repeat(1001),
      urgency: 'normal',
    });
    assert.deepEqual(new Set(errors), new Set([
      'childName:INTAKE.NAME_REQUIRED',
      'childNameKana:INTAKE.KANA_REQUIRED',
      'birthDate:INTAKE.BIRTHDATE_TOO_OLD',
      'careItems:INTAKE.CARE_ITEM_UNKNOWN',
      'familyNeeds:INTAKE.NEEDS_TOO_LONG',
    ]));
  });
});
