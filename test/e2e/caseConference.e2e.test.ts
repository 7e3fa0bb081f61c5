/**
 * End to end (issue 6): on the embedded default with the fictional demo data, the coordinator 鈴木 (fictional,
 * assigned to the first demo case) opens the Playground, types 会議調整 <案件番号>, picks three people from
 * different departments (保育, 健康福祉センター, 学校), asks for times, chooses the first one, and gets a card
 * with the Teams join link — the event was created once in the calendar stand-in through GraphCalendar.
 */
import assert from 'node:assert/strict';
import { openPage } from '../support/browser';
import { startDemoPlayground, type DemoPlayground } from '../support/demoPlayground';
import { PlaygroundDriver } from '../support/playgroundDriver';

describe('e2e: a coordinator schedules a case conference in the Playground', function () {
  this.timeout(180_000);
  let demo: DemoPlayground | undefined;

  before(async () => {
    demo = await startDemoPlayground('conference', 1); // userIndex 1 = 鈴木 一郎 (coordinator, fictional)
  });
  after(async () => demo?.stop());

  it('when 鈴木 schedules a case conference for three people from different departments, then the card shows the time and a join link, and one Teams meeting is in the calendar', async () => {
    const ui = await PlaygroundDriver.attach(await openPage(demo!.browser, demo!.playground.url));
    await ui.openPersonalChat();
    const year = new Date(Date.now() + 9 * 3600_000).getUTCFullYear();
    const code = `${year}-0001`;
    await ui.sendMessage(`会議調整 ${code}`);
    const form = await ui.waitForCardText(`支援会議の日程調整（案件 ${code}）`, 15_000);
    await ui.chooseChoices('保育', ['伊藤 さくら（保育サービス課・架空）'], form);
    await ui.chooseChoices('健康福祉センター', ['中村 理恵（健康福祉センター・架空）'], form);
    await ui.chooseChoices('学校', ['渡辺 翔（学務課・架空）'], form);
    await ui.clickCardAction('候補を探す', form);

    const proposals = await ui.waitForCardText('日時を選ぶと Teams 会議として', 20_000);
    const first = proposals.getByRole('button', { name: /^\d{4}\/\d{2}\/\d{2}（.）\d{2}:\d{2}–\d{2}:\d{2}$/ }).first();
    const chosen = (await first.innerText()).trim();
    await first.click();

    const card = await ui.waitForCardText('予定表に登録し、参加者に招待を送りました。', 20_000);
    const text = await card.innerText();
    assert.ok(text.includes(chosen), `the card shows the chosen time ${chosen}: ${text}`);
    for (const name of ['伊藤 さくら', '中村 理恵', '渡辺 翔']) assert.ok(text.includes(name), `${name} is invited`);
    // Action.OpenUrl: the Playground renders it as a button or a link with its title.
    const join = card.getByRole('button', { name: 'Teams 会議に参加' }).or(card.getByRole('link', { name: 'Teams 会議に参加' })).or(card.getByText('Teams 会議に参加', { exact: true }));
    assert.ok((await join.count()) >= 1, `the card offers the join link: ${text}`);

    const events = demo!.app.calendarStandIn!.eventsOf('ichiro.suzuki@itabashi.example');
    assert.equal(events.length, 1, 'one Teams meeting in the organiser’s calendar');
    assert.equal(events[0]!.subject, `支援会議 ${code}`);
    assert.match(events[0]!.joinUrl ?? '', /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    assert.deepEqual(events[0]!.attendees.map((a) => a.address).sort(), ['rie.nakamura@itabashi.example', 'sakura.ito@itabashi.example', 'sho.watanabe@itabashi.example']);
  });
});
