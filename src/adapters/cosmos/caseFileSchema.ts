import { z } from 'zod';
import { CARE_ITEM_CODES } from '../../domain/careItems';
import { CASE_STATUSES, DEVICE_KINDS, ENROLMENT_KINDS, URGENCIES } from '../../domain/case';
import { AUDIT_OPERATIONS } from '../../domain/audit';
import { ORGANISATION_KEYS } from '../../domain/directory';
import { DECLINE_REASONS, PLACEMENT_ROLES } from '../../domain/handoff';
import { DATA_CATEGORIES } from '../../domain/consent';
import { CONTACT_KINDS } from '../../domain/contacts';
import { MONITORING_INTERVALS } from '../../domain/monitoring';
import { CARD_WINDOWS } from '../../domain/transitions/milestoneCards';
import { CERTIFICATE_KINDS } from '../../domain/services/catalogue';
import type { CaseFile } from '../../domain/caseFile';
import type { HandoffPackage } from '../../domain/package/handoffPackage';
import { LIFE_STAGES } from '../../domain/lifeStage';
import { BACKUP_POWER_KINDS, HAZARDS, HELPER_ROLES, type StoredEmergencyProfile } from '../../domain/disaster/emergencyProfile';

/** The stored shape of a case file (schemaVersion 1). Documents are parsed on every read. */
export const CASE_FILE_SCHEMA_VERSION = 1;

const person = z.object({ aadObjectId: z.string(), displayName: z.string(), teamsUserId: z.string().optional() });
const date = z.object({ year: z.number().int(), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) });
const org = z.enum(ORGANISATION_KEYS);
const iso = z.string();

const state = z.discriminatedUnion('status', [
  z.object({ status: z.literal('sent') }),
  z.object({ status: z.literal('accepted'), by: person, at: iso }),
  z.object({ status: z.literal('returned'), by: person, at: iso, reason: z.enum(DECLINE_REASONS), comment: z.string() }),
]);

const event = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sent'), to: org, by: person, at: iso }),
  z.object({ type: z.literal('accepted'), by: person, at: iso }),
  z.object({ type: z.literal('declined'), by: person, at: iso, reason: z.enum(DECLINE_REASONS), comment: z.string(), forwardedTo: z.union([org, z.literal('desk')]) }),
]);

const address = z.object({
  serviceUrl: z.string(),
  tenantId: z.string().optional(),
  conversationId: z.string(),
  channelId: z.string().optional(),
  isChannel: z.boolean(),
});

const placement = z.object({
  id: z.string(),
  role: z.enum(PLACEMENT_ROLES),
  organisation: org,
  conversation: address,
  activityId: z.string().optional(),
  syncedVersion: z.number().int(),
  superseded: z.boolean(),
  parkedAt: iso.optional(),
  postClaim: z.object({ by: z.string(), until: iso }).optional(),
});

const escalation = z.object({ level: z.union([z.literal(1), z.literal(2)]), since: iso, at: iso, businessDays: z.number().int().min(0) });

const handoff = z.object({
  id: z.string(),
  kind: z.literal('intake'),
  target: org,
  state,
  version: z.number().int().min(1),
  history: z.array(event),
  placements: z.array(placement),
  createdAt: iso,
  createdBy: person,
  /** Added with escalation (issue 4): absent means never escalated. */
  escalations: z.array(escalation).optional(),
});

const localised = z.object({ ja: z.string(), en: z.string() });

const contact = z.object({ id: z.string(), kind: z.enum(CONTACT_KINDS), date, note: z.string().max(2000), by: z.string(), byName: z.string(), at: iso });

const monitoringPlan = z.object({
  everyMonths: z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)]).refine((n) => (MONITORING_INTERVALS as readonly number[]).includes(n)),
  since: date,
  setBy: z.string(),
  setAt: iso,
});

const milestoneCard = z.object({
  id: z.string(),
  milestoneId: z.string(),
  organisation: org,
  window: z.enum(CARD_WINDOWS),
  dueDate: date,
  title: localised,
  conversation: address,
  activityId: z.string().optional(),
  version: z.number().int().min(1),
  syncedVersion: z.number().int().min(0),
  superseded: z.boolean(),
  parkedAt: iso.optional(),
  postClaim: z.object({ by: z.string(), until: iso }).optional(),
  createdAt: iso,
});

