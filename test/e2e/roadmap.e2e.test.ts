/**
 * End to end (issue 7): on the embedded default with the fictional demo data, the desk nurse opens the
 * Playground and reads 見通し for each demo child (the staff card with the rule behind each row), then the
 * family version, which carries no internal notes: no staff names, no rule ids, no NOT FOUND, no links.
 */
import assert from 'node:assert/strict';
import { openPage } from '../support/browser';
import { startDemoPlayground, type DemoPlayground } from '../support/demoPlayground';
import { PlaygroundDriver } from '../support/playgroundDriver';
import { WARD } from '../support/activities';

describe('e2e: the roadmap (見通し) of each demo child in the Playground, staff and family versions', function () {
  this.timeout(180_000);
  let demo: DemoPlayground | undefined;

  // The desk nurse (相談窓口) holds every case, so she can read each demo child's roadmap.
  before(async () => {
    demo = await startDemoPlayground('roadmap', 0);
  });
  after(async () => demo?.stop());

  it('when the desk asks 見通し for each of the three demo children, then each staff card lists dated rows with their rule, and each family version has no internal notes', async () => {
    const ui = await PlaygroundDriver.attach(await openPage(demo!.browser, demo!.playground.url));
    await ui.openPersonalChat();
    const year = new Date(Date.now() + 9 * 3600_000).getUTCFullYear();
    const staffNames = WARD.users.map((u) => u.name);
    const families: string[] = [];
    for (const n of [1, 2, 3]) {
      const code = `${year}-000${n}`;
      await ui.sendMessage(`見通し ${code}`);
      const staff = await (await ui.waitForCardText(`見通し ${code}`, 15_000)).innerText();
      assert.match(staff, /\d{4}[-/年]\d{1,2}/, `${code}: the staff card has dated rows`);
      assert.match(staff, /根拠：\S+/, `${code}: each row names the rule behind it`);
      assert.match(staff, /制度データ .*・移行データ /, `${code}: the staff card names the data versions`);

      await ui.sendMessage(`見通し ${code} 家族`);
      const family = await (await ui.waitForCardTextCount('これからの見通し（ご家族用）', n, 15_000)).innerText();
      assert.ok(family.trim().length > 40, `${code}: the family version is readable`);
      for (const internal of [...staffNames, 'eligibility.', 'NOT FOUND', 'https://', '架空 陽太', '架空 さくら', '架空 蓮']) {
        assert.ok(!family.includes(internal), `${code}: the family version has no "${internal}"`);
      }
      families.push(family);
    }
    // Three children of different ages (6, 2 and 9): three different family roadmaps, not one card read thrice.
    assert.equal(new Set(families).size, 3, 'each child has its own family version');
  });
});
