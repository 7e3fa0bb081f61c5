import { DataReader, type DataError, type LocalisedText } from '../dataFile';

/**
 * The taxonomy of 課題・困りごと (issue 6), kept as data (config/issueCategories.json) so the ward can rename or
 * add categories without a release. Ids are stored on issues: an id in use must stay in the file.
 */
export interface IssueCategory {
  readonly id: string;
  readonly label: LocalisedText;
}

export interface IssueTaxonomy {
  readonly categories: readonly IssueCategory[];
  find(id: string): IssueCategory | undefined;
}

const ID = /^[a-z][A-Za-z0-9]{1,39}$/;

export type TaxonomyResult = { readonly kind: 'ok'; readonly taxonomy: IssueTaxonomy } | { readonly kind: 'invalid'; readonly errors: readonly DataError[] };

/** Reads the category file; every problem is reported with its field (ISSUES.*), nothing is guessed. */
export function readIssueTaxonomy(json: unknown): TaxonomyResult {
  const r = new DataReader('ISSUES');
  const root = r.object(json, '(file)');
  if (root) for (const key of Object.keys(root)) if (!['$comment', 'categories'].includes(key)) r.fail(key, 'UNKNOWN_FIELD', 'is not a field of the file ($comment, categories)');
  const list = root ? r.array(root['categories'], 'categories') : undefined;
  const out: IssueCategory[] = [];
  list?.forEach((raw, i) => {
    const path = `categories[${i}]`;
    const o = r.object(raw, path);
    if (!o) return;
    for (const key of Object.keys(o)) if (!['id', 'ja', 'en'].includes(key)) r.fail(`${path}.${key}`, 'UNKNOWN_FIELD', 'is not a field of a category (id, ja, en)');
    const id = r.text(o['id'], `${path}.id`);
    const ja = r.text(o['ja'], `${path}.ja`);
    const en = r.text(o['en'], `${path}.en`);
    if (id !== undefined && !ID.test(id)) return void r.fail(`${path}.id`, 'WRONG_TYPE', `expected an id of letters and digits starting with a lower-case letter, got "${id}"`);
    if (id !== undefined && out.some((c) => c.id === id)) return void r.fail(`${path}.id`, 'DUPLICATE_ID', `"${id}" appears twice`);
    if (id !== undefined && ja !== undefined && en !== undefined) out.push({ id, label: { ja, en } });
  });
  if (list !== undefined && list.length === 0) r.fail('categories', 'MISSING', 'must list at least one category');
  if (r.errors.length > 0) return { kind: 'invalid', errors: r.errors };
  const byId = new Map(out.map((c) => [c.id, c]));
  return { kind: 'ok', taxonomy: { categories: out, find: (id) => byId.get(id) } };
}
