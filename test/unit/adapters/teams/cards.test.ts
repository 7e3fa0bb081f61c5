import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_SCHEMAS } from '../../../../src/adapters/teams/actionData';
import { EMPTY_FORM, handoffCardData, handoffFormData, helpCardData, noticeCardData } from '../../../../src/adapters/teams/cardData';
import { CARD_TEMPLATES, CARDS_DIR, expandCard, type CardTemplateName } from '../../../../src/adapters/teams/cardRenderer';
import { VERBS } from '../../../../src/adapters/teams/verbs';
import { handoffView, type HandoffCardView } from '../../../../src/app/views';
import type { Language } from '../../../../src/app/ports';
import { decideAccept, decideDecline } from '../../../../src/domain/handoff';
import type { OrganisationKey } from '../../../../src/domain/directory';
import { translator } from '../../../../src/i18n';
import { ActorMother } from '../../support/actorMother';
import { CardViewMother } from '../../support/cardViewMother';
import { CaseFileMother } from '../../support/caseFileMother';
import { HandoffMother, T1, unpostedPlacement } from '../../support/handoffMother';

/** Teams rejects messages over about 28 KB; cards must stay below it. */
const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;
const LANGUAGES: readonly Language[] = ['ja', 'en'];
const FORWARDABLE: readonly OrganisationKey[] = ['coordinators', 'casework', 'nursery', 'school', 'aikids', 'healthCentre'];

const templateFiles = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.data.json'));
const templateNames = templateFiles.map((f) => f.slice(0, -'.json'.length));
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(CARDS_DIR, file), 'utf8'));

/** Every value of a property with this name, anywhere in a JSON tree. */
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

/** The checks every expanded card must pass. */
function assertWellFormed(card: Record<string, unknown>, what: string): string {
  const json = JSON.stringify(card);
  assert.ok(!json.includes('${'), `${what}: unexpanded \${...} in ${json.slice(Math.max(0, json.indexOf('${') - 60), json.indexOf('${') + 60)}`);
  assert.deepEqual(valuesOf(card, '$when'), [], `${what}: $when left in the card`);
  assert.deepEqual(valuesOf(card, '$data'), [], `${what}: $data left in the card`);
  assert.equal(card.type, 'AdaptiveCard', what);
  assert.equal(card.version, '1.5', what);
  const size = Buffer.byteLength(json, 'utf8');
  assert.ok(size < TEAMS_CARD_LIMIT_BYTES, `${what}: ${size} bytes is over the Teams limit`);
  const unfilled = json.match(/\{[A-Za-z]\w*\}/g);
  assert.equal(unfilled, null, `${what}: unfilled catalogue placeholders ${String(unfilled)}`);
  return json;
}

const verbsIn = (card: unknown): string[] => valuesOf(card, 'verb').map(String);

