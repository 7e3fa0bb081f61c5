import { z } from 'zod';
import { CARE_ITEM_CODES } from '../../domain/careItems';
import { CASE_STATUSES, URGENCIES } from '../../domain/case';
import { ORGANISATION_KEYS } from '../../domain/directory';
import { DECLINE_REASONS } from '../../domain/handoff';
import { DATA_CATEGORIES } from '../../domain/consent';
import { VERBS } from './verbs';

/** zod schemas for what each verb's card sends back (ids, version and inputs; never entities). */
const cardRef = z.object({
  caseId: z.string().min(1).max(100),
  handoffId: z.string().min(1).max(100),
  v: z.coerce.number().int().min(1),
  shownIn: z.enum(ORGANISATION_KEYS),
  role: z.enum(['receiver', 'sender']),
});

const consentForm = z.object({
  caseId: z.string().min(1).max(100),
  organisation: z.enum(ORGANISATION_KEYS),
  categories: z
    .string()
    .max(200)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(DATA_CATEGORIES)).min(1)),
  givenBy: z.enum(['guardian', 'self']).default('guardian'),
});

/** A milestone row of the 予定 card or the daily digest; `from` says which card to answer with. */
const milestoneRef = z.object({
  caseId: z.string().min(1).max(100),
  milestoneId: z.string().regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/).max(100),
  from: z.enum(['case', 'digest']).default('case'),
});

/**
 * 延期: each row's date input has its own id (ids must be unique in a card); the row names it in `input`.
 * The date text is kept as sent (possibly empty); the bot parses it and answers a bad one with its reason.
 */
const milestonePostpone = z
  .looseObject({ ...milestoneRef.shape, input: z.string().regex(/^until_\d{1,3}$/) })
  .transform(({ caseId, milestoneId, from, input, ...rest }) => {
    const value = (rest as Record<string, unknown>)[input];
    return { caseId, milestoneId, from, until: typeof value === 'string' ? value.trim().slice(0, 20) : '' };
  });

/** The raw form: every field a string as Teams sends it; domain rules run after parsing. */
export const createFormData = z.object({
  formId: z.string().uuid(),
  childName: z.string().max(200).default(''),
  childNameKana: z.string().max(200).default(''),
  birthDate: z.string().max(20).default(''),
  careItems: z.string().max(400).default(''),
  familyNeeds: z.string().max(5000).default(''),
  urgency: z.string().max(20).default(''),
  consent: z.string().max(200).default(''),
  consentGivenBy: z.string().max(20).default('guardian'),
});
export type CreateFormData = z.infer<typeof createFormData>;

export const ACTION_SCHEMAS = {
  [VERBS.handoffCreate]: createFormData,
  [VERBS.handoffAccept]: cardRef,
  [VERBS.handoffRefresh]: cardRef,
  [VERBS.handoffDecline]: cardRef.extend({
    reason: z.enum(DECLINE_REASONS),
    forwardTo: z.union([z.enum(ORGANISATION_KEYS), z.literal('desk')]),
    comment: z.string().max(500).default(''),
  }),
  [VERBS.handoffResend]: cardRef.extend({ to: z.enum(ORGANISATION_KEYS) }),
  [VERBS.consentRecord]: consentForm,
  [VERBS.consentRevoke]: consentForm,
  [VERBS.caseStatus]: z.object({ caseId: z.string().min(1).max(100), to: z.enum(CASE_STATUSES) }),
  [VERBS.milestoneDone]: milestoneRef,
  [VERBS.milestonePostpone]: milestonePostpone,
  [VERBS.caseEdit]: z.object({
    caseId: z.string().min(1).max(100),
    dv: z.coerce.number().int().min(1),
    // Generous caps here; the domain rules (validateCaseEdit) give the precise messages.
    district: z.string().max(400).default(''),
    guardianName: z.string().max(400).default(''),
    guardianRelation: z.string().max(200).default(''),
    guardianPhone: z.string().max(200).default(''),
    diagnoses: z.string().max(5000).default(''),
    devices: z.string().max(400).default(''),
    batteryHours: z.union([z.string().max(20), z.number()]).default('').transform(String),
    enrolmentKind: z.string().max(40).default(''),
    enrolmentPlace: z.string().max(800).default(''),
    supportNetwork: z.string().max(5000).default(''),
  }),
} as const;

export const careItemList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(CARE_ITEM_CODES)));
export const urgency = z.enum(URGENCIES);

export const consentCategories = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(DATA_CATEGORIES)));
export const consentGiver = z.enum(['guardian', 'self']);
