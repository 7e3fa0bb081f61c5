import assert from 'node:assert/strict';
import { readIssueCategoriesFile } from '../../../../src/adapters/services/issueCategoriesData';
import { expandCard } from '../../../../src/adapters/teams/cardRenderer';
import { AGENDA_PAGE_ITEMS, agendaBodyText, agendaCardData, agendaOutcomesCardData, OUTCOME_PAGE_ITEMS } from '../../../../src/adapters/teams/issueCards';
import { newAgenda, type Agenda, type AgendaItem } from '../../../../src/domain/issues/agenda';
import { SUMMARY_MAX } from '../../../../src/domain/issues/issue';
import { translator } from '../../../../src/i18n';

/** Teams refuses messages over about 28 KB (UTF-8); the same limit the other card tests use. */
const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;
const taxonomy = readIssueCategoriesFile();

/** An agenda of n items with the longest summaries, the longest ids and every item carried over. */
function agendaOf(n: number, state: Agenda['state'] = 'draft'): Agenda {
  const items: AgendaItem[] = Array.from({ length: n }, (_, i) => ({
    issueId: `issue-${'f'.repeat(8)}-${'f'.repeat(4)}-4${'f'.repeat(3)}-8${'f'.repeat(3)}-${String(i).padStart(12, '0')}`,
    category: taxonomy.categories[i % taxonomy.categories.length]!.id,
    lifeStage: 'preschool',
    severity: 'high',
    summary: '課'.repeat(SUMMARY_MAX),
    carriedOver: true,
    included: true,
    outcome: state === 'closed' ? { decision: '決'.repeat(400), department: 'healthCentre', due: { year: 2026, month: 12, day: 1 }, result: 'continue' } : undefined,
  }));
  return { ...newAgenda('itabashi', 12, '2026-11-26T00:00:00.000Z', true), state, items };
}
const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');

describe('adapters/teams: agenda cards stay under the Teams size limit at any length', () => {
  for (const language of ['ja', 'en'] as const) {
    const t = translator(language);
    it(`when a draft of 200 long items is shown (${language}), then each page holds ${AGENDA_PAGE_ITEMS} items and every page is under 28 KB`, () => {
      const agenda = agendaOf(200);
      for (let page = 0; page < Math.ceil(200 / AGENDA_PAGE_ITEMS); page++) {
        const data = agendaCardData(t, language, taxonomy, { agenda, openFollowUps: [] }, { editable: true, page });
        assert.ok(data.items.length <= AGENDA_PAGE_ITEMS);
        assert.equal(data.items[0]!.position, page * AGENDA_PAGE_ITEMS + 1, 'positions are global, so an order typed on any page means the same');
        assert.ok(bytes(expandCard('agenda', data)) < TEAMS_CARD_LIMIT_BYTES, `page ${page}: ${bytes(expandCard('agenda', data))} bytes`);
      }
    });

    it(`when the outcomes of 200 items are recorded (${language}), then each page holds ${OUTCOME_PAGE_ITEMS} items and is under 28 KB, the last page closing`, () => {
      const agenda = agendaOf(200, 'published');
      const pages = Math.ceil(200 / OUTCOME_PAGE_ITEMS);
      for (let page = 0; page < pages; page++) {
        const data = agendaOutcomesCardData(t, language, taxonomy, agenda, new Map(), undefined, page);
        assert.equal(data.isLast, page === pages - 1);
        assert.ok(bytes(expandCard('agendaOutcomes', data)) < TEAMS_CARD_LIMIT_BYTES);
      }
    });

    it(`when a closed agenda of 60 items with long decisions is posted in the channel (${language}), then each page is under 28 KB`, () => {
      const agenda = agendaOf(60, 'closed');
      const data = agendaCardData(t, language, taxonomy, { agenda, openFollowUps: [] }, { editable: false });
      assert.ok(bytes(expandCard('agenda', data)) < TEAMS_CARD_LIMIT_BYTES, `${bytes(expandCard('agenda', data))} bytes`);
    });
  }

  it('when the agenda is written into the calendar event, then every included item is listed in order, without names or case codes', () => {
    const agenda = agendaOf(30, 'published');
    const text = agendaBodyText(translator('ja'), 'ja', taxonomy, { ...agenda, items: agenda.items.map((i, n) => ({ ...i, included: n !== 3 })) });
    const lines = text.split('\n').filter((l) => /^\d+\. /.test(l));
    assert.equal(lines.length, 29);
    assert.ok(lines[0]!.startsWith('1. 【繰越】医療'));
    assert.doesNotMatch(text, /\d{4}-\d{4}/);
  });
});