const record = z.object({
  id: z.string(),
  wardId: z.string(),
  code: z.string(),
  child: z.object({ name: z.string(), nameKana: z.string(), birthDate: date }),
  careItems: z.array(z.object({ code: z.enum(CARE_ITEM_CODES), watchLevel: z.enum(['high', 'medium', 'low']).optional() })),
  familyNeeds: z.string(),
  urgency: z.enum(URGENCIES),
  status: z.enum(CASE_STATUSES),
  statusHistory: z.array(z.object({ status: z.enum(CASE_STATUSES), at: iso, by: z.string() })),
  assignedCoordinator: person.optional(),
  createdAt: iso,
  createdBy: z.string(),
  fictional: z.boolean(),
  // Details added after the first documents were written: absent means not filled in yet.
  district: z.string().default(''),
  guardians: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string() })).default([]),
  diagnoses: z.string().default(''),
  devices: z.array(z.object({ kind: z.enum(DEVICE_KINDS), batteryHours: z.number().optional() })).default([]),
  supportNetwork: z.array(z.object({ organisation: z.string(), role: z.string() })).default([]),
  enrolment: z.object({ kind: z.enum(ENROLMENT_KINDS), place: z.string() }).optional(),
  detailsVersion: z.number().int().min(1).default(1),
  anonymisedAt: iso.optional(),
});

const auditEntry = z.object({
  id: z.string(),
  caseId: z.string(),
  actor: z.string(),
  operation: z.enum(AUDIT_OPERATIONS),
  action: z.string(),
  fields: z.array(z.string()),
  at: iso,
  conversationId: z.string().optional(),
});

const consent = z.object({
  id: z.string(),
  organisation: org,
  category: z.enum(DATA_CATEGORIES),
  givenBy: z.enum(['guardian', 'self']),
  recordedBy: z.string(),
  recordedAt: iso,
  revokedBy: z.string().optional(),
  revokedAt: iso.optional(),
});

const personRef = person;
const carePlan = z.object({
  procedures: z.array(z.object({ item: z.enum(CARE_ITEM_CODES), note: z.string() })),
  emergency: z.object({ hospital: z.string(), contacts: z.array(z.object({ who: z.string(), phone: z.string() })), ifTubeOut: z.string(), ifSeizure: z.string(), other: z.string() }),
  dailySchedule: z.string(),
  familyWishes: z.string(),
  agreed: z.array(z.string()),
  open: z.array(z.string()),
  confirmedOn: z.string().optional(),
});
const packageSnapshot = z.object({
  caseId: z.string(),
  caseCode: z.string(),
  organisation: org,
  builtAt: iso,
  sections: z.object({
    basic: z
      .object({
        childName: z.string(),
        childNameKana: z.string(),
        birthDate: z.string(),
        age: z.number(),
        lifeStage: z.enum(LIFE_STAGES),
        enrolment: z.object({ kind: z.enum(ENROLMENT_KINDS), place: z.string() }).optional(),
        coordinator: z.string().optional(),
        agreed: z.array(z.string()),
        open: z.array(z.string()),
      })
      .optional(),
    medicalCare: z
      .object({
        items: z.array(z.object({ code: z.enum(CARE_ITEM_CODES), note: z.string() })),
        scoreTotal: z.number(),
        scoreWatchPending: z.boolean(),
        devices: z.array(z.object({ kind: z.enum(DEVICE_KINDS), batteryHours: z.number().optional() })),
      })
      .optional(),
    emergency: carePlan.shape.emergency.optional(),
    family: z.object({ dailySchedule: z.string(), familyWishes: z.string() }).optional(),
  }),
  omitted: z.array(z.enum(DATA_CATEGORIES)),
  fictional: z.boolean(),
});
const packageHandoff = z.object({
  id: z.string(),
  organisation: org,
  package: packageSnapshot,
  status: z.enum(['sent', 'received', 'ready', 'returned']),
  questions: z.array(z.object({ id: z.string(), askedBy: personRef, askedAt: iso, text: z.string(), answer: z.object({ by: personRef, at: iso, text: z.string() }).optional() })),
  reports: z.array(z.object({ id: z.string(), by: personRef, at: iso, text: z.string() })),
  history: z.array(
    z.discriminatedUnion('type', [
      z.object({ type: z.literal('sent'), by: personRef, at: iso }),
      z.object({ type: z.literal('received'), by: personRef, at: iso }),
      z.object({ type: z.literal('ready'), by: personRef, at: iso }),
      z.object({ type: z.literal('returned'), by: personRef, at: iso, reason: z.string() }),
      z.object({ type: z.literal('asked'), by: personRef, at: iso, ref: z.string() }),
      z.object({ type: z.literal('answered'), by: personRef, at: iso, ref: z.string() }),
      z.object({ type: z.literal('reported'), by: personRef, at: iso, ref: z.string() }),
    ]),
  ),
  version: z.number().int().min(1),
  placements: z.array(placement),
  /** Added with package escalation: absent means never escalated. */
  escalations: z.array(z.object({ kind: z.enum(['unacknowledged', 'unanswered']), level: z.union([z.literal(1), z.literal(2)]), since: iso, at: iso, businessDays: z.number().int().min(0), questionId: z.string().optional() })).default([]),
});

