import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { Language } from '../../../../src/app/ports';
import { familyRoadmap } from '../../../../src/app/roadmap/familyRoadmap';
import { buildRoadmap } from '../../../../src/app/roadmap/roadmap';
import { familyRoadmapCardData, MAX_ROADMAP_ROWS, ROADMAP_CARD_TEXTS, roadmapCardData, serviceLookupCardData } from '../../../../src/app/roadmap/roadmapCards';
import { serviceLookupView } from '../../../../src/app/roadmap/serviceLookup';
import { CatalogueMother } from '../../domain/services/servicesMother';
import { CHILD_NAME, GUARDIAN_NAME, inputOf, recordOf, roadmapData, STAFF_NAME } from './roadmapMother';

/**
 * The three issue-7 card templates, with their sample data and their typed data builders. They are not in
 * CARD_TEMPLATES yet (the bot wiring comes later), so this test expands them itself, with the same checks
 * as test/unit/adapters/teams/cards.test.ts.
 */

const CARDS_DIR = join(__dirname, '../../../../cards');
const TEMPLATES = ['roadmap', 'familyRoadmap', 'serviceLookup'] as const;
type Name = (typeof TEMPLATES)[number];
const LANGUAGES: readonly Language[] = ['ja', 'en'];
/** Teams rejects messages over about 28 KB. */
const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

const readJson = (file: string): unknown => JSON.parse(readFileSync(join(CARDS_DIR, file), 'utf8'));
function withoutNulls(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutNulls);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}
const expand = (name: Name, data: object): Record<string, unknown> => withoutNulls(new ACData.Template(readJson(`${name}.json`)).expand({ $root: data })) as Record<string, unknown>;

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

function assertWellFormed(card: Record<string, unknown>, what: string, verbs: readonly string[] = []): string {
  const json = JSON.stringify(card);
  assert.ok(!json.includes('${'), `${what}: unexpanded \${...} in ${json.slice(Math.max(0, json.indexOf('${') - 60), json.indexOf('${') + 60)}`);
  assert.deepEqual(valuesOf(card, '$when'), [], `${what}: $when left in the card`);
  assert.deepEqual(valuesOf(card, '$data'), [], `${what}: $data left in the card`);
  assert.equal(card.type, 'AdaptiveCard', what);
  assert.equal(card.version, '1.5', what);
  const size = Buffer.byteLength(json, 'utf8');
  assert.ok(size < TEAMS_CARD_LIMIT_BYTES, `${what}: ${size} bytes is over the Teams limit`);
  assert.equal(json.match(/\{[A-Za-z]\w*\}/g), null, `${what}: unfilled text placeholders`);
  assert.deepEqual(valuesOf(card, 'verb'), verbs, `${what}: only the expected verbs (the staff card records systems in use; the others carry none)`);
  return json;
}

/** The keys of a data object and of the first element of each list, so samples stay in step with the builders. */
function shapeOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.length > 0 ? [shapeOf(node[0])] : [];
  if (node && typeof node === 'object') return Object.fromEntries(Object.keys(node).sort().map((k) => [k, shapeOf((node as Record<string, unknown>)[k])]));
  return typeof node;
}

const data = roadmapData();
const catalogue = CatalogueMother.checkedIn();
/** A child with many items: a 5-year-old at nursery with three systems in use. */
const busy = buildRoadmap(
  inputOf(recordOf({ year: 2021, month: 6, day: 12 }, ['SUCTION', 'TUBE', 'O2'], { enrolment: 'nursery', devices: ['suction', 'oxygenConcentrator'] }), {
    servicesInUse: [{ serviceId: 'specialChildRearingAllowance' }, { serviceId: 'shoman' }, { serviceId: 'childDevelopmentSupport' }],
  }),
  data,
);
/** The 利用中の制度・手帳 form as caseRoadmap builds it. */
const form = { caseId: 'itabashi:2026-0001', services: catalogue.services.map((s) => ({ id: s.id, name: s.name })), servicesInUse: ['shoman'], certificates: undefined };
const empty = buildRoadmap(inputOf(recordOf({ year: 1990, month: 1, day: 1 }, [])), data);

