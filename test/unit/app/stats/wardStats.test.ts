import assert from 'node:assert/strict';
import { caseFileStatsSource } from '../../../../src/app/stats/caseFileStatsSource';
import { mayViewStats, statsAuditSubject, wardStats, type WardStatsDeps } from '../../../../src/app/stats/wardStats';
import type { AuditEntry } from '../../../../src/domain/audit';
import type { CaseFile } from '../../../../src/domain/caseFile';
import type { Actor, Role } from '../../../../src/domain/directory';
import { parsePeriod } from '../../../../src/domain/stats/period';
import { fixtureSettings, Q3_2026, StatsMother } from '../../domain/stats/statsMother';

const actor = (...roles: Role[]): Actor => ({ aadObjectId: `a-${roles.join('-')}`, displayName: '架空 職員', roles, organisation: roles.includes('caseWorker') ? 'casework' : 'secretariat' });
const at = (iso: string) => ({ now: () => new Date(iso) });

function deps(over: Partial<WardStatsDeps> = {}, files: CaseFile[] = StatsMother.caseFiles()): WardStatsDeps & { reads: string[]; trail: AuditEntry[] } {
  const reads: string[] = [];
  const trail: AuditEntry[] = [];
  return {
    reads,
    trail,
    audit: {
      append: async (entries) => void trail.push(...entries),
      listForCase: async () => [],
      listForActor: async () => [],
    },
    source: caseFileStatsSource(async (wardId) => {
      reads.push(wardId);
      return files;
    }),
    clock: at('2027-01-15T01:00:00Z'),
    wardId: 'itabashi',
    settings: fixtureSettings(),
    population: 'fictional',
    ...over,
  };
}

