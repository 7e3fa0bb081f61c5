/**
 * Component (issue 8): 統計 through the real app in-process — the bot, the Cosmos StatsCaseSource on the
 * embedded stand-in, the audit trail and the CSV route — with the fixed fictional ward of the statistics
 * (StatsMother: 30 case files, 2026年度 Q3) stored in it and the clock on 2027-01-15.
 */
import assert from 'node:assert/strict';
import { CosmosIssueRepository } from '../../src/adapters/cosmos/cosmosIssues';
import { readIssueCategoriesFile } from '../../src/adapters/services/issueCategoriesData';
import { newIssue } from '../../src/domain/issues/issue';
import { issueTables } from '../../src/domain/issues/issueStats';
import { periodRange } from '../../src/domain/stats/period';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holidayJpCalendar } from '../../src/adapters/calendar/holidayJpCalendar';
import { readTransitionDataFile } from '../../src/adapters/calendar/transitionData';
import { statsCardData } from '../../src/adapters/charts/statsCard';
import { statsLabels } from '../../src/adapters/charts/statsLabels';
import { expandCard } from '../../src/adapters/teams/cardRenderer';
import { buildStatsReport } from '../../src/domain/stats/report';
import type { DistrictKey } from '../../src/domain/stats/statsCase';
import { Activities, sendToBot, WARD, type UserKey } from '../support/activities';
import { actionData, cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import { TestClock } from '../support/reminders';
import { pngOfDataUri, readPng } from '../unit/adapters/charts/pngReader';
import { DISTRICTS, Q3_2026, StatsMother } from '../unit/domain/stats/statsMother';

const personal = (h: Harness, from: UserKey, text: string) => sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, from, text));
const inChannel = (h: Harness, from: UserKey, text: string) => sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, from, 'casework', text));
function press(h: Harness, from: UserKey, data: Record<string, unknown>, where: 'personal' | 'channel') {
  const click = Activities.cardAction(h.connector.url, from, where === 'personal' ? `a:personal-${from}` : '19:casework@thread.tacv2;messageid=1', '1', 'stats.csv', data);
  return sendToBot(h.botUrl, where === 'personal' ? { ...click, conversation: { ...click.conversation, conversationType: 'personal', isGroup: false } } : click);
}

/** The card of the last activity the bot sent (a reply in the conversation). */
async function lastCard(h: Harness, before: number): Promise<Record<string, unknown>> {
  await eventually(() => h.connector.sent.length > before, 5000, 'a reply');
  return (h.connector.sent[h.connector.sent.length - 1]!.activity.attachments as { content: Record<string, unknown> }[])[0]!.content;
}
async function ask(h: Harness, from: UserKey, text: string, where: 'personal' | 'channel' = 'personal'): Promise<Record<string, unknown>> {
  const n = h.connector.sent.length;
  await (where === 'personal' ? personal(h, from, text) : inChannel(h, from, text));
  return lastCard(h, n);
}

function valuesOf(node: unknown, prop: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) for (const x of node) valuesOf(x, prop, out);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) {
    if (k === prop) out.push(v);
    valuesOf(v, prop, out);
  }
  return out;
}
const factSets = (card: unknown) => valuesOf(card, 'facts') as { title: string; value: string }[][];

async function statsTrail(h: Harness): Promise<{ action: string; actor: string; fields: string[] }[]> {
  await h.app.outbox.idle();
  const { resources } = await h.app.store.container('audit').items.query<{ action: string; actor: string; fields: string[] }>({ query: 'SELECT c.action, c.actor, c.fields FROM c WHERE c.caseId = @c', parameters: [{ name: '@c', value: 'itabashi:stats' }] }, { partitionKey: 'itabashi:stats' }).fetchAll();
  return resources;
}
const aad = (key: UserKey) => WARD.users[{ desk: 0, coordinator1: 1, coordinator2: 2, caseWorker: 3, nurseryLiaison: 4, schoolLiaison: 5, secretary: 8, admin: 9 }[key]]!.aadObjectId;

