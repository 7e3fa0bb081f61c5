import assert from 'node:assert/strict';
import { en } from '../../../src/i18n/en';
import { formatJst, resolveLanguage, translator } from '../../../src/i18n';
import { ja } from '../../../src/i18n/ja';

const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

describe('i18n: catalogues, translator, language, JST formatting', () => {
  describe('the ja and en catalogues', () => {
    it('when the keys are compared, then both catalogues have exactly the same keys', () => {
      const jaKeys = Object.keys(ja).sort();
      const enKeys = Object.keys(en).sort();
      assert.deepEqual(jaKeys.filter((k) => !enKeys.includes(k)), [], 'keys only in ja');
      assert.deepEqual(enKeys.filter((k) => !jaKeys.includes(k)), [], 'keys only in en');
    });

    it('when each key is compared, then both texts use the same set of {placeholders}', () => {
      const differences = Object.keys(ja)
        .map((k) => ({ key: k, ja: placeholders(ja[k as keyof typeof ja]), en: placeholders(en[k as keyof typeof en] ?? '') }))
        .filter((x) => x.ja.join(',') !== x.en.join(','));
      assert.deepEqual(differences, []);
    });

    it('when each text is read, then none is empty or only spaces', () => {
      const empty = [...Object.entries(ja), ...Object.entries(en)].filter(([, v]) => v.trim() === '').map(([k]) => k);
      assert.deepEqual(empty, []);
    });

    it('when the placeholder check runs on a known text, then it finds its placeholders (the check itself works)', () => {
      assert.deepEqual(placeholders(ja['handoff.declinedBy']), ['at', 'name', 'reason']);
    });
  });

  describe('translator', () => {
    it('when a key with placeholders is translated with all params, then each placeholder is replaced (ja and en)', () => {
      assert.equal(translator('ja')('HANDOFF.CREATED', { code: '2026-0001', to: 'コーディネーター' }), '案件 2026-0001 を作成し、コーディネーター へ送りました。');
      assert.equal(translator('en')('HANDOFF.CREATED', { code: '2026-0001', to: 'Coordinators' }), 'Case 2026-0001 created and sent to Coordinators.');
    });

    it('when a number is passed, then it is written as text', () => {
      assert.equal(translator('en')('handoff.careItemsValue', { count: 2, band: '16 or more' }), '2 items (score band: 16 or more)');
    });

    it('when a placeholder has no param, then it stays visible as {name}', () => {
      assert.equal(translator('ja')('unknown.command'), ja['unknown.command']);
      assert.match(translator('en')('unknown.command', { other: 'x' }), /\{text\}/);
    });

    it('when only some params are given, then those are replaced and the rest stay visible', () => {
      const text = translator('en')('handoff.declinedBy', { name: 'Suzuki' });
      assert.match(text, /Suzuki/);
      assert.match(text, /\{at\}/);
      assert.match(text, /\{reason\}/);
    });

    it('when a param value itself looks like a placeholder, then it is inserted as is and not expanded again', () => {
      assert.equal(translator('en')('handoff.title', { code: '{code}' }), 'Handoff {code}');
    });

    it('when a param value contains $& or $1, then it is inserted literally', () => {
      assert.equal(translator('en')('handoff.title', { code: '$&$1' }), 'Handoff $&$1');
    });
  });

  describe('resolveLanguage', () => {
    it('when a language is stored, then it wins over the Teams locale', () => {
      assert.equal(resolveLanguage('ja', 'en-US'), 'ja');
      assert.equal(resolveLanguage('en', 'ja-JP'), 'en');
    });
    it('when nothing is stored and the locale is en-US or en-GB, then English', () => {
      assert.equal(resolveLanguage(undefined, 'en-US'), 'en');
      assert.equal(resolveLanguage(undefined, 'en-GB'), 'en');
      assert.equal(resolveLanguage(undefined, 'EN-us'), 'en');
    });
    it('when nothing is stored and the locale is ja-JP, undefined or another language, then Japanese', () => {
      assert.equal(resolveLanguage(undefined, 'ja-JP'), 'ja');
      assert.equal(resolveLanguage(undefined, undefined), 'ja');
      assert.equal(resolveLanguage(undefined, 'fr-FR'), 'ja');
      assert.equal(resolveLanguage(undefined, ''), 'ja');
    });
  });

  describe('formatJst', () => {
    it('when the instant is 2026-03-31T15:05:00Z, then it is 2026/04/01 00:05 JST', () => {
      assert.equal(formatJst('2026-03-31T15:05:00Z'), '2026/04/01 00:05 JST');
    });
    it('when the instant is 2026-11-25T00:05:00Z, then it is 2026/11/25 09:05 JST', () => {
      assert.equal(formatJst('2026-11-25T00:05:00Z'), '2026/11/25 09:05 JST');
    });
    it('when the instant is 14:59 UTC, then it is 23:59 the same day in JST', () => {
      assert.equal(formatJst('2026-03-31T14:59:00Z'), '2026/03/31 23:59 JST');
    });
    it('when the instant has an explicit offset, then the same moment is shown', () => {
      assert.equal(formatJst('2026-04-01T00:05:00+09:00'), '2026/04/01 00:05 JST');
    });
  });
});
