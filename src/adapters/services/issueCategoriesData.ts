import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDataError } from '../../domain/dataFile';
import { readIssueTaxonomy, type IssueTaxonomy } from '../../domain/issues/categories';
import { projectRoot } from '../projectRoot';

/** Reads config/issueCategories.json (the 課題 taxonomy) at start-up; a broken file stops the start with every problem named. */
export function readIssueCategoriesFile(path = join(projectRoot(), 'config', 'issueCategories.json')): IssueTaxonomy {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`ISSUES.UNREADABLE: ${path} is not readable JSON (${err instanceof Error ? err.message : String(err)}); fix the file and start again`);
  }
  const result = readIssueTaxonomy(json);
  if (result.kind === 'invalid') throw new Error(`ISSUES.INVALID: ${path} has problems; fix them and start again:\n${result.errors.map(formatDataError).join('\n')}`);
  return result.taxonomy;
}