describe('component: 統計 (statistics card, CSV export, audit)', function () {
  this.timeout(60_000);
  let h: Harness;
  let dir: string;
  const clock = new TestClock(Date.parse('2027-01-15T01:00:00Z'));
  const titles = Object.fromEntries(readTransitionDataFile().transitions.map((t) => [t.id, t.title]));
  // What the card must show: the same fixture ward computed directly, with the app's calendar and milestone data.
  // Issues of the stock (issue 6) in the quarter, stored in the app and counted in the same report.
  const taxonomy = readIssueCategoriesFile();
  const issueRows = ['medical', 'medical', 'respiteFamily', 'transport', 'medical', 'medical', 'medical', 'respiteFamily'].map((category, i) =>
    newIssue({ issueId: `issue-stats-${i}`, wardId: 'itabashi', caseId: undefined, caseCode: undefined, by: 'x', at: `2026-1${i % 3}-0${i + 1}T01:00:00.000Z`, fictional: true, input: { category, lifeStage: 'preschool', severity: 'medium', status: 'open', description: '（架空）', summary: '（架空）', raise: false } }),
  );
  const categoryNames = Object.fromEntries(taxonomy.categories.map((x) => [x.id, x.label]));
  const expected = buildStatsReport(StatsMother.cases(), Q3_2026, { minCellCount: 5, districts: DISTRICTS, calendar: holidayJpCalendar(), transitions: readTransitionDataFile() }, { tables: issueTables(issueRows, periodRange(Q3_2026), taxonomy.categories.map((x) => x.id)) });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagu-stats-'));
    const ward = JSON.parse(readFileSync('config/ward.embedded.json', 'utf8')) as Record<string, unknown>;
    const wardFile = join(dir, 'ward.json');
    writeFileSync(wardFile, JSON.stringify({ ...ward, statistics: { districts: DISTRICTS } }));
    h = await startHarness({ clock, env: { WARD_DIRECTORY_FILE: wardFile, STATS_MIN_CELL_COUNT: '5', RATE_LIMIT_PER_MINUTE: '10000', RATE_LIMIT_BURST: '10000' } });
    for (const file of StatsMother.caseFiles()) assert.equal(await h.app.repo.create(file), 'created');
    const issues = new CosmosIssueRepository(h.app.store.container('issues'));
    for (const issue of issueRows) assert.equal(await issues.create({ issue, pendingAudit: [] }), 'created');
  });
  after(async () => {
    await h.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when a case worker asks 統計 in personal chat, then the card holds the figures of the last ended quarter with a PNG chart per section, no name, and the view is audited once in the ward statistics trail', async () => {
    const before = (await statsTrail(h)).length;
    const card = await ask(h, 'caseWorker', '統計');
    const want = expandCard('stats', statsCardData(expected, statsLabels('ja', titles, categoryNames)));
    assert.deepEqual(factSets(card), factSets(want), 'every fact of every section is the directly computed one');
    const text = cardText(card);
    assert.match(text, /2026年度 第3四半期（2026-10-01〜2026-12-31）/);
    assert.match(text, /合計: 28/, 'the 28 children open at the end of the quarter');
    const images = valuesOf(card, 'url') as string[];
    assert.equal(images.length, 9, "7 sections of the cases and 2 of the issue stock");
    for (const u of images) assert.ok(readPng(pngOfDataUri(u)).width > 0, 'a PNG');
    const json = JSON.stringify(card);
    for (const name of StatsMother.names()) assert.ok(!json.includes(name), name);
    assert.deepEqual(actionData(card, 'stats.csv'), { year: 2026, quarter: 3 });
    const trail = await statsTrail(h);
    assert.equal(trail.length, before + 1);
    assert.deepEqual(trail.filter((e) => e.action === 'stats.view' && e.actor === aad('caseWorker')).at(-1)?.fields, ['stats.2026Q3', 'stats.ward']);
    const { resources: caseEntries } = await h.app.store.container('audit').items.query({ query: "SELECT VALUE COUNT(1) FROM c WHERE STARTSWITH(c.action, 'stats.') AND c.caseId != 'itabashi:stats'" }).fetchAll();
    assert.deepEqual(caseEntries, [0], 'no case trail gets a statistics entry');
  });

  it('when the secretary asks for a quarter and a district, then only that district’s column is shown', async () => {
    const card = await ask(h, 'secretary', '統計 2026年度 第3四半期 板橋');
    const want = expandCard('stats', statsCardData(expected, statsLabels('ja', titles, categoryNames), { district: '板橋' as DistrictKey }));
    assert.deepEqual(factSets(card), factSets(want));
    assert.match(cardText(card), /医療的ケア児 統計（つなぐ） — 板橋/);
    assert.equal(factSets(card).length, 4, 'the ward-only sections are left out');
    assert.deepEqual((await statsTrail(h)).filter((e) => e.actor === aad('secretary')).map((e) => e.fields), [['stats.2026Q3', 'stats.district']]);
  });

  for (const who of ['coordinator1', 'desk', 'schoolLiaison', 'admin'] as const) {
    it(`when ${who} asks 統計, then it is refused clearly and nothing is recorded`, async () => {
      const before = (await statsTrail(h)).length;
      const card = await ask(h, who, '統計');
      assert.match(cardText(card), /統計を見られるのは障がい児支援係の担当者と会議事務局だけです/);
      assert.equal((await statsTrail(h)).length, before);
    });
  }

  it('when the quarter cannot be read, has not ended, or the district is unknown, then a clear message says so and nothing is recorded', async () => {
    const before = (await statsTrail(h)).length;
    assert.match(cardText(await ask(h, 'caseWorker', '統計 2026Q5')), /「2026q5」は四半期として読めません/);
    assert.match(cardText(await ask(h, 'caseWorker', '統計 2026Q4')), /2026年度 第4四半期.*まだ終わっていない.*終わった最新の四半期は 2026年度 第3四半期/);
    assert.match(cardText(await ask(h, 'caseWorker', '統計 練馬')), /地区「練馬」は設定された地区一覧にありません。使える地区: 板橋、常盤台、志村、赤塚、高島平/);
    assert.equal((await statsTrail(h)).length, before);
  });

  it('when a case worker asks in a channel, then the same card is posted there in the ward language (it names nobody)', async () => {
    const card = await ask(h, 'caseWorker', '<at>Tsunagu</at> 統計', 'channel');
    assert.match(h.connector.sent[h.connector.sent.length - 1]!.conversationId, /^19:casework@thread\.tacv2/);
    assert.deepEqual(factSets(card), factSets(expandCard('stats', statsCardData(expected, statsLabels('ja', titles, categoryNames)))));
  });

  it('when CSVで書き出す is pressed in personal chat, then a one-time link comes; the file opens once as UTF-8 CSV with BOM and a Japanese file name, then is gone', async () => {
    const n = h.connector.sent.length;
    const res = await press(h, 'caseWorker', { year: 2026, quarter: 3 }, 'personal');
    assert.equal(res.body.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(res.body.value), /個人チャットにCSVのリンクを送りました/);
    const linkCard = await lastCard(h, n);
    const url = String((valuesOf(linkCard, 'url') as string[])[0]);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/stats\/csv\/[A-Za-z0-9_-]{32}$/);
    assert.match(cardText(linkCard), /1回だけ、10分間有効/);

    const first = await fetch(url);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(first.headers.get('cache-control'), 'no-store');
    const disposition = first.headers.get('content-disposition') ?? '';
    assert.match(disposition, /^attachment; filename="tsunagu-stats-2026Q3\.csv"; filename\*=UTF-8''/);
    assert.equal(decodeURIComponent(disposition.split("UTF-8''")[1] ?? ''), 'つなぐ統計_2026年度第3四半期.csv');
    const bytes = Buffer.from(await first.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
    const text = bytes.toString('utf8').slice(1);
    assert.match(text, /^医療的ケア児 統計（つなぐ）\r\n2026年度 第3四半期/);
    assert.match(text, /ライフステージ別の子ども（人、期末時点）\r\n区分,板橋,常盤台,志村,赤塚,高島平,/);
    assert.match(text, /\r\n合計,9,6,/, 'the district totals row');
    for (const name of StatsMother.names()) assert.ok(!text.includes(name), name);

    const second = await fetch(url);
    assert.equal(second.status, 410);
    assert.match(await second.text(), /使用済みか期限切れ/);
    const actions = (await statsTrail(h)).filter((e) => e.actor === aad('caseWorker')).map((e) => e.action);
    assert.equal(actions.filter((a) => a === 'stats.csvLink').length, 1);
    assert.equal(actions.filter((a) => a === 'stats.csv').length, 1, 'the download is recorded once; the refused second open is not');
  });

  it('when CSVで書き出す is pressed by someone without the role, for a quarter not ended, or in a channel without a personal chat, then no link is shown anywhere', async () => {
    const created = h.connector.created.length;
    const sent = h.connector.sent.length;
    const denied = await press(h, 'coordinator1', { year: 2026, quarter: 3 }, 'personal');
    assert.equal(denied.body.statusCode, 403);
    const notEnded = await press(h, 'caseWorker', { year: 2026, quarter: 4 }, 'personal');
    assert.equal(notEnded.body.statusCode, 400);
    const forged = await press(h, 'caseWorker', { year: 'x', quarter: 9 }, 'personal');
    assert.equal(forged.body.statusCode, 400);
    const channel = await press(h, 'secretary', { year: 2026, quarter: 3 }, 'channel');
    assert.equal(channel.body.statusCode, 409, 'the secretary has no personal chat with the bot yet: the link is not put in the channel');
    assert.equal(h.connector.sent.length, sent, 'no card sent');
    assert.equal(h.connector.created.length, created, 'no conversation started');
  });

  it('when a link is opened after its 10 minutes, then it is gone and nothing is recorded as downloaded', async () => {
    const n = h.connector.sent.length;
    await press(h, 'secretary', { year: 2026, quarter: 3 }, 'personal');
    const url = String((valuesOf(await lastCard(h, n), 'url') as string[])[0]);
    clock.advance(10 * 60_000 + 1000);
    try {
      assert.equal((await fetch(url)).status, 410);
    } finally {
      clock.advance(-(10 * 60_000 + 1000));
    }
    assert.equal((await statsTrail(h)).filter((e) => e.actor === aad('secretary') && e.action === 'stats.csv').length, 0);
  });

  it('when a made-up token is opened, then the route answers 410 without reading anything', async () => {
    const res = await fetch(`${h.app.url}/stats/csv/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    assert.equal(res.status, 410);
    assert.equal((await fetch(`${h.app.url}/stats/csv/..%2F..%2Fetc`)).status, 410);
  });
});
