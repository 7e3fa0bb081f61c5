import assert from 'node:assert/strict';
import { MANIFEST_COMMAND_LISTS, MAX_MANIFEST_COMMANDS, parseCommand } from '../../../../src/adapters/teams/commands';

describe('adapters/teams/commands: parseCommand', () => {
  it('when the text is 会議調整 with a case code (any width), SCHEDULE MEETING alone, or 会議調整 with something else, then it is the conference command with the code, none, or a bad code', () => {
    assert.deepEqual(parseCommand('会議調整 ２０２６－００１２'), { kind: 'conference', code: '2026-0012', badCode: false });
    assert.deepEqual(parseCommand('<at>Tsunagu</at> SCHEDULE MEETING'), { kind: 'conference', code: undefined, badCode: false });
    assert.deepEqual(parseCommand('schedulemeeting 2026-0012'), { kind: 'conference', code: '2026-0012', badCode: false });
    assert.deepEqual(parseCommand('会議調整 山田'), { kind: 'conference', code: undefined, badCode: true });
  });

  it('when the text is 予定 2026-0012 or MILESTONES ２０２６－００１２ (full width), then it is the milestones command with the code', () => {
    assert.deepEqual(parseCommand('予定 2026-0012'), { kind: 'milestones', code: '2026-0012' });
    assert.deepEqual(parseCommand('MILESTONES ２０２６－００１２'), { kind: 'milestones', code: '2026-0012' });
  });
  it('when 予定 comes with something that is not a code, then it is the milestones command without one (the bot asks for it)', () => {
    assert.deepEqual(parseCommand('予定 あした'), { kind: 'milestones', code: undefined });
    assert.deepEqual(parseCommand('milestones 利用者 x'), { kind: 'milestones', code: undefined });
  });
  it('when 予定 or milestones comes alone, then it is the digest (one manifest title reaches both)', () => {
    assert.deepEqual(parseCommand('予定'), { kind: 'digest' });
    assert.deepEqual(parseCommand('Milestones'), { kind: 'digest' });
  });
  it('when the manifest command lists are counted, then each has at most 10 commands (the Teams limit)', () => {
    for (const list of MANIFEST_COMMAND_LISTS) {
      assert.ok(list.ja.length <= MAX_MANIFEST_COMMANDS, `${list.ja.length} Japanese commands in ${list.scopes.join('/')}`);
      assert.equal(list.en.length, list.ja.length);
    }
  });
  it('when the text is 今日の予定 or digest, then it is the digest command', () => {
    assert.deepEqual(parseCommand('今日の予定'), { kind: 'digest' });
    assert.deepEqual(parseCommand('<at>Tsunagu</at> Digest'), { kind: 'digest' });
  });
  it('when the text is 新規引継ぎ, then it is the new-handoff command', () => {
    assert.deepEqual(parseCommand('新規引継ぎ'), { kind: 'newHandoff' });
  });
  it('when the text is full-width ｎｅｗ　ｈａｎｄｏｆｆ (with an ideographic space), then it is the new-handoff command', () => {
    assert.deepEqual(parseCommand('ｎｅｗ　ｈａｎｄｏｆｆ'), { kind: 'newHandoff' });
  });
  it('when the bot is mentioned before ヘルプ, then the mention is ignored and it is help', () => {
    assert.deepEqual(parseCommand('<at>Tsunagu</at> ヘルプ'), { kind: 'help' });
  });
  it('when the text is HELP in capitals, then it is help', () => {
    assert.deepEqual(parseCommand('HELP'), { kind: 'help' });
  });
  it('when the text has extra spaces and a trailing newline, then it still matches', () => {
    assert.deepEqual(parseCommand('  new   handoff \n'), { kind: 'newHandoff' });
  });
  it('when the text is 言語 英語, then the language becomes English', () => {
    assert.deepEqual(parseCommand('言語 英語'), { kind: 'language', language: 'en' });
  });
  it('when the text is 言語 日本語 or language japanese, then the language becomes Japanese', () => {
    assert.deepEqual(parseCommand('言語 日本語'), { kind: 'language', language: 'ja' });
    assert.deepEqual(parseCommand('Language Japanese'), { kind: 'language', language: 'ja' });
  });
  it('when the message is only a mention, then help is shown', () => {
    assert.deepEqual(parseCommand('<at>Tsunagu</at>'), { kind: 'help' });
  });
  it('when the text is unknown, then it is echoed back', () => {
    assert.deepEqual(parseCommand('おはようございます'), { kind: 'unknown', text: 'おはようございます' });
  });
  it('when unknown text is longer than 40 characters, then the echo is cut to its first 40 characters', () => {
    const text = 'あいうえおかきくけこ'.repeat(5); // 50 characters
    assert.deepEqual(parseCommand(text), { kind: 'unknown', text: text.slice(0, 40) });
  });
  it('when unknown text is exactly 40 characters, then it is echoed whole', () => {
    const text = 'a'.repeat(40);
    assert.deepEqual(parseCommand(text), { kind: 'unknown', text });
  });
  it('when unknown text of 50 characters outside the BMP (emoji) is cut, then 40 whole characters remain and no surrogate half', () => {
    const result = parseCommand('😀'.repeat(50));
    assert.equal(result.kind, 'unknown');
    if (result.kind !== 'unknown') return;
    assert.equal([...result.text].length, 40, `got ${[...result.text].length} characters`);
    assert.ok(!/[\uD800-\uDFFF]/.test(result.text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')), 'no lone surrogate');
  });
  it('when unknown text has an emoji as its 40th character, then the echo keeps that character whole (no half surrogate)', () => {
    const result = parseCommand(`${'a'.repeat(39)}😀`);
    assert.equal(result.kind, 'unknown');
    if (result.kind !== 'unknown') return;
    assert.equal(result.text, `${'a'.repeat(39)}😀`, 'the 40th character (an emoji) is kept whole');
  });
  describe('統計 (stats)', () => {
    it('when 統計 comes alone, then it asks for the last ended quarter of the whole ward', () => {
      assert.deepEqual(parseCommand('統計'), { kind: 'stats', period: undefined, district: undefined });
      assert.deepEqual(parseCommand('<at>Tsunagu</at> stats'), { kind: 'stats', period: undefined, district: undefined });
    });
    it('when a quarter follows, in any usual form (spaces and full-width digits too), then it is read', () => {
      for (const text of ['統計 2026Q2', '統計 2026-q2', '統計 2026年度第2四半期', '統計 ２０２６年度 第２四半期', 'stats 2026 Q2']) {
        assert.deepEqual(parseCommand(text), { kind: 'stats', period: { schoolYear: 2026, quarter: 2 }, district: undefined }, text);
      }
    });
    it('when a quarter and a district follow, or a district alone, then both are read', () => {
      assert.deepEqual(parseCommand('統計 2026Q1 北地区（架空）'), { kind: 'stats', period: { schoolYear: 2026, quarter: 1 }, district: '北地区(架空)' });
      assert.deepEqual(parseCommand('統計 2026年度 第1四半期 北地区'), { kind: 'stats', period: { schoolYear: 2026, quarter: 1 }, district: '北地区' });
      assert.deepEqual(parseCommand('統計 北地区'), { kind: 'stats', period: undefined, district: '北地区' });
    });
    it('when what follows starts like a year but is no quarter, then it is reported as a bad quarter (not taken as a district)', () => {
      assert.deepEqual(parseCommand('統計 2026Q5'), { kind: 'stats', period: { invalid: '2026q5' }, district: undefined });
      assert.deepEqual(parseCommand('統計 2026年10月'), { kind: 'stats', period: { invalid: '2026年10月' }, district: undefined });
    });
  });
});
