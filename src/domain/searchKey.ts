/**
 * Search text normalisation: 全角/半角 (NFKC), katakana → hiragana, case and spaces ignored, so that
 * 「ｶｸｳ ﾀﾛｳ」, 「カクウタロウ」 and 「かくう たろう」 all find the same child.
 */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .toLowerCase()
    .replace(/[\s\u3000・･]+/g, '');
}

/** The key stored with each case: name, reading and code, normalised. */
export function caseSearchKey(name: string, kana: string, code: string): string {
  return [name, kana, code].map(normaliseForSearch).join('|');
}
