import assert from 'node:assert/strict';
import { ACTION_SCHEMAS } from '../../../../src/adapters/teams/actionData';
import { milestonesCardData } from '../../../../src/adapters/teams/cardData';
import { expandCard } from '../../../../src/adapters/teams/cardRenderer';
import { classifyPersonal } from '../../../../src/adapters/teams/personalNotifier';
import { VERBS } from '../../../../src/adapters/teams/verbs';
import { caseMilestonesView, digestView } from '../../../../src/app/milestoneViews';
import type { Language } from '../../../../src/app/ports';
import { translator } from '../../../../src/i18n';
import { CaseFileMother } from '../../support/caseFileMother';
import { TransitionDataMother, wardCalendar } from '../../domain/transitions/transitionMother';

const cal = { transitions: TransitionDataMother.checkedIn(), calendar: wardCalendar() };
const now = new Date('2026-12-01T00:00:00Z');
const file = (code: string) => {
  const base = CaseFileMother.preschoolChild({ name: '架空 湊', birthDate: { year: 2020, month: 10, day: 10 } });
  return { ...base, record: { ...base.record, id: `itabashi:${code}`, code } };
};

/** Every value of a property, anywhere in a JSON tree. */
function valuesOf(node: unknown, prop: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) for (const x of node) valuesOf(x, prop, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === prop) out.push(v);
      valuesOf(v, prop, out);
    }
  }
  return out;
}

describe('adapters/teams: the milestones card (予定 and the daily digest)', () => {
  for (const language of ['ja', 'en'] as const satisfies readonly Language[]) {
    it(`when the digest of four cases is built in ${language}, then it is well formed, under the Teams size limit, and every row has 完了 and 延期 with its own date input`, () => {
      const view = digestView(['2026-0001', '2026-0002', '2026-0003', '2026-0004'].map(file), now, cal);
      const card = expandCard('milestones', milestonesCardData(translator(language), language, view));
      const json = JSON.stringify(card);
      assert.ok(!json.includes('${'), 'no unexpanded template');
      assert.ok(Buffer.byteLength(json) < 28 * 1024, `${Buffer.byteLength(json)} bytes`);
      assert.ok(!json.includes('架空 湊'), 'no child name');
      assert.equal(view.rows.length, 15);
      assert.equal(valuesOf(card, 'verb').filter((v) => v === VERBS.milestoneDone).length, 15);
      assert.equal(valuesOf(card, 'verb').filter((v) => v === VERBS.milestonePostpone).length, 15);
      const inputIds = valuesOf(card, 'id').map(String);
      assert.equal(new Set(inputIds).size, inputIds.length, 'input ids are unique in the card');
      assert.deepEqual([...new Set(valuesOf(card, 'min'))], ['2026-12-02'], 'a postponement starts tomorrow');
      assert.ok(json.includes(language === 'ja' ? '他に' : 'more not shown'), 'says rows were left out');
    });
  }

  it('when the 予定 card of one case is built in English, then the milestone titles are the English ones from the data file', () => {
    const card = expandCard('milestones', milestonesCardData(translator('en'), 'en', caseMilestonesView(file('2026-0001'), now, cal)));
    const json = JSON.stringify(card);
    assert.match(json, /Milestones of case 2026-0001/);
    assert.match(json, /Overdue \| /);
    assert.ok(!/[ぁ-ん]{4}/.test(json.replace(/架空データ|2026-0001/g, '')), 'no Japanese sentence left in the English card');
  });

  it('when a postpone click comes back, then the date is taken from the input its row names, and a missing one is kept empty for the bot to refuse', () => {
    const schema = ACTION_SCHEMAS[VERBS.milestonePostpone];
    const parsed = schema.parse({ caseId: 'itabashi:2026-0001', milestoneId: 'elementary.gakureibo', from: 'digest', input: 'until_3', until_1: '2027-01-01', until_3: ' 2027-02-15 ' });
    assert.deepEqual(parsed, { caseId: 'itabashi:2026-0001', milestoneId: 'elementary.gakureibo', from: 'digest', until: '2027-02-15' });
    assert.equal(schema.parse({ caseId: 'itabashi:2026-0001', milestoneId: 'elementary.gakureibo', input: 'until_0' }).until, '');
    assert.equal(schema.safeParse({ caseId: 'itabashi:2026-0001', milestoneId: 'elementary.gakureibo', input: 'caseId' }).success, false, 'input must name a date field');
  });

  describe('classifyPersonal: what a failed proactive send means', () => {
    const log = { warn: () => undefined };
    const error = (status: number, code?: string, retryAfter?: string) => ({ statusCode: status, response: { status, bodyAsText: JSON.stringify({ error: { code } }), headers: { get: (k: string) => (k === 'retry-after' ? retryAfter : undefined) } } });
    const cases: ReadonlyArray<[string, unknown, string]> = [
      ['403 BotNotInConversationRoster', error(403, 'BotNotInConversationRoster'), 'unreachable'],
      ['404 ConversationNotFound', error(404, 'ConversationNotFound'), 'unreachable'],
      ['403 with another code', error(403, 'BotDisabledByAdmin'), 'rejected'],
      ['429 with Retry-After 7', error(429, 'Throttled', '7'), 'retryLater:7000'],
      ['502', error(502), 'retryLater:2000'],
      ['a network error', new Error('ECONNRESET'), 'retryLater:2000'],
      ['400', error(400, 'BadArgument'), 'rejected'],
    ];
    for (const [label, err, expected] of cases) {
      it(`when Teams answers ${label}, then ${expected}`, () => {
        const r = classifyPersonal(err, log);
        assert.equal(r.kind === 'retryLater' ? `retryLater:${r.afterMs}` : r.kind, expected);
      });
    }
  });
});
