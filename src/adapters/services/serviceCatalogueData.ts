import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEVICE_KINDS, ENROLMENT_KINDS } from '../../domain/case';
import { CARE_ITEM_CODES } from '../../domain/careItems';
import { ORGANISATION_KEYS } from '../../domain/directory';
import {
  AGE_BASES,
  APPLY_LEVELS,
  CERTIFICATE_KINDS,
  formatServiceCatalogueError,
  parseServiceCatalogue,
  RENEWAL_CYCLES,
  RUN_BY,
  SERVICE_CATEGORIES,
  SERVICE_DATA_STATUSES,
  type ServiceCatalogue,
} from '../../domain/services/catalogue';
import { projectRoot } from '../projectRoot';

/**
 * Reads config/services.json (the service catalogue, 制度). Two checks, both must pass:
 *  1. zod, for the file's shape (every outside input is parsed with zod at the edge);
 *  2. the domain's own validator, which checks the rules that span fields (unique ids, a placeholder says
 *     NOT FOUND, non-placeholders cite a source, grades within the certificate's range, every entry has an
 *     eligibility rule) and returns the typed data with dates parsed. What it returns is what we keep.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const text = z.string().trim().min(1);
const localised = z.strictObject({ ja: text, en: text });
const source = z.strictObject({ url: z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL'), checkedOn: isoDate, via: text.optional() });
const age = z.strictObject({ basis: z.enum(AGE_BASES), fromYears: z.number().int().min(0).max(30).optional(), untilYears: z.number().int().min(1).max(30).optional() });

const eligibility = z.strictObject({
  ages: z.array(age).optional(),
  ageException: z.strictObject({ side: z.enum(['younger', 'older']), text: localised }).optional(),
  enrolments: z.array(z.enum(ENROLMENT_KINDS)).min(1).optional(),
  needs: z
    .strictObject({ careItems: z.array(z.enum(CARE_ITEM_CODES)).optional(), devices: z.array(z.enum(DEVICE_KINDS)).optional(), anyCareItem: z.boolean().optional() })
    .optional(),
  certificates: z
    .strictObject({ anyOf: z.array(z.strictObject({ kind: z.enum(CERTIFICATE_KINDS), maxGrade: z.number().int().min(1).max(6).optional() })).min(1), otherRoutes: localised.optional() })
    .optional(),
  assessment: localised.optional(),
  conditions: z.array(localised).optional(),
});

const service = z.strictObject({
  id: text,
  name: localised,
  aliases: z.array(text).optional(),
  keywords: z.array(text).optional(),
  category: z.enum(SERVICE_CATEGORIES),
  gives: localised,
  runBy: z.enum(RUN_BY),
  apply: z.strictObject({ level: z.enum(APPLY_LEVELS), organisation: z.enum(ORGANISATION_KEYS).optional(), desk: localised, contact: text.optional(), confirmed: z.boolean() }),
  eligibility,
  timing: z.strictObject({
    apply: localised.optional(),
    processing: localised.optional(),
    renewal: z.strictObject({ cycle: z.enum(RENEWAL_CYCLES), text: localised.optional() }),
    annualEvents: z.array(z.strictObject({ id: text, title: localised, month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31).optional() })).optional(),
  }),
  documents: z.array(localised).optional(),
  grantsCertificate: z.enum(CERTIFICATE_KINDS).optional(),
  suggestOnRoadmap: z.boolean().optional(),
  status: z.enum(SERVICE_DATA_STATUSES),
  note: text.optional(),
  gaps: z.array(text).optional(),
  sources: z.array(source),
});

export const serviceCatalogueFile = z.strictObject({
  $comment: z.array(z.string()).optional(),
  schemaVersion: z.literal(1),
  dataVersion: text,
  services: z.array(service).min(1),
});

export type ServiceCatalogueLoad = { readonly ok: true; readonly data: ServiceCatalogue } | { readonly ok: false; readonly errors: readonly string[] };

const zodPath = (path: readonly PropertyKey[]): string => path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`)).join('') || '(file)';

/** Check parsed JSON; each error names the field, e.g. "services[3].apply.organisation: …". */
export function checkServiceCatalogue(raw: unknown): ServiceCatalogueLoad {
  const shape = serviceCatalogueFile.safeParse(raw);
  if (!shape.success) return { ok: false, errors: shape.error.issues.map((i) => `${zodPath(i.path)}: ${i.message}`) };
  const domain = parseServiceCatalogue(shape.data);
  return domain.ok ? { ok: true, data: domain.data } : { ok: false, errors: domain.errors.map(formatServiceCatalogueError) };
}

export const DEFAULT_SERVICES_FILE = 'config/services.json';

/** Read and check the file at start-up; a broken file stops the app with every problem listed. */
export function readServiceCatalogueFile(path: string = join(projectRoot(), DEFAULT_SERVICES_FILE)): ServiceCatalogue {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`SERVICES.UNREADABLE: cannot read ${path} (${(err as Error).message}); it must be the service catalogue JSON (see config/services.json)`);
  }
  const checked = checkServiceCatalogue(raw);
  if (!checked.ok) throw new Error(`SERVICES.INVALID: ${path}: ${checked.errors.join('; ')}`);
  return checked.data;
}
