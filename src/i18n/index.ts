import type { Language } from '../app/ports';
import { en } from './en';
import { ja, type MessageKey } from './ja';

export type { MessageKey };
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { ja, en };

export function translator(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  return (key, params = {}) => catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Stored preference first; otherwise English only when the Teams locale is English; Japanese by default. */
export function resolveLanguage(stored: Language | undefined, teamsLocale: string | undefined, honourTeamsLocale = true): Language {
  if (stored) return stored;
  return honourTeamsLocale && teamsLocale?.toLowerCase().startsWith('en') ? 'en' : 'ja';
}

const JST = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
/** Date and time in JST, e.g. "2026/11/25 09:05 JST", whatever the server's time zone. */
export function formatJst(iso: string): string {
  return `${JST.format(new Date(iso))} JST`;
}
