import type { FreeBusyStatus } from '../../../domain/meetings/freeBusy';
import type { WardDirectoryFile } from '../../directory/jsonWardDirectory';

/**
 * Fictional (架空) calendars for the embedded demo: a few recurring weekly commitments per person of
 * config/ward.embedded.json, so that free/busy has something to avoid. Recurring, not dated, so the demo
 * never runs out of busy time. Subjects are generic duties — no person or case appears in them.
 */

export interface StandInUser {
  /** Entra object id (Graph accepts /users/{id} or /users/{userPrincipalName}). */
  readonly id: string;
  readonly upn: string;
  readonly displayName: string;
}

export interface WeeklyBusyBlock {
  readonly upn: string;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** "HH:MM", Tokyo time. */
  readonly from: string;
  readonly to: string;
  readonly status: FreeBusyStatus;
  readonly subject: string;
}

export function standInUsersOf(directory: WardDirectoryFile): StandInUser[] {
  return directory.users.map((u) => ({ id: u.aadObjectId, upn: u.upn, displayName: u.name }));
}

const MON = 1;
const TUE = 2;
const WED = 3;
const THU = 4;
const FRI = 5;
const everyWeekday = (upn: string, from: string, to: string, subject: string): WeeklyBusyBlock[] =>
  [MON, TUE, WED, THU, FRI].map((weekday) => ({ upn, weekday, from, to, status: 'busy', subject }));

/** The demo users' weekly commitments (by UPN in config/ward.embedded.json). */
export const DEMO_WEEKLY_BUSY: readonly WeeklyBusyBlock[] = Object.freeze([
  ...everyWeekday('hanako.sato@itabashi.example', '09:00', '10:00', '窓口当番'),
  { upn: 'ichiro.suzuki@itabashi.example', weekday: TUE, from: '13:00', to: '15:00', status: 'busy', subject: '家庭訪問' },
  { upn: 'ichiro.suzuki@itabashi.example', weekday: THU, from: '10:00', to: '11:30', status: 'busy', subject: '係内打合せ' },
  { upn: 'misaki.takahashi@itabashi.example', weekday: MON, from: '14:00', to: '16:00', status: 'busy', subject: '家庭訪問' },
  { upn: 'misaki.takahashi@itabashi.example', weekday: WED, from: '09:30', to: '12:00', status: 'oof', subject: '研修' },
  { upn: 'ken.tanaka@itabashi.example', weekday: MON, from: '10:00', to: '12:00', status: 'busy', subject: '係内会議' },
  { upn: 'ken.tanaka@itabashi.example', weekday: FRI, from: '13:00', to: '17:00', status: 'oof', subject: '外勤' },
  { upn: 'sakura.ito@itabashi.example', weekday: TUE, from: '09:00', to: '11:00', status: 'busy', subject: '園訪問' },
  { upn: 'sakura.ito@itabashi.example', weekday: THU, from: '15:00', to: '16:00', status: 'tentative', subject: '課内打合せ（仮）' },
  { upn: 'sho.watanabe@itabashi.example', weekday: WED, from: '13:00', to: '15:00', status: 'busy', subject: '学校訪問' },
  { upn: 'sho.watanabe@itabashi.example', weekday: FRI, from: '09:00', to: '10:30', status: 'busy', subject: '課内会議' },
  { upn: 'yoko.yamamoto@itabashi.example', weekday: TUE, from: '14:00', to: '17:00', status: 'busy', subject: 'あいキッズ巡回' },
  { upn: 'yoko.yamamoto@itabashi.example', weekday: THU, from: '14:00', to: '17:00', status: 'busy', subject: 'あいキッズ巡回' },
  { upn: 'rie.nakamura@itabashi.example', weekday: MON, from: '13:30', to: '16:30', status: 'busy', subject: '乳幼児健診' },
  { upn: 'rie.nakamura@itabashi.example', weekday: WED, from: '09:00', to: '12:00', status: 'busy', subject: '訪問指導' },
  { upn: 'osamu.kobayashi@itabashi.example', weekday: THU, from: '13:00', to: '14:00', status: 'busy', subject: '事務局打合せ' },
  { upn: 'makoto.kato@itabashi.example', weekday: FRI, from: '15:00', to: '16:00', status: 'busy', subject: 'システム定例' },
]);
