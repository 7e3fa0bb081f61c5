import assert from 'node:assert/strict';
import type { CalendarDate } from '../../../src/domain/dates';
import { ageBand, lifeStageOn, LIFE_STAGES } from '../../../src/domain/lifeStage';

const d = (year: number, month: number, day: number): CalendarDate => ({ year, month, day });

/**
 * Japanese school calendar: elementary 6 years, junior high 3, high school 3, each starting on 1 April.
 * A child born 2019-04-02 enters elementary school on 2026-04-01 (学校教育法17条 + 年齢計算ニ関スル法律).
 */
describe('domain/lifeStage', () => {
  it('when the stages are listed, then they are in life order', () => {
    assert.deepEqual([...LIFE_STAGES], ['infant', 'preschool', 'elementary', 'juniorHigh', 'highSchool', 'adult']);
  });

  describe('lifeStageOn for a child born 2019-04-02 (enters elementary school 2026-04-01)', () => {
    const birth = d(2019, 4, 2);
    const cases: ReadonlyArray<[CalendarDate, string]> = [
      [d(2019, 4, 2), 'infant'],
      [d(2022, 4, 1), 'infant'], // age 2
      [d(2022, 4, 2), 'preschool'], // 3rd birthday
      [d(2026, 3, 31), 'preschool'],
      [d(2026, 4, 1), 'elementary'],
      [d(2032, 3, 31), 'elementary'], // end of 6th grade
      [d(2032, 4, 1), 'juniorHigh'],
      [d(2035, 3, 31), 'juniorHigh'],
      [d(2035, 4, 1), 'highSchool'],
      [d(2038, 3, 31), 'highSchool'],
      [d(2038, 4, 1), 'adult'],
    ];
    for (const [on, stage] of cases) {
      it(`when the date is ${on.year}-${on.month}-${on.day}, then the stage is ${stage}`, () => {
        assert.equal(lifeStageOn(birth, on), stage);
      });
    }
  });

  describe('lifeStageOn across the April 1 / April 2 cohort boundary', () => {
    it('when it is 2025-04-01, then a child born 2019-04-01 is in elementary school and one born 2019-04-02 is not', () => {
      assert.equal(lifeStageOn(d(2019, 4, 1), d(2025, 4, 1)), 'elementary');
      assert.equal(lifeStageOn(d(2019, 4, 2), d(2025, 4, 1)), 'preschool');
    });
    it('when it is 2025-03-31, then a child born 2019-04-01 is still preschool', () => {
      assert.equal(lifeStageOn(d(2019, 4, 1), d(2025, 3, 31)), 'preschool');
    });
    it('when it is 2031-04-01, then a child born 2019-04-01 starts junior high', () => {
      assert.equal(lifeStageOn(d(2019, 4, 1), d(2031, 4, 1)), 'juniorHigh');
      assert.equal(lifeStageOn(d(2019, 4, 2), d(2031, 4, 1)), 'elementary');
    });
    it('when a child born 2020-01-15 is seen on 2026-04-01, then the child is in elementary school (same cohort as 2019-04-02)', () => {
      assert.equal(lifeStageOn(d(2020, 1, 15), d(2026, 3, 31)), 'preschool');
      assert.equal(lifeStageOn(d(2020, 1, 15), d(2026, 4, 1)), 'elementary');
    });
  });

  describe('ageBand', () => {
    const cases: ReadonlyArray<[number, string]> = [
      [0, '0-2'], [2, '0-2'], [3, '3-5'], [5, '3-5'], [6, '6-11'], [11, '6-11'], [12, '12-14'], [14, '12-14'], [15, '15-17'], [17, '15-17'], [18, '18+'], [25, '18+'],
    ];
    for (const [age, band] of cases) {
      it(`when the age is ${age}, then the band is ${band}`, () => {
        assert.equal(ageBand(age), band);
      });
    }
  });
});
