import assert from 'node:assert/strict';
import { escapeCardText } from '../../../../src/adapters/teams/escape';

/** All code points with a Unicode property (BMP + astral, excluding surrogates). */
function codePointsWith(property: RegExp): string[] {
  const out: string[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (property.test(ch)) out.push(ch);
  }
  return out;
}
const hex = (s: string) => [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

describe('adapters/teams/escape: escapeCardText', () => {
  it('when the text is a markdown link [x](http://e), then no markdown link can be formed', () => {
    const out = escapeCardText('[x](http://e)');
    assert.ok(!/\[[^\]]*\]\([^)]*\)/.test(out), out);
    assert.ok(!out.includes('[') && !out.includes(']') && !out.includes('('), out);
    assert.match(out, /x/);
  });
  it('when the text is <at>all</at>, then no mention tag remains', () => {
    const out = escapeCardText('<at>all</at>');
    assert.ok(!out.includes('<') && !out.includes('>'), out);
    assert.ok(!/<at>/i.test(out));
  });
  it('when the text is **bold** or __bold__, then no emphasis markers remain', () => {
    assert.ok(!escapeCardText('**bold**').includes('*'));
    assert.ok(!escapeCardText('__bold__').includes('_'));
    assert.match(escapeCardText('**bold**'), /bold/);
  });
  it('when the text is an image link ![a](http://e/x.png), then no image markdown remains', () => {
    const out = escapeCardText('![a](http://e/x.png)');
    assert.ok(!/!\[[^\]]*\]\(/.test(out), out);
  });
  it('when a line starts with "- " or "1. ", then it cannot become a markdown list', () => {
    const out = escapeCardText('- item\n1. first');
    assert.ok(!/^\s*([-+*]|\d+\.) /m.test(out), JSON.stringify(out));
  });
  it('when the text contains C0 control characters and DEL, then they are removed (tab and newline kept)', () => {
    assert.equal(escapeCardText('a\u0000b\u0007c\u001bd\u007fe\tf\ng'), 'abcde\tf\ng');
  });
  it('when the text contains any control character (Unicode Cc: C0, DEL and C1) other than tab and newline, then it is removed', () => {
    const controls = codePointsWith(/^\p{Cc}$/u).filter((c) => c !== '\t' && c !== '\n');
    const kept = controls.filter((c) => escapeCardText(`a${c}b`) !== 'ab');
    assert.deepEqual(hex(kept.join('')), '', `control characters kept: ${hex(kept.join(''))}`);
  });
  it('when the text contains a bidi control (Unicode Bidi_Control: LRM, RLM, ALM, embeddings, overrides, isolates), then it is removed', () => {
    const bidi = codePointsWith(/^\p{Bidi_Control}$/u);
    assert.ok(bidi.length >= 12, 'sanity: the property lists the bidi controls');
    const kept = bidi.filter((c) => escapeCardText(`a${c}b`) !== 'ab');
    assert.deepEqual(hex(kept.join('')), '', `bidi controls kept: ${hex(kept.join(''))}`);
  });
  it('when a right-to-left override hides a reversed word, then the override is gone', () => {
    assert.equal(escapeCardText('file\u202Egpj.exe'), 'filegpj.exe');
  });
  it('when the text is plain Japanese, then it is unchanged', () => {
    const text = '退院後の訪問看護と保育園入園の相談です。来週、ご家族と面談します（午前10時〜）。よろしくお願いします。';
    assert.equal(escapeCardText(text), text);
  });
  it('when the text is plain Japanese over several lines, then it is unchanged', () => {
    const text = '家族の希望：\n保育園に入りたい\n看護師の配置を確認中';
    assert.equal(escapeCardText(text), text);
  });
});
