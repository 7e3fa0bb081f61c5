import type { OrganisationKey } from '../../domain/directory';
import { parsePeriod, type ReportPeriod } from '../../domain/stats/period';
/** Text commands, Japanese first. Matching ignores mentions, width (全角/半角), case and spacing. */
export type Command =
  | { kind: 'newHandoff' }
  | { kind: 'help' }
  | { kind: 'language'; language: 'ja' | 'en' }
  | { kind: 'caseView'; code: string | undefined }
  | { kind: 'auditCase'; code: string | undefined }
  | { kind: 'consent'; code: string | undefined }
  | { kind: 'caseEdit'; code: string | undefined }
  | { kind: 'carePlan'; code: string | undefined }
  | { kind: 'roadmap'; code: string | undefined; family: boolean }
  | { kind: 'services'; text: string }
  | { kind: 'sendPackage'; code: string | undefined; organisation: OrganisationKey | undefined }
  | { kind: 'myCases' }
  | { kind: 'search'; text: string }
  | { kind: 'auditUser'; user: string }
  | { kind: 'milestones'; code: string | undefined }
  | { kind: 'digest' }
  | { kind: 'issueForm'; list: boolean }
  | { kind: 'agenda' }
  /**
   * Disaster readiness (issue 11), one kind listed once in the manifest (安否確認, whose description names
   * 非常時 too): 非常時 <案件番号> (the emergency profile) and 安否確認 [開始 [理由] [地区…] | 終了] (roll-call).
   */
  | { kind: 'disaster'; what: DisasterCommand }
  | { kind: 'conference'; code: string | undefined; badCode: boolean }
  /** 統計 [四半期] [地区]: `period` is 'invalid' when something looking like a quarter could not be read. */
  | { kind: 'stats'; period: ReportPeriod | { invalid: string } | undefined; district: string | undefined }
  | { kind: 'unknown'; text: string };

/** 安否確認 開始 [理由] [地区…]: the reason words (the first word after 開始 when it is one of them). */
const ROLL_CALL_REASON_WORDS = { 地震: 'earthquake', 停電: 'powerOutage', 水害: 'flood', 洪水: 'flood', 台風: 'typhoon', 訓練: 'drill', earthquake: 'earthquake', outage: 'powerOutage', flood: 'flood', typhoon: 'typhoon', drill: 'drill' } as const;
export type RollCallReasonWord = (typeof ROLL_CALL_REASON_WORDS)[keyof typeof ROLL_CALL_REASON_WORDS];
export type DisasterCommand =
  | { readonly kind: 'emergencyProfile'; readonly code: string | undefined }
  | { readonly kind: 'rollCall'; readonly action: 'status' | 'start' | 'close'; readonly reason: RollCallReasonWord | undefined; readonly districts: readonly string[] };

/** 非常時 <案件番号> / 安否確認 [開始 [理由] [地区…] | 終了] (issue 11). */
function parseDisasterCommand(t: string): Command | undefined {
  const emergency = /^(?:非常時|非常時情報|emergency)(?:\s+(\S+))?$/.exec(t);
  if (emergency) return { kind: 'disaster', what: { kind: 'emergencyProfile', code: emergency[1] && CODE.test(emergency[1]) ? emergency[1] : undefined } };
  const rollCall = /^(?:安否確認|roll ?call)(?:\s+(.*))?$/.exec(t);
  if (!rollCall) return undefined;
  const [verb, ...rest] = (rollCall[1] ?? '').split(' ').filter(Boolean);
  if (verb === undefined) return { kind: 'disaster', what: { kind: 'rollCall', action: 'status', reason: undefined, districts: [] } };
  if (verb === '終了' || verb === 'close' || verb === 'end') return { kind: 'disaster', what: { kind: 'rollCall', action: 'close', reason: undefined, districts: [] } };
  if (verb !== '開始' && verb !== 'start') return { kind: 'unknown', text: [...t].slice(0, 40).join('') };
  const first = rest[0];
  const reason = first !== undefined && first in ROLL_CALL_REASON_WORDS ? ROLL_CALL_REASON_WORDS[first as keyof typeof ROLL_CALL_REASON_WORDS] : undefined;
  const districts = (reason ? rest.slice(1) : rest).map((d) => [...d].slice(0, 40).join('')).slice(0, 31);
  return { kind: 'disaster', what: { kind: 'rollCall', action: 'start', reason, districts } };
}

export function normaliseCommandText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const CODE = /^\d{4}-\d{4,}$/;

