import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { statsCardData, type StatsCardData } from '../../../../src/adapters/charts/statsCard';
import { statsLabels } from '../../../../src/adapters/charts/statsLabels';
import { projectRoot } from '../../../../src/adapters/projectRoot';
import type { Language } from '../../../../src/app/ports';
import { buildStatsReport } from '../../../../src/domain/stats/report';
import { CARE_ITEM_CODES } from '../../../../src/domain/careItems';
import { TEAMS_MESSAGE_LIMIT_BYTES, utf16Bytes } from '../../../../src/domain/package/handoffPackage';
import type { DistrictKey } from '../../../../src/domain/stats/statsCase';
import { fixtureSettings, fixtureTransitions, Q3_2026, StatsMother } from '../../domain/stats/statsMother';
import { pngOfDataUri, readPng } from './pngReader';

/**
 * The stats card (cards/stats.json): built from the fixture report, checked against Teams' size limits with
 * the charts inside as data: URIs. Regenerate the sample data with STATS_SAMPLE_UPDATE=1.
 */
const CARDS = join(projectRoot(), 'cards');
const TEMPLATE = JSON.parse(readFileSync(join(CARDS, 'stats.json'), 'utf8')) as object;
/** Teams rejects bot messages over about 28 KB (UTF-8 JSON) and counts about 40 KB as UTF-16 code units × 2. */
const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;
const titles = Object.fromEntries(fixtureTransitions().transitions.map((t) => [t.id, t.title]));
const report = buildStatsReport(StatsMother.cases(), Q3_2026, fixtureSettings());

function withoutNulls(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutNulls);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}
const expand = (data: object): Record<string, unknown> => withoutNulls(new ACData.Template(TEMPLATE).expand({ $root: data })) as Record<string, unknown>;
function valuesOf(node: unknown, prop: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) for (const x of node) valuesOf(x, prop, out);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) {
    if (k === prop) out.push(v);
    valuesOf(v, prop, out);
  }
  return out;
}
function assertWellFormed(card: Record<string, unknown>, what: string): string {
  const json = JSON.stringify(card);
  assert.ok(!json.includes('${'), `${what}: unexpanded \${...}`);
  assert.deepEqual(valuesOf(card, '$when'), [], what);
  assert.deepEqual(valuesOf(card, '$data'), [], what);
  assert.equal(card.type, 'AdaptiveCard');
  assert.equal(card.version, '1.5');
  const size = Buffer.byteLength(json, 'utf8');
  assert.ok(size < TEAMS_CARD_LIMIT_BYTES, `${what}: ${size} bytes is over the Teams limit`);
  return json;
}
const factsOf = (data: StatsCardData, headingStart: string) => data.sections.find((s) => s.heading.startsWith(headingStart))?.facts ?? [];

