import { parseIsoDate, type CalendarDate } from './dates';

/**
 * A small reader for hand-edited data files (config/transitions.json, config/services.json,
 * config/standardWork.json), written as
 * plain type guards (no zod in the domain). It collects every problem at once, each naming its field:
 * `services[3].eligibility.ages[0].fromYears: expected an integer 0–30, got 40`. Every reader returns
 * undefined on a problem, so the caller can build the typed value only from fields that passed.
 */

/** A text in both catalogue languages. */
export interface LocalisedText {
  readonly ja: string;
  readonly en: string;
}

/** Where a fact comes from. */
export interface SourceRef {
  readonly url: string;
  /** When the fact was last checked (for facts copied from REFERENCE.md: the day it was read there). */
  readonly checkedOn: CalendarDate;
  /** Where it was checked, e.g. "REFERENCE.md" when not yet re-checked on the primary page. */
  readonly via: string | undefined;
}

/** The kinds of problem every data file shares; a file's error code is `<PREFIX>.<kind>`. */
export type DataErrorKind =
  | 'MISSING'
  | 'UNKNOWN_FIELD'
  | 'WRONG_TYPE'
  | 'UNKNOWN_VALUE'
  | 'OUT_OF_RANGE'
  | 'DUPLICATE_ID'
  | 'PLACEHOLDER_NOTE'
  | 'SOURCE_REQUIRED'
  | 'RULE_REQUIRED'
  | 'INCONSISTENT'
  | 'UNKNOWN_TRANSITION';

export interface DataError {
  /** The field, e.g. "services[3].apply.organisation". */
  readonly path: string;
  /** Stable code, e.g. "SERVICES.UNKNOWN_VALUE". */
  readonly code: string;
  readonly message: string;
}

export const formatDataError = (e: DataError): string => `${e.path}: ${e.message}`;

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
export const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

export const HTTP_URL = /^https?:\/\/\S+$/;
/** Placeholders must say so in words a reader will notice (the same mark as config/transitions.json). */
export const PLACEHOLDER_MARK = 'NOT FOUND';

export class DataReader {
  readonly errors: DataError[] = [];

  constructor(private readonly prefix: string) {}

  fail(path: string, kind: DataErrorKind, message: string): undefined {
    this.errors.push({ path, code: `${this.prefix}.${kind}`, message });
    return undefined;
  }

  object(v: unknown, path: string): Json | undefined {
    if (v === undefined) return this.fail(path, 'MISSING', 'is required (an object)');
    return isObject(v) ? v : this.fail(path, 'WRONG_TYPE', `expected an object, got ${show(v)}`);
  }

  array(v: unknown, path: string): readonly unknown[] | undefined {
    if (v === undefined) return this.fail(path, 'MISSING', 'is required (a list)');
    return Array.isArray(v) ? v : this.fail(path, 'WRONG_TYPE', `expected a list, got ${show(v)}`);
  }

  /** An optional list: absent reads as empty. */
  optionalArray(v: unknown, path: string): readonly unknown[] {
    return v === undefined ? [] : this.array(v, path) ?? [];
  }

  text(v: unknown, path: string): string | undefined {
    if (v === undefined) return this.fail(path, 'MISSING', 'is required (text)');
    if (typeof v !== 'string') return this.fail(path, 'WRONG_TYPE', `expected text, got ${show(v)}`);
    return v.trim() ? v : this.fail(path, 'MISSING', 'must not be empty');
  }

  optionalText(v: unknown, path: string): string | undefined {
    return v === undefined ? undefined : this.text(v, path);
  }

  boolean(v: unknown, path: string): boolean | undefined {
    if (v === undefined) return this.fail(path, 'MISSING', 'is required (true or false)');
    return typeof v === 'boolean' ? v : this.fail(path, 'WRONG_TYPE', `expected true or false, got ${show(v)}`);
  }

  integer(v: unknown, path: string, min: number, max: number): number | undefined {
    if (v === undefined) return this.fail(path, 'MISSING', `is required (an integer ${min}–${max})`);
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.fail(path, 'WRONG_TYPE', `expected an integer ${min}–${max}, got ${show(v)}`);
    return v >= min && v <= max ? v : this.fail(path, 'OUT_OF_RANGE', `expected an integer ${min}–${max}, got ${v}`);
  }