/** Receivers of handoff packages by their Japanese name or key (normalised text). */
const RECEIVERS: Readonly<Record<string, OrganisationKey>> = {
  保育: 'nursery', 保育園: 'nursery', nursery: 'nursery',
  学校: 'school', 小学校: 'school', 中学校: 'school', school: 'school',
  あいキッズ: 'aikids', aikids: 'aikids',
  健康福祉センター: 'healthCentre', healthcentre: 'healthCentre',
  障がい児支援係: 'casework', casework: 'casework',
  子ども家庭総合支援センター: 'familySupport', familysupport: 'familySupport',
};
function receiverOf(text: string | undefined): OrganisationKey | undefined {
  return text === undefined ? undefined : RECEIVERS[text];
}
const NEW_HANDOFF = new Set(['新規引継ぎ', '新規引き継ぎ', '新規引継', '引継ぎ', 'new handoff', 'newhandoff', 'handoff']);
const HELP = new Set(['ヘルプ', 'help', '?', '使い方', 'へるぷ']);
const TO_EN = new Set(['言語 英語', '言語 english', 'language english', 'language en', 'english']);
const TO_JA = new Set(['言語 日本語', '言語 japanese', 'language japanese', 'language ja', '日本語']);
const ISSUE = new Set(['課題', '課題を記録', '困りごと', 'issue', 'record issue']);
const AGENDA = new Set(['議題', 'agenda']);
const ISSUE_LIST = new Set(['課題 一覧', '課題一覧', '課題 いちらん', 'issues', 'issue list']);
const DIGEST = new Set(['今日の予定', 'きょうの予定', 'digest', 'today']);

export function parseCommand(text: string): Command {
  const t = normaliseCommandText(text);
  const disaster = parseDisasterCommand(t);
  if (disaster) return disaster;
  if (NEW_HANDOFF.has(t)) return { kind: 'newHandoff' };
  if (HELP.has(t) || t === '') return { kind: 'help' };
  if (TO_EN.has(t)) return { kind: 'language', language: 'en' };
  if (TO_JA.has(t)) return { kind: 'language', language: 'ja' };
  const caseMatch = /^(?:案件|case)(?:\s+(\S+))?$/.exec(t);
  if (caseMatch) return { kind: 'caseView', code: caseMatch[1] && CODE.test(caseMatch[1]) ? caseMatch[1] : undefined };
  if (t === '担当案件' || t === 'my cases' || t === 'mycases') return { kind: 'myCases' };
  if (DIGEST.has(t)) return { kind: 'digest' };
  if (ISSUE.has(t)) return { kind: 'issueForm', list: false };
  if (ISSUE_LIST.has(t)) return { kind: 'issueForm', list: true };
  if (AGENDA.has(t)) return { kind: 'agenda' };
  // 予定 alone is your digest (今日の予定); 予定 <案件番号> is one case's steps (asks for the code when it is not one).
  if (t === '予定' || t === 'milestones') return { kind: 'digest' };
  const milestonesMatch = /^(?:予定|milestones)\s+(.+)$/.exec(t);
  if (milestonesMatch) return { kind: 'milestones', code: milestonesMatch[1] && CODE.test(milestonesMatch[1]) ? milestonesMatch[1] : undefined };
  const searchMatch = /^(?:検索|search)(?:\s+(.+))?$/.exec(t);
  if (searchMatch) return { kind: 'search', text: [...(searchMatch[1] ?? '')].slice(0, 40).join('') };
  const roadmapMatch = /^(?:見通し|roadmap)(?:\s+(\S+))?(?:\s+(家族|family))?$/.exec(t);
  if (roadmapMatch) return { kind: 'roadmap', code: roadmapMatch[1] && CODE.test(roadmapMatch[1]) ? roadmapMatch[1] : undefined, family: roadmapMatch[2] !== undefined };
  const servicesMatch = /^(?:制度|services?)(?:\s+(.+))?$/.exec(t);
  if (servicesMatch) return { kind: 'services', text: [...(servicesMatch[1] ?? '')].slice(0, 40).join('') };
  const planMatch = /^(?:ケア計画|care ?plan)(?:\s+(\S+))?$/.exec(t);
  if (planMatch) return { kind: 'carePlan', code: planMatch[1] && CODE.test(planMatch[1]) ? planMatch[1] : undefined };
  const sendMatch = /^(?:引継ぎ送付|引き継ぎ送付|send ?package)(?:\s+(\S+))?(?:\s+(\S+))?$/.exec(t);
  if (sendMatch) return { kind: 'sendPackage', code: sendMatch[1] && CODE.test(sendMatch[1]) ? sendMatch[1] : undefined, organisation: receiverOf(sendMatch[2]) };
  const editMatch = /^(?:編集|edit)(?:\s+(\S+))?$/.exec(t);
  if (editMatch) return { kind: 'caseEdit', code: editMatch[1] && CODE.test(editMatch[1]) ? editMatch[1] : undefined };
  const consentMatch = /^(?:同意|consent)(?:\s+(\S+))?$/.exec(t);
  if (consentMatch) return { kind: 'consent', code: consentMatch[1] && CODE.test(consentMatch[1]) ? consentMatch[1] : undefined };
  // 会議調整 alone: the ward conference (secretariat); with a case code: that case's conference.
  const conferenceMatch = /^(?:会議調整|schedule ?meeting)(?:\s+(\S+))?$/.exec(t);
  if (conferenceMatch) return { kind: 'conference', code: conferenceMatch[1] && CODE.test(conferenceMatch[1]) ? conferenceMatch[1] : undefined, badCode: conferenceMatch[1] !== undefined && !CODE.test(conferenceMatch[1]) };
  const statsMatch = /^(?:統計|stats)(?:\s+(.+))?$/.exec(t);
  if (statsMatch) return statsCommand(statsMatch[1]);
  const auditUser = /^(?:監査|audit)\s+(?:利用者|user)\s+(\S{1,100})$/.exec(t);
  if (auditUser?.[1]) return { kind: 'auditUser', user: auditUser[1] };
  const auditCase = /^(?:監査|audit)(?:\s+(\S+))?$/.exec(t);
  if (auditCase) return { kind: 'auditCase', code: auditCase[1] && CODE.test(auditCase[1]) ? auditCase[1] : undefined };
  return { kind: 'unknown', text: [...t].slice(0, 40).join('') };
}

