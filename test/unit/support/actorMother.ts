import type { Actor, OrganisationKey, Role } from '../../../src/domain/directory';

/** Fictional staff of the ward (架空), as the directory would resolve them. */
export const ActorMother = {
  desk(): Actor {
    return { aadObjectId: '00000000-0000-4000-8000-00000000d001', displayName: '佐藤 花子（相談窓口・架空）', roles: ['desk'], organisation: 'desk' };
  },
  coordinator(n: 1 | 2 = 1): Actor {
    return { aadObjectId: `00000000-0000-4000-8000-00000000c00${n}`, displayName: `架空コーディネーター${n}`, roles: ['coordinator'], organisation: 'coordinators' };
  },
  caseWorker(): Actor {
    return { aadObjectId: '00000000-0000-4000-8000-00000000a001', displayName: '田中 健（障がい児支援係・架空）', roles: ['caseWorker'], organisation: 'casework' };
  },
  liaison(organisation: OrganisationKey = 'nursery'): Actor {
    return { aadObjectId: `liaison-${organisation}-fictional`, displayName: `架空連絡担当（${organisation}）`, roles: ['liaison'], organisation };
  },
  secretary(): Actor {
    return { aadObjectId: '00000000-0000-4000-8000-00000000e001', displayName: '小林 修（会議事務局・架空）', roles: ['secretary'], organisation: 'secretariat' };
  },
  with(roles: readonly Role[], organisation: OrganisationKey | undefined, id = 'custom'): Actor {
    return { aadObjectId: `00000000-0000-4000-8000-${id}`, displayName: `架空（${roles.join('+') || 'no role'}）`, roles, organisation };
  },
};