  optionalInteger(v: unknown, path: string, min: number, max: number): number | undefined {
    return v === undefined ? undefined : this.integer(v, path, min, max);
  }

  choice<T extends string>(v: unknown, path: string, values: readonly T[]): T | undefined {
    if (v === undefined) return this.fail(path, 'MISSING', `is required (one of ${values.join(', ')})`);
    return oneOf(values, v) ? v : this.fail(path, 'UNKNOWN_VALUE', `expected one of ${values.join(', ')}; got ${show(v)}`);
  }

  optionalChoice<T extends string>(v: unknown, path: string, values: readonly T[]): T | undefined {
    return v === undefined ? undefined : this.choice(v, path, values);
  }

  /** A list of enumerated values; undefined when any element is wrong (each is reported). */
  choices<T extends string>(v: unknown, path: string, values: readonly T[]): T[] | undefined {
    const list = this.array(v, path);
    if (!list) return undefined;
    const out = list.map((x, i) => this.choice(x, `${path}[${i}]`, values));
    return out.every((x): x is T => x !== undefined) ? out : undefined;
  }

  /** A list of non-empty texts. */
  texts(v: unknown, path: string): string[] | undefined {
    const list = this.array(v, path);
    if (!list) return undefined;
    const out = list.map((x, i) => this.text(x, `${path}[${i}]`));
    return out.every((x): x is string => x !== undefined) ? out : undefined;
  }

  date(v: unknown, path: string): CalendarDate | undefined {
    const text = this.text(v, path);
    if (text === undefined) return undefined;
    return parseIsoDate(text) ?? this.fail(path, 'WRONG_TYPE', `expected a date YYYY-MM-DD, got ${show(v)}`);
  }

  /** Hand-edited files get typos ("sorces"): a field the schema does not know is an error, not ignored. */
  onlyKnownFields(o: Json, path: string, known: readonly string[]): void {
    for (const key of Object.keys(o)) {
      if (!known.includes(key)) this.fail(path === '(file)' ? key : `${path}.${key}`, 'UNKNOWN_FIELD', `is not a known field (expected ${known.join(', ')})`);
    }
  }

  localised(v: unknown, path: string): LocalisedText | undefined {
    const o = this.object(v, path);
    if (!o) return undefined;
    this.onlyKnownFields(o, path, ['ja', 'en']);
    const ja = this.text(o.ja, `${path}.ja`);
    const en = this.text(o.en, `${path}.en`);
    return ja !== undefined && en !== undefined ? { ja, en } : undefined;
  }

  optionalLocalised(v: unknown, path: string): LocalisedText | undefined {
    return v === undefined ? undefined : this.localised(v, path);
  }

  localisedList(v: unknown, path: string): LocalisedText[] | undefined {
    const list = this.array(v, path);
    if (!list) return undefined;
    const out = list.map((x, i) => this.localised(x, `${path}[${i}]`));
    return out.every((x): x is LocalisedText => x !== undefined) ? out : undefined;
  }

  source(v: unknown, path: string): SourceRef | undefined {
    const o = this.object(v, path);
    if (!o) return undefined;
    this.onlyKnownFields(o, path, ['url', 'checkedOn', 'via']);
    const url = this.text(o.url, `${path}.url`);
    const urlOk = url !== undefined && HTTP_URL.test(url);
    if (url !== undefined && !urlOk) this.fail(`${path}.url`, 'WRONG_TYPE', `expected an http(s) URL, got ${show(url)}`);
    const checkedOn = this.date(o.checkedOn, `${path}.checkedOn`);
    const via = this.optionalText(o.via, `${path}.via`);
    return urlOk && checkedOn !== undefined ? { url, checkedOn, via } : undefined;
  }

  sources(v: unknown, path: string): SourceRef[] | undefined {
    const list = this.array(v, path);
    if (!list) return undefined;
    const out = list.map((s, i) => this.source(s, `${path}[${i}]`));
    return out.every((x): x is SourceRef => x !== undefined) ? out : undefined;
  }
}