describe('app/stats: 統計 for the ward', () => {
  describe('who may see it', () => {
    for (const roles of [['caseWorker'], ['secretary'], ['coordinator', 'secretary']] as Role[][]) {
      it(`when ${roles.join('+')} asks, then the report comes back`, async () => {
        const out = await wardStats(deps(), { actor: actor(...roles) });
        assert.equal(out.kind, 'report');
      });
    }
    for (const roles of [['coordinator'], ['desk'], ['liaison'], ['admin'], []] as Role[][]) {
      it(`when ${roles.join('+') || 'someone without a role'} asks, then it is refused and no case is read`, async () => {
        const d = deps();
        assert.deepEqual(await wardStats(d, { actor: actor(...roles) }), { kind: 'notAuthorised' });
        assert.deepEqual(d.reads, []);
        assert.equal(mayViewStats(actor(...roles)), false);
      });
    }
  });

  describe('what the audit trail records', () => {
    it('when a case worker views a district, then one read entry goes to the ward statistics trail (no case trail), naming the quarter', async () => {
      const d = deps();
      await wardStats(d, { actor: actor('caseWorker'), district: '板橋', conversationId: 'conv-1' });
      assert.equal(d.trail.length, 1);
      const e = d.trail[0]!;
      assert.deepEqual(
        { caseId: e.caseId, actor: e.actor, operation: e.operation, action: e.action, fields: e.fields, conversationId: e.conversationId, at: e.at },
        { caseId: statsAuditSubject('itabashi'), actor: 'a-caseWorker', operation: 'read', action: 'stats.view', fields: ['stats.2026Q3', 'stats.district'], conversationId: 'conv-1', at: '2027-01-15T01:00:00.000Z' },
      );
      assert.equal(statsAuditSubject('itabashi'), 'itabashi:stats');
    });
    it('when the request is refused (role, quarter not ended, unknown district), then nothing is recorded', async () => {
      const d = deps();
      await wardStats(d, { actor: actor('coordinator') });
      await wardStats(d, { actor: actor('secretary'), period: { schoolYear: 2026, quarter: 4 } });
      await wardStats(d, { actor: actor('secretary'), district: '練馬' });
      assert.deepEqual(d.trail, []);
    });
  });

  describe('which quarter', () => {
    it('when no quarter is given on 2027-01-15, then the last ended one (2026年度 Q3) is reported', async () => {
      const out = await wardStats(deps(), { actor: actor('secretary') });
      assert.ok(out.kind === 'report');
      assert.deepEqual(out.report.period, Q3_2026);
      assert.equal(out.report.tables.lifeStage.grandTotal?.kind === 'value' && out.report.tables.lifeStage.grandTotal.value, 28);
    });
    it('when the current quarter is asked for, then it is refused until it ends, with the last ended one offered', async () => {
      const out = await wardStats(deps(), { actor: actor('secretary'), period: { schoolYear: 2026, quarter: 4 } });
      assert.deepEqual(out, { kind: 'periodNotEnded', period: { schoolYear: 2026, quarter: 4 }, lastEnded: Q3_2026 });
    });
    it('when the quarter ends today (Tokyo), then it has not ended yet', async () => {
      const out = await wardStats(deps({ clock: at('2026-12-31T14:59:00Z') }), { actor: actor('secretary'), period: Q3_2026 });
      assert.equal(out.kind, 'periodNotEnded');
      const next = await wardStats(deps({ clock: at('2026-12-31T15:00:00Z') }), { actor: actor('secretary'), period: Q3_2026 });
      assert.equal(next.kind, 'report', 'from 00:00 JST on 1 January');
    });
    it('when people type a quarter, then the usual forms are understood', () => {
      for (const text of ['2026Q3', '2026-Q3', '2026年度Q3', '2026年度第3四半期', '２０２６年度 第３四半期', '2026q3']) assert.deepEqual(parsePeriod(text), Q3_2026, text);
      for (const text of ['2026', '2026Q5', '2026年10月', 'Q3']) assert.equal(parsePeriod(text), undefined, text);
    });
  });

  describe('which cases and which district', () => {
    it('when the ward counts real cases, then fictional ones are left out (here: all of them)', async () => {
      const out = await wardStats(deps({ population: 'real' }), { actor: actor('caseWorker') });
      assert.ok(out.kind === 'report');
      assert.equal(out.report.fictional, false);
      assert.deepEqual(out.report.tables.lifeStage.grandTotal, { kind: 'value', value: 0 });
    });
    it('when a configured district is asked for, then the report comes with that district; an unknown one lists the districts', async () => {
      const ok = await wardStats(deps(), { actor: actor('caseWorker'), district: ' 板橋 ' });
      assert.ok(ok.kind === 'report');
      assert.equal(ok.district, '板橋');
      const unknown = await wardStats(deps(), { actor: actor('caseWorker'), district: '練馬' });
      assert.ok(unknown.kind === 'unknownDistrict');
      assert.deepEqual(unknown.districts, ['板橋', '常盤台', '志村', '赤塚', '高島平', '#other', '#unset']);
    });
    it('when the source holds files of another ward, then they are not counted', async () => {
      const other = StatsMother.caseFiles().map((f) => ({ ...f, record: { ...f.record, wardId: 'nerima' } }));
      const out = await wardStats(deps({}, [...StatsMother.caseFiles(), ...other]), { actor: actor('caseWorker') });
      assert.ok(out.kind === 'report');
      assert.deepEqual(out.report.tables.lifeStage.grandTotal, { kind: 'value', value: 28 });
    });
    it('when an extension source adds a table (the issue stock to come), then it is protected with the rest', async () => {
      const out = await wardStats(
        deps({
          extensions: {
            extensionFor: async () => ({ tables: [{ id: 'ext.issues.byCategoryStatus', unit: 'issues', rowKeys: ['school', 'care'], colKeys: ['open', 'closed'], counts: [[2, 7], [6, 9]], margins: 'both' }] }),
          },
        }),
        { actor: actor('secretary') },
      );
      assert.ok(out.kind === 'report');
      const ext = out.report.extensions[0];
      assert.equal(ext?.id, 'ext.issues.byCategoryStatus');
      assert.deepEqual(ext?.cells[0]?.[0], { kind: 'suppressed' });
      assert.equal(ext?.cells.flat().filter((c) => c.kind === 'suppressed').length, 4, 'the 2 and a rectangle of complements');
    });
  });
});
