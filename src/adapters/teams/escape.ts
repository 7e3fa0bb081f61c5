/**
 * Free text typed by users is shown in cards as plain text: characters that Adaptive Card markdown or
 * Teams treat specially (links, emphasis, mentions, HTML) are replaced by their full-width forms, so a
 * comment can neither inject a link nor a mention. Control characters are dropped.
 */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '[': '［', ']': '］', '(': '（', ')': '）', '*': '＊', '_': '＿', '<': '＜', '>': '＞', '`': '｀', '#': '＃', '~': '～', '|': '｜', '&': '＆', '\\': '＼', '!': '！', '@': '＠',
};

export function escapeCardText(text: string): string {
  return text
    .replace(/(?![\t\n])[\p{Cc}\p{Bidi_Control}\u200b-\u200d]/gu, '')
    .replace(/[[\]()*_<>`#~|&\\!@]/g, (c) => REPLACEMENTS[c] ?? c)
    .replace(/^(\s*)([-+]|\d+\.)\s/gm, '$1$2\u00a0');
}
