import assert from 'node:assert/strict';
import { ACTIONS, isAllowed, type Relationship } from '../../../src/domain/authorisation';
import { ROLES, type Actor, type OrganisationKey, type Role } from '../../../src/domain/directory';
import { ActorMother } from '../support/actorMother';

/**
 * The full permission matrix, written from the rules (not from the source):
 * - handoff.create: desk, caseWorker or coordinator role;
 * - handoff.accept / handoff.decline: target 'coordinators' → coordinator role; target 'desk' → desk role;
 *   any other target → the actor's organisation is that target and the actor is a liaison or caseWorker there;
 * - handoff.viewMinimal: any actor with at least one role;
 * - case.viewDetails and consent.manage: the assigned coordinator (a coordinator assigned to the case), desk or caseWorker;
 * - audit.view: administrators only;
 * - conference.case: like case.viewDetails (the people holding the case); conference.ward: the secretariat only;
 * - package.send and package.answer: like case.viewDetails; package.respond: like handoff.accept (the receiving organisation).
 *
 * A cell is either a boolean (the relationship does not matter — checked for every relationship) or a table
 * over the relationship that matters. The matrix is keyed by the source's ROLES and ACTIONS, so a new role or
 * action without an expected row makes this test fail.
 */
type ByTarget = { readonly coordinators: boolean; readonly desk: boolean; readonly casework: boolean; readonly nursery: boolean };
type ByAssignment = { readonly assigned: boolean; readonly notAssigned: boolean };
type Cell = boolean | { readonly byTarget: ByTarget } | { readonly byAssignment: ByAssignment };
interface Row {
  readonly actor: Actor;
  readonly expected: Readonly<Record<string, Cell>>;
}

const T = true;
const F = false;
const target = (coordinators: boolean, desk: boolean, casework: boolean, nursery: boolean): Cell => ({ byTarget: { coordinators, desk, casework, nursery } });
const assignment = (assigned: boolean, notAssigned: boolean): Cell => ({ byAssignment: { assigned, notAssigned } });

/** One row per role in ROLES (with the organisation such a person has in the ward), keyed by the role. */
const BY_ROLE: Readonly<Record<string, Row>> = {
  desk: {
    actor: ActorMother.with(['desk'], 'desk', 'desk'),
    expected: { 'handoff.create': T, 'handoff.accept': target(F, T, F, F), 'handoff.decline': target(F, T, F, F), 'handoff.viewMinimal': T, 'case.viewDetails': assignment(T, T), 'consent.manage': assignment(T, T), 'package.send': assignment(T, T), 'package.answer': assignment(T, T), 'package.respond': target(F, T, F, F), 'audit.view': F, 'conference.case': assignment(T, T), 'conference.ward': F },
  },
  coordinator: {
    actor: ActorMother.with(['coordinator'], 'coordinators', 'coordinator'),
    expected: { 'handoff.create': T, 'handoff.accept': target(T, F, F, F), 'handoff.decline': target(T, F, F, F), 'handoff.viewMinimal': T, 'case.viewDetails': assignment(T, F), 'consent.manage': assignment(T, F), 'package.send': assignment(T, F), 'package.answer': assignment(T, F), 'package.respond': target(T, F, F, F), 'audit.view': F, 'conference.case': assignment(T, F), 'conference.ward': F },
  },
  caseWorker: {
    actor: ActorMother.with(['caseWorker'], 'casework', 'caseworker'),
    expected: { 'handoff.create': T, 'handoff.accept': target(F, F, T, F), 'handoff.decline': target(F, F, T, F), 'handoff.viewMinimal': T, 'case.viewDetails': assignment(T, T), 'consent.manage': assignment(T, T), 'package.send': assignment(T, T), 'package.answer': assignment(T, T), 'package.respond': target(F, F, T, F), 'audit.view': F, 'conference.case': assignment(T, T), 'conference.ward': F },
  },
  liaison: {
    actor: ActorMother.with(['liaison'], 'nursery', 'liaison'),
    expected: { 'handoff.create': F, 'handoff.accept': target(F, F, F, T), 'handoff.decline': target(F, F, F, T), 'handoff.viewMinimal': T, 'case.viewDetails': assignment(F, F), 'consent.manage': assignment(F, F), 'package.send': assignment(F, F), 'package.answer': assignment(F, F), 'package.respond': target(F, F, F, T), 'audit.view': F, 'conference.case': assignment(F, F), 'conference.ward': F },
  },
  secretary: {
    actor: ActorMother.with(['secretary'], 'secretariat', 'secretary'),
    expected: { 'handoff.create': F, 'handoff.accept': target(F, F, F, F), 'handoff.decline': target(F, F, F, F), 'handoff.viewMinimal': T, 'case.viewDetails': assignment(F, F), 'consent.manage': assignment(F, F), 'package.send': assignment(F, F), 'package.answer': assignment(F, F), 'package.respond': target(F, F, F, F), 'audit.view': F, 'conference.case': assignment(F, F), 'conference.ward': T },
  },
  admin: {
    // In the embedded ward the administrator sits in casework, but only liaisons and case workers receive there.
    actor: ActorMother.with(['admin'], 'casework', 'admin'),
    expected: { 'handoff.create': F, 'handoff.accept': target(F, F, F, F), 'handoff.decline': target(F, F, F, F), 'handoff.viewMinimal': T, 'case.viewDetails': assignment(F, F), 'consent.manage': assignment(F, F), 'package.send': assignment(F, F), 'package.answer': assignment(F, F), 'package.respond': target(F, F, F, F), 'audit.view': T, 'conference.case': assignment(F, F), 'conference.ward': F },
  },
};

