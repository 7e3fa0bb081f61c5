/** Minimal HTML building with escaping of every interpolated value (user text can never become markup). */
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Tagged template: `${}` values are escaped unless they are `raw(...)` fragments built by this module. */
export interface Raw {
  readonly __html: string;
}
export const raw = (html: string): Raw => ({ __html: html });

export function html(strings: TemplateStringsArray, ...values: readonly (string | number | Raw | readonly Raw[] | undefined)[]): Raw {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    if (v === undefined) out += '';
    else if (Array.isArray(v)) out += (v as readonly Raw[]).map((r) => r.__html).join('');
    else if (typeof v === 'object') out += (v as Raw).__html;
    else out += escapeHtml(String(v));
    out += strings[i + 1] ?? '';
  });
  return raw(out);
}

/** Keeps line breaks of free text (after escaping). */
export function multiline(text: string): Raw {
  return raw(escapeHtml(text).replace(/\r?\n/g, '<br>'));
}