/** 非常時情報 (issue 11). Values were validated by the domain before saving; the shape is checked here. */
const emergencyProfile = z.object({
  profile: z.object({
    devices: z.array(z.object({ kind: z.enum(DEVICE_KINDS), batteryHours: z.number().optional(), externalBatteries: z.object({ count: z.number().int().min(0), hoursEach: z.number().optional() }), note: z.string() })),
    backupPower: z.object({ sources: z.array(z.enum(BACKUP_POWER_KINDS)), note: z.string() }),
    oxygen: z.object({ concentrator: z.boolean(), cylinders: z.number().int().min(0), hoursPerCylinder: z.number().optional(), supplier: z.string() }).optional(),
    hospital: z.object({ name: z.string(), phone: z.string(), note: z.string() }),
    address: z.string(),
    evacuation: z.array(z.object({ hazard: z.enum(HAZARDS), place: z.string(), routeNotes: z.string() })),
    helpers: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string(), role: z.enum(HELPER_ROLES) })),
    contacts: z.array(z.object({ who: z.string(), phone: z.string() })),
    manualAlternatives: z.string(),
    consent: z.object({ givenBy: z.enum(['guardian', 'self']), scope: z.string(), recordedBy: z.string(), recordedOn: date }).optional(),
    lastConfirmed: z.object({ on: date, by: z.string() }).optional(),
  }),
  version: z.number().int().min(1),
  updatedBy: z.string(),
  updatedAt: iso,
  reminded: z.string().optional(),
});

function toStoredProfile(e: z.infer<typeof emergencyProfile>): StoredEmergencyProfile {
  const p = e.profile;
  return {
    ...e,
    profile: {
      ...p,
      devices: p.devices.map((d) => ({ kind: d.kind, batteryHours: d.batteryHours, externalBatteries: { count: d.externalBatteries.count, hoursEach: d.externalBatteries.hoursEach }, note: d.note })),
      oxygen: p.oxygen && { ...p.oxygen, hoursPerCylinder: p.oxygen.hoursPerCylinder },
      consent: p.consent,
      lastConfirmed: p.lastConfirmed,
    },
  };
}

