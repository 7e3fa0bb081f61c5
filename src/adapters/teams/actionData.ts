import { z } from 'zod';
import { CARE_ITEM_CODES } from '../../domain/careItems';
import { CASE_STATUSES, URGENCIES } from '../../domain/case';
import { ORGANISATION_KEYS } from '../../domain/directory';
import { DECLINE_REASONS, PLACEMENT_ROLES } from '../../domain/handoff';
import { DATA_CATEGORIES } from '../../domain/consent';
import { CONTACT_KINDS } from '../../domain/contacts';
import { CERTIFICATE_KINDS } from '../../domain/services/catalogue';
import { VERBS } from './verbs';
import { ISSUE_ACTIONS } from '../../domain/issues/issue';
import { DISASTER_ACTION_SCHEMAS } from './disasterActionData';

/** zod schemas for what each verb's card sends back (ids, version and inputs; never entities). */
const cardRef = z.object({
  caseId: z.string().min(1).max(100),
  handoffId: z.string().min(1).max(100),
  v: z.coerce.number().int().min(1),
  shownIn: z.enum(ORGANISATION_KEYS),
  role: z.enum(PLACEMENT_ROLES),
});

/** An Input.ChoiceSet with isMultiSelect answers "a,b,c" (or nothing when none is chosen). */
const commaList = z
  .string()
  .max(5000)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

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

/**
 * A milestone row of the 予定 card or the daily digest, or another department's channel card; `from` says
 * which card to answer with, and a channel card names itself (`cardId`).
 */
const milestoneRef = z.object({
  caseId: z.string().min(1).max(100),
  milestoneId: z.string().regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/).max(100),
  from: z.enum(['case', 'digest', 'channel']).default('case'),
  cardId: z.string().min(1).max(100).optional(),
});

/**
 * 延期: each row's date input has its own id (ids must be unique in a card); the row names it in `input`.
 * The date text is kept as sent (possibly empty); the bot parses it and answers a bad one with its reason.
 */
const milestonePostpone = z
  .looseObject({ ...milestoneRef.shape, input: z.string().regex(/^until_\d{1,3}$/) })
  .transform(({ caseId, milestoneId, from, cardId, input, ...rest }) => {
    const value = (rest as Record<string, unknown>)[input];
    return { caseId, milestoneId, from, ...(cardId ? { cardId } : {}), until: typeof value === 'string' ? value.trim().slice(0, 20) : '' };
  });

/** A click on a handoff package card; free text (question, answer, reason, report) is judged by the domain. */
const packageClick = z.object({
  caseId: z.string().min(1).max(100),
  packageId: z.string().min(1).max(100),
  v: z.coerce.number().int().min(1),
  role: z.enum(['receiver', 'sender']),
  text: z.string().max(2000).optional(),
  questionId: z.string().max(100).optional(),
});