describe('adapters/teams: card templates, data builders and verbs', () => {
  describe('templates in cards/ with their sample data', () => {
    it('when cards/ is listed, then its templates are exactly CARD_TEMPLATES', () => {
      assert.ok(templateNames.length > 0, 'cards/ has templates');
      assert.deepEqual([...templateNames].sort(), [...CARD_TEMPLATES].sort());
    });

    for (const name of templateNames) {
      it(`when the template ${name}.json is found, then ${name}.data.json lies beside it`, () => {
        const files = readdirSync(CARDS_DIR);
        assert.ok(files.includes(`${name}.data.json`), `missing cards/${name}.data.json`);
      });

      it(`when ${name}.json is expanded with its sample data, then the card is well formed and has no \${`, () => {
        const data = readJson(`${name}.data.json`) as object;
        assertWellFormed(expandCard(name as CardTemplateName, data), `${name} sample`);
      });
    }

    it('when every sample data file is matched to a template, then none is orphaned', () => {
      const dataFiles = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.data.json'));
      assert.deepEqual(dataFiles.map((f) => f.slice(0, -'.data.json'.length)).filter((n) => !templateNames.includes(n)), []);
    });
  });

  describe('verbs', () => {
    const templateVerbs = new Set(templateFiles.flatMap((f) => verbsIn(readJson(f))));
    const verbValues: readonly string[] = Object.values(VERBS);

    it('when the templates are searched for verbs, then some are found (the search works)', () => {
      assert.ok(templateVerbs.size > 0);
    });
    it('when a verb appears in a template, then it is a value of VERBS', () => {
      assert.deepEqual([...templateVerbs].filter((v) => !verbValues.includes(v)), []);
    });
    it('when a verb is in VERBS, then some template uses it', () => {
      assert.deepEqual(verbValues.filter((v) => !templateVerbs.has(v)), []);
    });
    it('when a verb is in VERBS, then ACTION_SCHEMAS has a schema for it, and no schema exists for an unknown verb', () => {
      const schemaVerbs = Object.keys(ACTION_SCHEMAS);
      assert.deepEqual(verbValues.filter((v) => !schemaVerbs.includes(v)), []);
      assert.deepEqual(schemaVerbs.filter((v) => !verbValues.includes(v)), []);
    });
  });

  for (const language of LANGUAGES) {
    describe(`typed data builders in ${language}`, () => {
      const t = translator(language);

      it('when the help card is built, then it is well formed and lists every command line', () => {
        const json = assertWellFormed(expandCard('help', helpCardData(t)), `help/${language}`);
        for (const k of ['help.cmd.newHandoff', 'help.cmd.help', 'help.cmd.language', 'help.title'] as const) assert.ok(json.includes(JSON.stringify(t(k)).slice(1, -1)), k);
      });

      it('when a notice card is built with params, then it is well formed and the params are filled in', () => {
        const json = assertWellFormed(expandCard('notice', noticeCardData(t, 'HANDOFF.ALREADY_ACCEPTED', { name: '鈴木 一郎（架空）' })), `notice/${language}`);
        assert.ok(json.includes('鈴木 一郎（架空）'));
        assertWellFormed(expandCard('notice', noticeCardData(t, 'HANDOFF.DECLINED', {}, 'good')), `notice good/${language}`);
      });

      it('when the new-handoff form is built without errors, then it is well formed, offers every care item and shows no error block', () => {
        const card = expandCard('handoffForm', handoffFormData(t, '6f1c2a9e-0000-4000-8000-000000000001', '2026-11-25', true));
        const json = assertWellFormed(card, `handoffForm/${language}`);
        assert.ok(!json.includes(t('form.errorsTitle')), 'no error title');
        assert.ok(json.includes(t('careItem.VENT')) && json.includes(t('careItem.SEIZURE')));
        assert.deepEqual(verbsIn(card), [VERBS.handoffCreate]);
      });

      it('when the form is built with errors and the values typed, then every error message is shown and it is still well formed', () => {
        const values = { ...EMPTY_FORM, childName: '架空 太郎', childNameKana: 'かくう たろう', birthDate: '2030-01-01', careItems: 'SUCTION,TUBE', familyNeeds: '（架空）相談', urgency: 'soon' };
        const card = expandCard('handoffForm', handoffFormData(t, '6f1c2a9e-0000-4000-8000-000000000001', '2026-11-25', false, values, ['INTAKE.NAME_REQUIRED', 'INTAKE.BIRTHDATE_FUTURE', 'INTAKE.CARE_ITEM_UNKNOWN']));
        const json = assertWellFormed(card, `handoffForm errors/${language}`);
        assert.ok(json.includes(t('form.errorsTitle')));
        for (const k of ['INTAKE.NAME_REQUIRED', 'INTAKE.BIRTHDATE_FUTURE', 'INTAKE.CARE_ITEM_UNKNOWN'] as const) assert.ok(json.includes(t(k)), k);
        assert.ok(!json.includes(t('form.fictionalNote')), 'no fictional note when not fictional');
      });

      const views: ReadonlyArray<[string, HandoffCardView, readonly string[]]> = [
        ['sent (receiver, can respond)', CardViewMother.sent(), [VERBS.handoffAccept, VERBS.handoffDecline]],
        ['accepted', CardViewMother.accepted(), []],
        ['returned (receiver copy)', CardViewMother.returned(), []],
        ['forwardedElsewhere', CardViewMother.forwardedElsewhere(), []],
        ['sender copy, returned, can resend', CardViewMother.senderCopyReturned(), [VERBS.handoffResend]],
      ];
      for (const [label, view, verbs] of views) {
        it(`when the handoff card is built for ${label}, then it is well formed and offers exactly ${verbs.join(', ') || 'no actions'}`, () => {
          const card = expandCard('handoff', handoffCardData(t, view, FORWARDABLE));
          const json = assertWellFormed(card, `handoff ${label}/${language}`);
          assert.deepEqual(verbsIn(card).sort(), [...verbs].sort());
          assert.ok(json.includes(view.caseCode));
          for (const data of valuesOf(card, 'data') as Record<string, unknown>[]) {
            assert.equal(data.caseId, view.caseId);
            assert.equal(data.handoffId, view.handoffId);
            assert.equal(String(data.v), String(view.version));
          }
        });
      }

      it('when the handoff card carries a notice, then the notice is shown and the card is well formed', () => {
        const json = assertWellFormed(expandCard('handoff', handoffCardData(t, CardViewMother.accepted(), FORWARDABLE, t('HANDOFF.ALREADY_ACCEPTED_SELF'))), `handoff notice/${language}`);
        assert.ok(json.includes(t('HANDOFF.ALREADY_ACCEPTED_SELF')));
      });

      it('when a decline comment tries markdown links and mentions, then the card shows neither', () => {
        const card = expandCard('handoff', handoffCardData(t, CardViewMother.withComment('[x](http://e) <at>all</at> **bold**'), FORWARDABLE));
        const json = assertWellFormed(card, `handoff comment/${language}`);
        assert.ok(!/\[[^\]]*\]\([^)]*\)/.test(json), 'no markdown link');
        assert.ok(!json.includes('<at>'), 'no mention');
        assert.ok(!json.includes('**bold**'), 'no bold');
      });
    });
  }

  describe('least disclosure: the channel card built from a real case file', () => {
    const NAME = '架空 太郎';
    const KANA = 'かくう たろう';
    const NEEDS = 'テスト用の相談内容';
    const c1 = ActorMother.coordinator(1);
    const sent = HandoffMother.sent();
    const accepted = decideAccept(sent, c1, T1);
    const returned = decideDecline(sent, c1, { reason: 'insufficientInfo', comment: '', forwardTo: 'desk' }, T1, unpostedPlacement);
    const forwarded = decideDecline(sent, c1, { reason: 'outOfScope', comment: '', forwardTo: 'nursery' }, T1, unpostedPlacement);
    if (accepted.kind !== 'accepted' || returned.kind !== 'declined' || forwarded.kind !== 'declined') throw new Error('setup');
    const file = CaseFileMother.preschoolChild({ name: NAME, nameKana: KANA, familyNeeds: NEEDS, birthDate: { year: 2022, month: 5, day: 10 } }, [sent]);
    const now = new Date('2026-11-25T03:00:00Z');
    const cases = [
      ['sent, coordinators channel', sent, { role: 'receiver', organisation: 'coordinators' }],
      ['accepted, coordinators channel', accepted.handoff, { role: 'receiver', organisation: 'coordinators' }],
      ['returned, desk copy', returned.handoff, { role: 'sender', organisation: 'desk' }],
      ['forwarded, old coordinators card', forwarded.handoff, { role: 'receiver', organisation: 'coordinators' }],
      ['forwarded, new nursery card', forwarded.handoff, { role: 'receiver', organisation: 'nursery' }],
    ] as const;

    for (const [label, handoff, placement] of cases) {
      for (const language of LANGUAGES) {
        it(`when the ${label} card is built in ${language}, then neither the child's name, its reading, the birth date nor the family's needs appear`, () => {
          const view = handoffView(file, handoff, placement, now);
          const card = expandCard('handoff', handoffCardData(translator(language), view, FORWARDABLE));
          const json = assertWellFormed(card, `${label}/${language}`);
          assert.ok(json.includes('2026-0001'), 'the case code is shown (the test looks at the right card)');
          for (const secret of [NAME, '太郎', KANA, 'たろう', NEEDS, '2022-05-10']) assert.ok(!json.includes(secret), `${secret} leaked into the channel card`);
          assert.ok(!JSON.stringify(view).includes(NAME) && !JSON.stringify(view).includes(NEEDS), 'the view itself carries neither');
        });
      }
    }

    it('when the view is built, then it shows the age band and life stage derived from the birth date (born 2022-05-10, seen 2026-11-25: 4 years, preschool)', () => {
      const view = handoffView(file, sent, { role: 'receiver', organisation: 'coordinators' }, now);
      assert.equal(view.ageBand, '3-5');
      assert.equal(view.lifeStage, 'preschool');
      assert.equal(view.scoreBand, 'from16'); // SUCTION 高 + TUBE 高 = 8+1+8+2 = 19
      assert.equal(view.careItemCount, 2);
      assert.equal(view.canRespond, true);
    });

    it('when the old receiver card of a forwarded handoff is built, then it says forwardedElsewhere and offers no response', () => {
      const view = handoffView(file, forwarded.handoff, { role: 'receiver', organisation: 'coordinators' }, now);
      assert.equal(view.status, 'forwardedElsewhere');
      assert.equal(view.canRespond, false);
      const nurseryView = handoffView(file, forwarded.handoff, { role: 'receiver', organisation: 'nursery' }, now);
      assert.equal(nurseryView.status, 'sent');
      assert.equal(nurseryView.canRespond, true);
    });
  });
});
