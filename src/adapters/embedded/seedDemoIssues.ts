import type { IssueRepository } from '../../app/issues/ports';
import { newIssue, type ValidIssueInput } from '../../domain/issues/issue';
import type { Clock } from '../../app/ports';

/**
 * Fictional (架空) issues for the embedded demo, raised for the next conference, so that 議題 has something to
 * show on a fresh machine. None is tied to a case and none names anybody. Seeded once (fixed ids).
 */
const DEMO_ISSUES: readonly (ValidIssueInput & { readonly id: string; readonly by: string })[] = [
  { id: 'issue-demo-respite', by: '00000000-0000-4000-8000-000000000002', category: 'respiteFamily', lifeStage: 'preschool', severity: 'high', status: 'open', description: '（架空）医療型短期入所の空きがなく、家族が数か月休めていない。', summary: '（架空）医療型短期入所の空きが足りない', raise: true },
  { id: 'issue-demo-school-trip', by: '00000000-0000-4000-8000-000000000006', category: 'childcareEducation', lifeStage: 'elementary', severity: 'medium', status: 'open', description: '（架空）校外学習に付き添える看護師が確保できず、保護者の付き添いが求められている。', summary: '（架空）校外学習に付き添う看護師がいない', raise: true },
  { id: 'issue-demo-transport', by: '00000000-0000-4000-8000-000000000003', category: 'transport', lifeStage: 'preschool', severity: 'medium', status: 'open', description: '（架空）人工呼吸器を使う子の通園送迎を引き受ける事業所がない。', summary: '（架空）呼吸器を使う子の通園送迎の担い手がいない', raise: true },
  { id: 'issue-demo-power', by: '00000000-0000-4000-8000-000000000002', category: 'disasterPower', lifeStage: 'infant', severity: 'low', status: 'open', description: '（架空）停電時の外部バッテリーの購入補助の対象がわかりにくい。', summary: '（架空）外部バッテリー補助の対象が分かりにくい', raise: false },
];

export async function seedDemoIssues(deps: { issues: IssueRepository; clock: Clock; wardId: string }): Promise<number> {
  const at = deps.clock.now().toISOString();
  let created = 0;
  for (const { id, by, ...input } of DEMO_ISSUES) {
    const issue = newIssue({ issueId: id, wardId: deps.wardId, caseId: undefined, caseCode: undefined, input, by, at, fictional: true });
    if ((await deps.issues.create({ issue, pendingAudit: [] })) === 'created') created++;
  }
  return created;
}
