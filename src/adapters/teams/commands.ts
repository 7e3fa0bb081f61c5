/** Text commands, Japanese first. Matching ignores mentions, width (全角/半角), case and spacing. */
export type Command =
  | { kind: 'newHandoff' }
  | { kind: 'help' }
  | { kind: 'language'; language: 'ja' | 'en' }
  | { kind: 'caseView'; code: string | undefined }
  | { kind: 'auditCase'; code: string }
  | { kind: 'auditUser'; user: string }
  | { kind: 'unknown'; text: string };

export function normaliseCommandText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const CODE = /^\d{4}-\d{4,}$/;
const NEW_HANDOFF = new Set(['新規引継ぎ', '新規引き継ぎ', '新規引継', '引継ぎ', 'new handoff', 'newhandoff', 'handoff']);
const HELP = new Set(['ヘルプ', 'help', '?', '使い方', 'へるぷ']);
const TO_EN = new Set(['言語 英語', '言語 english', 'language english', 'language en', 'english']);
const TO_JA = new Set(['言語 日本語', '言語 japanese', 'language japanese', 'language ja', '日本語']);

export function parseCommand(text: string): Command {
  const t = normaliseCommandText(text);
  if (NEW_HANDOFF.has(t)) return { kind: 'newHandoff' };
  if (HELP.has(t) || t === '') return { kind: 'help' };
  if (TO_EN.has(t)) return { kind: 'language', language: 'en' };
  if (TO_JA.has(t)) return { kind: 'language', language: 'ja' };
  const caseMatch = /^(?:案件|case)(?:\s+(\S+))?$/.exec(t);
  if (caseMatch) return { kind: 'caseView', code: caseMatch[1] && CODE.test(caseMatch[1]) ? caseMatch[1] : undefined };
  const auditUser = /^(?:監査|audit)\s+(?:利用者|user)\s+(\S{1,100})$/.exec(t);
  if (auditUser?.[1]) return { kind: 'auditUser', user: auditUser[1] };
  const auditCase = /^(?:監査|audit)\s+(\d{4}-\d{4,})$/.exec(t);
  if (auditCase?.[1]) return { kind: 'auditCase', code: auditCase[1] };
  return { kind: 'unknown', text: t.slice(0, 40) };
}

/** Commands as listed in the Teams manifest (a test checks the manifest lists each of them). */
export const MANIFEST_COMMANDS = {
  ja: [
    { title: '新規引継ぎ', description: '相談窓口からコーディネーターへ新しい案件を引き継ぎます' },
    { title: 'ヘルプ', description: 'つなぐでできることを表示します' },
    { title: '言語 英語', description: '表示言語を英語にします' },
    { title: '案件', description: '案件 <案件番号>: 案件の詳細を個人チャットで表示します' },
  ],
  en: [
    { title: 'new handoff', description: 'Hand a new case from the desk to the coordinators' },
    { title: 'help', description: 'Show what Tsunagu can do' },
    { title: 'language japanese', description: 'Switch the display language to Japanese' },
    { title: 'case', description: 'case <case code>: show the case details in personal chat' },
  ],
} as const;