describe('adapters/charts: the stats card (cards/stats.json)', () => {
  it('when the sample data beside the template is compared with the card built from the fixture, then it is up to date', () => {
    const fresh = `${JSON.stringify(statsCardData(report, statsLabels('ja', titles)), null, 2)}\n`;
    const file = join(CARDS, 'stats.data.json');
    if (process.env.STATS_SAMPLE_UPDATE === '1') writeFileSync(file, fresh);
    assert.equal(readFileSync(file, 'utf8'), fresh, 'run this test with STATS_SAMPLE_UPDATE=1 to regenerate cards/stats.data.json');
  });

  it('when the template is expanded with its sample data, then the card is well formed, has no ${ and stays under 28 KB', () => {
    assertWellFormed(expand(JSON.parse(readFileSync(join(CARDS, 'stats.data.json'), 'utf8')) as object), 'sample');
  });

  const views: readonly [Language, DistrictKey | undefined][] = [['ja', undefined], ['en', undefined], ['ja', '板橋' as DistrictKey], ['en', '#unset' as DistrictKey]];
  for (const [language, district] of views) {
    it(`when the card is built in ${language} for ${district ?? 'the whole ward'}, then it is well formed, every image is a PNG, and it names nobody`, () => {
      const data = statsCardData(report, statsLabels(language, titles), district === undefined ? {} : { district });
      const json = assertWellFormed(expand(data), `${language} ${district ?? 'ward'}`);
      const urls = valuesOf(expand(data), 'url') as string[];
      assert.ok(urls.length >= 3, 'charts are in the card');
      assert.ok(data.sections.every((s) => s.facts.length > 0), 'every FactSet has facts');
      for (const u of urls) assert.ok(readPng(pngOfDataUri(u)).width > 0);
      for (const name of StatsMother.names()) assert.ok(!json.includes(name), name);
      assert.ok(!json.includes('ときわ台北'), 'an unlisted district is shown as other, never as typed');
    });
  }

  it('when the card is built for the whole ward, then its facts are the report numbers, with "*" for suppressed ones', () => {
    const data = statsCardData(report, statsLabels('ja', titles));
    assert.deepEqual(factsOf(data, 'ライフステージ別'), [
      { title: '1. 乳児期（在宅）', value: '*' },
      { title: '2. 就学前（保育園・幼稚園）', value: '6' },
      { title: '3. 小学生', value: '9' },
      { title: '4. 中学生', value: '*' },
      { title: '5. 高校生', value: '*' },
      { title: '6. 成人期', value: '*' },
      { title: '合計', value: '28' },
    ]);
    assert.deepEqual(factsOf(data, '地区別').slice(0, 2), [{ title: '1. 板橋', value: '9' }, { title: '2. 常盤台', value: '6' }]);
    assert.deepEqual(factsOf(data, '引継ぎにかかった').slice(0, 2), [{ title: '受付の引継ぎ 受理・受領まで', value: '2日 / 5日' }, { title: '受付の引継ぎ 完了まで', value: '2日 / 5日' }]);
    assert.equal(data.subtitle, '2026年度 第3四半期（2026-10-01〜2026-12-31） ・ 5未満の数は秘匿');
    assert.equal(data.fictional, true);
  });

  it('when the card is built for one district, then only that district’s column is shown and the ward-only sections are left out', () => {
    const data = statsCardData(report, statsLabels('ja', titles), { district: '板橋' as DistrictKey });
    assert.equal(data.sections.length, 4);
    assert.deepEqual(factsOf(data, 'ライフステージ別').at(-1), { title: '合計', value: '9' });
    assert.throws(() => statsCardData(report, statsLabels('ja', titles), { district: '練馬' as DistrictKey }), /STATS.UNKNOWN_DISTRICT/);
  });

  it('when the ward is as large as the card can get (30 districts, every care item and score band, every timing), then the card with its charts stays under both Teams limits', () => {
    // The largest card: many children in every category (no row is left out as a published zero), 30
    // configured districts (the most the ward file allows), handoffs of every kind, so every section is full.
    const districts = Array.from({ length: 30 }, (_, i) => `架空地区${i + 1}`);
    const base = StatsMother.cases();
    const cases = Array.from({ length: 40 }, (_, copy) => base.map((c, i) => ({ ...c, district: districts[(i + copy) % districts.length] ?? '', careItems: CARE_ITEM_CODES.filter((_code, j) => (j + i + copy) % 3 === 0).map((code) => ({ code })) }))).flat();
    const big = buildStatsReport(cases, Q3_2026, { ...fixtureSettings(), districts });
    for (const language of ['ja', 'en'] as const) {
      const card = expand(statsCardData(big, statsLabels(language, titles)));
      const json = assertWellFormed(card, `largest ${language}`);
      assert.ok(utf16Bytes(card) < TEAMS_MESSAGE_LIMIT_BYTES, `${language}: ${utf16Bytes(card)} UTF-16 bytes`);
      assert.ok((valuesOf(card, 'url') as string[]).length >= 7, 'the charts are in it');
      assert.ok(json.length > 10_000, 'a full card was measured');
    }
  });

  it('when charts are turned off, then the card has no image and keeps the facts', () => {
    const data = statsCardData(report, statsLabels('en', titles), { charts: false });
    assert.deepEqual(valuesOf(expand(data), 'url'), []);
    assert.ok(data.sections.every((s) => s.facts.length > 0));
  });
});