/**
 * The words after 統計: a quarter (2026Q2, 2026年度 第2四半期 — spaces allowed), a district, or a quarter
 * then a district. Anything starting with four digits is taken as an attempt at a quarter.
 */
function statsCommand(rest: string | undefined): Command {
  const words = (rest ?? '').split(' ').filter(Boolean).map((w) => [...w].slice(0, 40).join(''));
  if (words.length === 0) return { kind: 'stats', period: undefined, district: undefined };
  for (let n = words.length; n >= 1; n--) {
    const period = parsePeriod(words.slice(0, n).join(''));
    if (period) return { kind: 'stats', period, district: words.length > n ? words.slice(n).join(' ') : undefined };
  }
  if (/^\d{4}/.test(words[0] ?? '')) return { kind: 'stats', period: { invalid: words[0] ?? '' }, district: undefined };
  return { kind: 'stats', period: undefined, district: words.join(' ') };
}

/** Every kind of command the bot understands (the manifest must list a command for each but unknown). */
export const COMMAND_KINDS = ['issueForm', 'agenda', 'roadmap', 'services', 'carePlan', 'sendPackage', 'newHandoff', 'help', 'language', 'myCases', 'search', 'caseView', 'caseEdit', 'consent', 'auditCase', 'auditUser', 'milestones', 'digest', 'disaster', 'conference', 'stats'] as const satisfies readonly Exclude<Command['kind'], 'unknown'>[];

/**
 * Commands as listed in the Teams manifest (a test checks the manifest lists each of them). Teams shows at
 * most 10 per command list, so one title may reach two commands: 監査 (by case / 利用者 <ID>) and 予定
 * (alone: the digest, 今日の予定; with a code: that case's steps).
 */
export const MAX_MANIFEST_COMMANDS = 10;
/**
 * The commands listed in the Teams manifest, per command list: channels and group chats get the few that
 * work there; personal chat (where case data is shown) gets the rest. Teams allows 10 per list.
 */