/** Rows that probe the rules beyond one role each. */
const EXTRA_ROWS: Readonly<Record<string, Row>> = {
  'no roles at all': {
    actor: ActorMother.with([], undefined, 'nobody'),
    expected: { 'handoff.create': F, 'handoff.accept': target(F, F, F, F), 'handoff.decline': target(F, F, F, F), 'handoff.viewMinimal': F, 'case.viewDetails': assignment(F, F), 'consent.manage': assignment(F, F), 'package.send': assignment(F, F), 'package.answer': assignment(F, F), 'package.respond': target(F, F, F, F), 'audit.view': F, 'conference.case': assignment(F, F), 'conference.ward': F },
  },
  'liaison sitting in the coordinators organisation (no coordinator role)': {
    actor: ActorMother.with(['liaison'], 'coordinators', 'liaison-coord'),
    expected: { 'handoff.create': F, 'handoff.accept': target(F, F, F, F), 'handoff.decline': target(F, F, F, F), 'handoff.viewMinimal': T, 'case.viewDetails': assignment(F, F), 'consent.manage': assignment(F, F), 'package.send': assignment(F, F), 'package.answer': assignment(F, F), 'package.respond': target(F, F, F, F), 'audit.view': F, 'conference.case': assignment(F, F), 'conference.ward': F },
  },
  'liaison sitting in the desk organisation (no desk role)': {
    actor: ActorMother.with(['liaison'], 'desk', 'liaison-desk'),
    expected: { 'handoff.create': F, 'handoff.accept': target(F, F, F, F), 'handoff.decline': target(F, F, F, F), 'handoff.viewMinimal': T, 'case.viewDetails': assignment(F, F), 'consent.manage': assignment(F, F), 'package.send': assignment(F, F), 'package.answer': assignment(F, F), 'package.respond': target(F, F, F, F), 'audit.view': F, 'conference.case': assignment(F, F), 'conference.ward': F },
  },
  'coordinator who also has the desk role': {
    actor: ActorMother.with(['coordinator', 'desk'], 'coordinators', 'coord-desk'),
    expected: { 'handoff.create': T, 'handoff.accept': target(T, T, F, F), 'handoff.decline': target(T, T, F, F), 'handoff.viewMinimal': T, 'case.viewDetails': assignment(T, T), 'consent.manage': assignment(T, T), 'package.send': assignment(T, T), 'package.answer': assignment(T, T), 'package.respond': target(T, T, F, F), 'audit.view': F, 'conference.case': assignment(T, T), 'conference.ward': F },
  },
};

const TARGETS = ['coordinators', 'desk', 'casework', 'nursery'] as const satisfies readonly OrganisationKey[];
const RELATIONSHIPS: readonly Relationship[] = [
  {},
  ...TARGETS.flatMap((t) => [{ handoffTarget: t, isAssignedCoordinator: false }, { handoffTarget: t, isAssignedCoordinator: true }]),
  { isAssignedCoordinator: true },
  { isAssignedCoordinator: false },
];

function expectedFor(cell: Cell, rel: Relationship): boolean {
  if (typeof cell === 'boolean') return cell;
  if ('byTarget' in cell) return rel.handoffTarget === undefined ? false : cell.byTarget[rel.handoffTarget as keyof ByTarget];
  return rel.isAssignedCoordinator === true ? cell.byAssignment.assigned : cell.byAssignment.notAssigned;
}

function mismatches(row: Row): string[] {
  const out: string[] = [];
  for (const action of ACTIONS) {
    const cell = row.expected[action];
    if (cell === undefined) {
      out.push(`${action}: no expected cell in the matrix (add one)`);
      continue;
    }
    for (const rel of RELATIONSHIPS) {
      const want = expectedFor(cell, rel);
      const got = isAllowed(row.actor, action, rel);
      if (got !== want) out.push(`${action} ${JSON.stringify(rel)}: expected ${want}, got ${got}`);
    }
  }
  const stale = Object.keys(row.expected).filter((a) => !(ACTIONS as readonly string[]).includes(a));
  for (const a of stale) out.push(`${a}: expected cell for an action that does not exist`);
  return out;
}

describe('domain/authorisation: isAllowed, full matrix (ROLES × ACTIONS × relationships)', () => {
  for (const role of ROLES) {
    it(`when the actor has only the role ${role}, then every action and relationship matches the matrix`, () => {
      const row = BY_ROLE[role];
      assert.ok(row, `the matrix has no row for role "${role}": add one`);
      assert.deepEqual(row.actor.roles, [role satisfies Role]);
      assert.deepEqual(mismatches(row), []);
    });
  }

  it('when the matrix is compared with ROLES, then it has no row for a role that does not exist', () => {
    assert.deepEqual(Object.keys(BY_ROLE).filter((r) => !(ROLES as readonly string[]).includes(r)), []);
  });

  for (const [name, row] of Object.entries(EXTRA_ROWS)) {
    it(`when the actor is a ${name}, then every action and relationship matches the matrix`, () => {
      assert.deepEqual(mismatches(row), []);
    });
  }

  it('when no relationship is given, then accept and decline are refused even to a coordinator', () => {
    assert.equal(isAllowed(ActorMother.coordinator(), 'handoff.accept'), false);
    assert.equal(isAllowed(ActorMother.coordinator(), 'handoff.decline'), false);
  });

  it('when a liaison of the school is asked about a nursery handoff, then it is refused; about a school handoff, allowed', () => {
    const school = ActorMother.liaison('school');
    assert.equal(isAllowed(school, 'handoff.accept', { handoffTarget: 'nursery' }), false);
    assert.equal(isAllowed(school, 'handoff.accept', { handoffTarget: 'school' }), true);
  });
});