/** The care plan card: fixed fields plus one `proc_<CARE ITEM>` field per care item of the child. */
const carePlanForm = z
  .object({
    caseId: z.string().min(1).max(100),
    pv: z.coerce.number().int().min(0),
    hospital: z.string().max(400).default(''),
    contacts: z.string().max(1000).default(''),
    ifTubeOut: z.string().max(2000).default(''),
    ifSeizure: z.string().max(2000).default(''),
    other: z.string().max(2000).default(''),
    dailySchedule: z.string().max(4000).default(''),
    familyWishes: z.string().max(4000).default(''),
    agreed: z.string().max(8000).default(''),
    open: z.string().max(8000).default(''),
  })
  .catchall(z.unknown())
  .transform((f) => {
    const procedures: Record<string, string> = {};
    for (const [k, v] of Object.entries(f)) if (k.startsWith('proc_') && typeof v === 'string') procedures[k.slice(5)] = v.slice(0, 2000);
    return { caseId: f.caseId, pv: f.pv, hospital: f.hospital, contacts: f.contacts, ifTubeOut: f.ifTubeOut, ifSeizure: f.ifSeizure, other: f.other, dailySchedule: f.dailySchedule, familyWishes: f.familyWishes, agreed: f.agreed, open: f.open, procedures };
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

/** 課題を記録: the form (caseId empty: recorded without a case). Values are checked by the domain, which names the field. */
const issueForm = z.object({
  formId: z.string().uuid(),
  caseId: z.string().max(100).default(''),
  category: z.string().max(40).default(''),
  lifeStage: z.string().max(20).default(''),
  severity: z.string().max(20).default('medium'),
  status: z.string().max(20).default('open'),
  description: z.string().max(4000).default(''),
  summary: z.string().max(1000).default(''),
  raise: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

/** Agenda cards: ids and version, plus per-item inputs named <prefix>_<issueId> (read by agendaInputs). */
const agendaRef = z.object({ agendaId: z.string().regex(/^agenda:[^\s]{1,120}$/), v: z.coerce.number().int().min(1) }).catchall(z.union([z.string().max(2000), z.number(), z.boolean()]));
/**
 * 会議調整 (issue 6). The card carries the meeting id (and, on the form, the case code); everything else is
 * re-read. Attendees come as one multi-select per organisation (`att_<organisation>`), gathered here; dates
 * stay text for the bot to parse and answer clearly.
 */
const meetingId = z.string().min(1).max(100).regex(/^[A-Za-z0-9-]+$/);
const dateText = z.string().max(20).default('').transform((s) => s.trim());
const conferenceSearch = z
  .looseObject({
    meetingId,
    kind: z.enum(['caseConference', 'wardConference']),
    caseCode: z.string().max(20).default('').transform((s) => s.trim()),
    duration: z.union([z.string().max(10), z.number()]).default('').transform(String),
    from: dateText,
    to: dateText,
  })
  .transform(({ meetingId: id, kind, caseCode, duration, from, to, ...rest }) => {
    const attendees = Object.entries(rest)
      .filter(([k, v]) => /^att_[A-Za-z]{1,40}$/.test(k) && typeof v === 'string')
      .flatMap(([, v]) => (v as string).split(','))
      .map((a) => a.trim())
      .filter(Boolean);
    return { meetingId: id, kind, caseCode, duration, from, to, attendees: attendees.slice(0, 200) };
  });
const conferencePick = z.object({ meetingId, start: z.iso.datetime() });
const conferenceRef = z.object({ meetingId });
const conferenceReschedule = z.object({ meetingId, from: dateText, to: dateText });

export const ACTION_SCHEMAS = {
  ...DISASTER_ACTION_SCHEMAS,
  [VERBS.handoffCreate]: createFormData,
  [VERBS.issueForm]: z.object({ caseId: z.string().min(1).max(100) }),
  [VERBS.issueRecord]: issueForm,
  [VERBS.issueList]: z.object({ page: z.coerce.number().int().min(0).max(10_000).default(0) }),
  [VERBS.issueUpdate]: z.object({ issueId: z.string().regex(/^issue-[A-Za-z0-9-]{1,80}$/), action: z.enum(ISSUE_ACTIONS), page: z.coerce.number().int().min(0).max(10_000).default(0) }),
  [VERBS.agendaSave]: agendaRef,
  [VERBS.agendaPublish]: agendaRef,
  [VERBS.agendaOutcomeForm]: agendaRef,
  [VERBS.agendaClose]: agendaRef,
  [VERBS.agendaPage]: agendaRef,
  [VERBS.agendaOutcomeSave]: agendaRef,
  [VERBS.agendaFollowUpDone]: z.object({ agendaId: z.string().regex(/^agenda:[^\s]{1,120}$/), followUpId: z.string().min(1).max(300) }),
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
  [VERBS.carePlanSave]: carePlanForm,
  [VERBS.packageReceive]: packageClick,
  [VERBS.packageAsk]: packageClick,
  [VERBS.packageAnswer]: packageClick,
  [VERBS.packageReady]: packageClick,
  [VERBS.packageReturn]: packageClick,
  [VERBS.packageReport]: packageClick,
  [VERBS.packageRefresh]: packageClick,
  [VERBS.printLinks]: z.object({ caseId: z.string().min(1).max(100) }),
  [VERBS.milestoneHandoff]: z.object({ caseId: z.string().min(1).max(100), organisation: z.enum(ORGANISATION_KEYS) }),
  [VERBS.caseStatus]: z.object({ caseId: z.string().min(1).max(100), to: z.enum(CASE_STATUSES) }),
  [VERBS.roadmapRecord]: z.object({
    caseId: z.string().min(1).max(100),
    services: commaList.pipe(z.array(z.string().regex(/^[a-z][A-Za-z0-9]*$/).max(100)).max(100)).default([]),
    certificates: commaList.pipe(z.array(z.enum(CERTIFICATE_KINDS))).default([]),
  }),
  [VERBS.workDone]: z.object({ caseId: z.string().min(1).max(100), itemId: z.string().regex(/^[a-z][A-Za-z0-9]*\.[a-z][A-Za-z0-9]*$/).max(100) }),
  [VERBS.milestoneDone]: milestoneRef,
  [VERBS.milestonePostpone]: milestonePostpone,
  /** 訪問・面接・同行の記録 from the case card: the date text is parsed by the bot, the rules are the domain's. */
  [VERBS.contactRecord]: z.object({
    caseId: z.string().min(1).max(100),
    formId: z.string().uuid(),
    contactDate: z.string().max(20).default(''),
    contactKind: z.enum(CONTACT_KINDS),
    // Generous cap here; the domain rule (500 characters) gives the precise message.
    contactNote: z.string().max(2000).default(''),
  }),
  /** モニタリング周期: "0" stops it. */
  [VERBS.monitoringSet]: z.object({
    caseId: z.string().min(1).max(100),
    everyMonths: z.enum(['0', '1', '3', '6', '12']).transform((v) => (v === '0' ? undefined : (Number(v) as 1 | 3 | 6 | 12))),
  }),
  /** 統計 → CSVで書き出す: the quarter of the card (the permission and the quarter are checked again). */
  [VERBS.statsCsv]: z.object({ year: z.coerce.number().int().min(2000).max(2200), quarter: z.coerce.number().int().min(1).max(4).transform((q) => q as 1 | 2 | 3 | 4) }),
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
  [VERBS.conferenceSearch]: conferenceSearch,
  [VERBS.conferencePick]: conferencePick,
  [VERBS.conferenceRetryLink]: conferenceRef,
  [VERBS.conferenceReschedule]: conferenceReschedule,
  [VERBS.conferenceCancel]: conferenceRef,
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
