import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import { projectRoot } from '../projectRoot';

/** The card templates in cards/ (one file each, sample data beside it as <name>.data.json). */
export const CARD_TEMPLATES = ['help', 'notice', 'handoffForm', 'handoff', 'caseDetails', 'auditTrail', 'consent', 'caseEdit', 'caseList', 'milestones', 'milestoneChannel', 'handoffPackage', 'carePlanEdit', 'printLinks', 'roadmap', 'familyRoadmap', 'serviceLookup', 'issueForm', 'issueList', 'agenda', 'agendaOutcomes', 'followUpReminder', 'emergencyProfile', 'rollCallGroup', 'rollCallSummary', 'rollCallPriority', 'conferenceForm', 'conference', 'stats', 'statsCsvLink'] as const;
export type CardTemplateName = (typeof CARD_TEMPLATES)[number];

export const CARDS_DIR = join(projectRoot(), 'cards');

const cache = new Map<CardTemplateName, ACData.Template>();

function template(name: CardTemplateName): ACData.Template {
  let t = cache.get(name);
  if (!t) {
    t = new ACData.Template(JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8')));
    cache.set(name, t);
  }
  return t;
}

/** Expands a template with its data into an Adaptive Card (plain JSON). */
export function expandCard(name: CardTemplateName, data: object): Record<string, unknown> {
  return withoutNulls(template(name).expand({ $root: data })) as Record<string, unknown>;
}

/** `$when` on a property leaves it as null: drop such properties so the card stays schema-valid. */
function withoutNulls(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutNulls);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

export function cardAttachment(name: CardTemplateName, data: object): Attachment {
  return CardFactory.adaptiveCard(expandCard(name, data));
}