export const MANIFEST_COMMAND_LISTS = [
  {
    scopes: ['team', 'groupChat'],
    ja: [
      { title: "新規引継ぎ", description: "相談窓口からコーディネーターへ新しい案件を引き継ぎます" },
      { title: "ヘルプ", description: "つなぐでできることを表示します" },
      { title: "言語 英語", description: "表示言語を英語にします" },
      { title: "監査", description: "監査 <案件番号> / 監査 利用者 <ID>: 監査記録（管理者・個人チャット）" },
      { title: "制度", description: "制度 <ことば>: 使える制度を探します（例: 制度 吸引、制度 レスパイト）" },
      { title: "安否確認", description: "安否確認 開始 [地区] / 安否確認 終了: 災害時の安否確認（非常時情報は 非常時 <案件番号>）" },
      { title: "課題", description: "課題 / 課題 一覧: 課題・困りごとを記録します（案件なし・個人が分かることは書かない）/ 一覧で状態を変えます" },
      { title: "議題", description: "会議事務局: 重症心身障がい・医療的ケア児等会議の議題を作り、公開し、結果を記録します" },
      { title: "会議調整", description: "会議調整 [案件番号]: 支援会議（案件番号あり・個人チャット）/ 区の会議（事務局）の日程を調整します" },
      { title: "統計", description: "統計 [四半期] [地区]: 医療的ケア児の統計（障がい児支援係・会議事務局。氏名なし）" },
    ],
    en: [
      { title: "new handoff", description: "Hand a new case from the desk to the coordinators" },
      { title: "help", description: "Show what Tsunagu can do" },
      { title: "language japanese", description: "Switch the display language to Japanese" },
      { title: "audit", description: "audit <case code> / audit user <id>: audit trail (administrators, personal chat)" },
      { title: "services", description: "services <words>: find support systems (e.g. services suction)" },
      { title: "rollcall", description: "rollcall start [district] / rollcall close: disaster roll-call (emergency profile: emergency <case code>)" },
      { title: "issue", description: "issue / issue list: record an issue families meet (no case; nothing that identifies a person) / see and update the stock" },
      { title: "agenda", description: "Secretariat: build, publish and close the conference agenda" },
      { title: "schedule meeting", description: "schedule meeting [case code]: schedule a case conference (with a code, personal chat) or the ward conference (secretariat)" },
      { title: "stats", description: "stats [quarter] [district]: statistics of the children (case workers and the secretary; no names)" },
    ],
  },
  {
    scopes: ['personal'],
    ja: [
      { title: "新規引継ぎ", description: "相談窓口からコーディネーターへ新しい案件を引き継ぎます" },
      { title: "見通し", description: "見通し <案件番号> [家族]: この先24か月の移行・使える制度・更新（家族版も）" },
      { title: "担当案件", description: "自分が担当する案件を緊急度の高い順に表示します" },
      { title: "予定", description: "予定: 担当案件の期限切れ・30日以内・90日以内の予定 / 予定 <案件番号>: その案件の移行の予定" },
      { title: "検索", description: "検索 <氏名・ふりがな・案件番号>: 案件を探します" },
      { title: "案件", description: "案件 <案件番号>: 案件の詳細を表示します" },
      { title: "編集", description: "編集 <案件番号>: 案件の詳細を編集します" },
      { title: "ケア計画", description: "ケア計画 <案件番号>: 受け入れ先に渡す手順・緊急時対応などを書きます" },
      { title: "同意", description: "同意 <案件番号>: 共有の同意を記録・撤回します" },
      { title: "引継ぎ送付", description: "引継ぎ送付 <案件番号> <送り先>: 引継ぎパッケージを送ります" },
    ],
    en: [
      { title: "new handoff", description: "Hand a new case from the desk to the coordinators" },
      { title: "roadmap", description: "roadmap <case code> [family]: the next 24 months: transitions, systems, renewals (family version too)" },
      { title: "my cases", description: "The cases you are assigned to, most urgent first" },
      { title: "milestones", description: "milestones: overdue and coming steps in your cases / milestones <case code>: that case's transition steps" },
      { title: "search", description: "search <name, reading or case code>: find cases" },
      { title: "case", description: "case <case code>: show the case details" },
      { title: "edit", description: "edit <case code>: edit the case details" },
      { title: "care plan", description: "care plan <case code>: procedures, emergencies and wishes for receivers" },
      { title: "consent", description: "consent <case code>: record or revoke consent to share" },
      { title: "send package", description: "send package <case code> <receiver>: send the handoff package" },
    ],
  },
] as const;

/** Every listed command, in both languages (for checks that the bot understands them). */
type ManifestCommand = { readonly title: string; readonly description: string };
export const MANIFEST_COMMANDS: { readonly ja: readonly ManifestCommand[]; readonly en: readonly ManifestCommand[] } = {
  ja: MANIFEST_COMMAND_LISTS.flatMap((l): readonly ManifestCommand[] => l.ja),
  en: MANIFEST_COMMAND_LISTS.flatMap((l): readonly ManifestCommand[] => l.en),
};