describe('app/roadmap/roadmapCards: templates, sample data and builders', () => {
  for (const name of TEMPLATES) {
    it(`when ${name}.json is expanded with ${name}.data.json, then the card is well formed`, () => {
      assertWellFormed(expand(name, readJson(`${name}.data.json`) as object), `${name} sample`, name === 'roadmap' ? ['roadmap.record'] : []);
    });
  }

  it('when the sample data is compared with what the builders make, then it has the same fields', () => {
    assert.deepEqual(shapeOf(readJson('roadmap.data.json')), shapeOf(roadmapCardData(busy, 'ja', form, '保存しました')));
    assert.deepEqual(shapeOf(readJson('familyRoadmap.data.json')), shapeOf(familyRoadmapCardData(familyRoadmap(busy))));
    assert.deepEqual(shapeOf(readJson('serviceLookup.data.json')), shapeOf(serviceLookupCardData(serviceLookupView(catalogue, '吸引', 'ja'))));
  });

  for (const language of LANGUAGES) {
    it(`when a long roadmap is built in ${language}, then the staff card is well formed, under the size limit and cut with "more"`, () => {
      const card = roadmapCardData(busy, language);
      assert.ok(busy.items.length > MAX_ROADMAP_ROWS, `only ${busy.items.length} items`);
      assert.equal(card.rows.length, MAX_ROADMAP_ROWS);
      assert.equal(card.hasMore, true);
      const json = assertWellFormed(expand('roadmap', card), `roadmap ${language}`);
      const withForm = assertWellFormed(expand('roadmap', roadmapCardData(busy, language, form)), `roadmap with form ${language}`, ['roadmap.record']);
      assert.ok(withForm.includes('"value":"shoman"') && withForm.includes('"isMultiSelect":true'), 'the form lists the catalogue and prefills what is recorded');
      assert.ok(json.includes(language === 'ja' ? '根拠：' : 'Basis:'), 'each row shows its rule');
    });

    it(`when the family version is built in ${language}, then the card is well formed and shows no names or internal notes`, () => {
      const json = assertWellFormed(expand('familyRoadmap', familyRoadmapCardData(familyRoadmap(busy, language))), `familyRoadmap ${language}`);
      for (const banned of [STAFF_NAME, GUARDIAN_NAME, CHILD_NAME, 'NOT FOUND', 'eligibility.', 'transitions.', 'Action.OpenUrl']) assert.ok(!json.includes(banned), `found ${banned}`);
    });

    it(`when a roadmap has no items, then both cards say so in ${language}`, () => {
      assertWellFormed(expand('roadmap', roadmapCardData(empty, language)), `empty roadmap ${language}`);
      assertWellFormed(expand('familyRoadmap', familyRoadmapCardData(familyRoadmap(empty, language))), `empty family ${language}`);
    });

    for (const query of ['吸引', '手当', 'ﾚｽﾊﾟｲﾄ', 'ピアノ']) {
      it(`when 制度 ${query} is shown in ${language}, then the lookup card is well formed`, () => {
        const view = serviceLookupView(catalogue, query, language);
        assertWellFormed(expand('serviceLookup', serviceLookupCardData(view)), `serviceLookup ${query} ${language}`);
      });
    }
  }

  it('when the lookup finds a placeholder system, then its heading says 要確認 and its facts say who, where and when', () => {
    const card = serviceLookupCardData(serviceLookupView(catalogue, '就学相談', 'ja'));
    const row = card.rows[0]!;
    assert.equal(row.heading, '就学相談（要確認）');
    assert.deepEqual(row.facts.map((f) => f.label), ['対象', '実施', '窓口', '時期', '確認日']);
    assert.match(row.facts[0]!.value, /5歳児クラス、小学6年/);
  });

  it('when the query carries markdown, then the escaper the adapter passes is applied to it', () => {
    const card = serviceLookupCardData(serviceLookupView(catalogue, '[x](http://evil)', 'ja'), (t) => t.replace(/[[\]()]/g, '＊'));
    assert.ok(!card.title.includes('[x]'));
    assert.ok(!card.summary.includes('(http'));
  });

  it('when the card texts are listed, then every key has Japanese and English with the same placeholders', () => {
    for (const [key, t] of Object.entries(ROADMAP_CARD_TEXTS)) {
      assert.ok(t.ja.trim() && t.en.trim(), key);
      const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      assert.deepEqual(names(t.ja), names(t.en), key);
    }
  });
});