export const caseFileDocument = z.object({
  id: z.string(),
  caseId: z.string(),
  schemaVersion: z.literal(CASE_FILE_SCHEMA_VERSION),
  wardId: z.string(),
  /** Denormalised flag for the outbox sweep (true while audit or card work is pending). */
  outboxPending: z.boolean(),
  /** Denormalised search key (normalised name, reading and code) for 検索. */
  searchKey: z.string().default(''),
  record,
  handoffs: z.array(handoff),
  /** Added after the first documents were written: absent means no consent recorded yet. */
  consents: z.array(consent).default([]),
  processedActions: z.array(z.object({ key: z.string(), result: z.string(), at: iso })),
  pendingAudit: z.array(auditEntry),
  /** Added with the transition milestones (issue 4): absent means no 完了/延期 recorded yet. */
  milestones: z.array(z.object({ id: z.string(), status: z.enum(['done', 'postponed']), until: date.optional(), by: z.string(), byName: z.string().optional(), at: iso })).default([]),
  /** Added with monitoring and accompaniment records (issue 4): absent means none. */
  contacts: z.array(contact).default([]),
  monitoring: monitoringPlan.optional(),
  /** Channel cards of other departments' milestones (issue 4): absent means none posted. */
  milestoneCards: z.array(milestoneCard).default([]),
  /** Denormalised flag for releasing parked cards when the app is added back to a team (issue 4). */
  parkedCards: z.boolean().default(false),
  /** Added with handoff packages (issue 5): absent means none yet. */
  carePlan: carePlan.optional(),
  packages: z.array(packageHandoff).default([]),
  /** Added with the standard-work checklist (issue 7): absent means no item done yet. */
  workDone: z.array(z.object({ itemId: z.string().min(1).max(100), by: z.string(), at: iso })).default([]),
  /** Added with the 見通し record form (issue 7): absent means not recorded. */
  entitlements: z
    .object({
      servicesInUse: z.array(z.object({ serviceId: z.string().min(1).max(100), renewalDue: date.optional() })),
      certificates: z.array(z.object({ kind: z.enum(CERTIFICATE_KINDS), grade: z.number().int().min(1).max(7).optional() })),
      by: z.string(),
      at: iso,
    })
    .optional(),
  /** Added with disaster readiness (issue 11): absent means no 非常時情報 recorded. */
  emergencyProfile: emergencyProfile.optional(),
});
export type CaseFileDocument = z.infer<typeof caseFileDocument>;

export const auditDocument = auditEntry.extend({ schemaVersion: z.literal(1) });

/** Cosmos drops `undefined` fields on write; optional fields come back absent, which the domain types allow. */
export function toCaseFile(doc: CaseFileDocument): CaseFile {
  const { record: r, handoffs, processedActions, pendingAudit, consents, milestones, carePlan: plan, packages, contacts, monitoring, milestoneCards, workDone, entitlements, emergencyProfile: profile } = doc;
  return {
    ...(profile ? { emergencyProfile: toStoredProfile(profile) } : {}),
    record: { ...r, assignedCoordinator: r.assignedCoordinator, enrolment: r.enrolment, devices: r.devices.map((d) => ({ kind: d.kind, batteryHours: d.batteryHours })) },
    handoffs: handoffs.map((h) => ({ ...h, placements: h.placements.map((p) => ({ ...p, activityId: p.activityId, conversation: { ...p.conversation, tenantId: p.conversation.tenantId, channelId: p.conversation.channelId } })) })),
    consents,
    processedActions,
    pendingAudit: pendingAudit.map((a) => ({ ...a, conversationId: a.conversationId })),
    milestones,
    contacts,
    workDone,
    ...(entitlements
      ? { entitlements: { ...entitlements, servicesInUse: entitlements.servicesInUse.map((s) => (s.renewalDue ? { serviceId: s.serviceId, renewalDue: s.renewalDue } : { serviceId: s.serviceId })), certificates: entitlements.certificates.map((c) => ({ kind: c.kind, grade: c.grade })) } }
      : {}),
    ...(monitoring ? { monitoring } : {}),
    milestoneCards: milestoneCards.map((c) => ({ ...c, activityId: c.activityId, conversation: { ...c.conversation, tenantId: c.conversation.tenantId, channelId: c.conversation.channelId } })),
    ...(plan ? { carePlan: { ...plan, confirmedOn: plan.confirmedOn } } : {}),
    packages: packages.map((p) => ({
      ...p,
      package: fromSnapshot(p.package),
      placements: p.placements.map((pl) => ({ ...pl, activityId: pl.activityId, conversation: { ...pl.conversation, tenantId: pl.conversation.tenantId, channelId: pl.conversation.channelId } })),
    })),
  };
}

function fromSnapshot(s: z.infer<typeof packageSnapshot>): HandoffPackage {
  const { basic, medicalCare, emergency, family } = s.sections;
  return {
    ...s,
    sections: {
      ...(emergency ? { emergency } : {}),
      ...(family ? { family } : {}),
      ...(basic ? { basic: { ...basic, enrolment: basic.enrolment, coordinator: basic.coordinator } } : {}),
      ...(medicalCare ? { medicalCare: { ...medicalCare, devices: medicalCare.devices.map((d) => ({ kind: d.kind, batteryHours: d.batteryHours })) } } : {}),
    },
  };
}
