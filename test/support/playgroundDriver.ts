/**
 * Page object for the Microsoft 365 Agents Playground 0.2.28 web UI (msteams channel).
 *
 * Layout, as seen: a left pane (region "Chat and Teams Channel") with tree items, the conversation pane in the
 * middle, and a log panel on the right that repeats every message text (so text locators are scoped to the
 * conversation pane). The pane itself has no landmark: it is the outermost element around the composer that
 * holds neither the left pane nor the log panel's "Clear logs" button.
 *
 * - Personal chat: composer + "Send Message"; newest message at the bottom.
 * - Channel: "Start a new post" composer + "Post"; newest post at the top, replies inside each post.
 *   The bot only receives channel posts that @mention it (as in Teams).
 * - Adaptive Cards are rendered by the Adaptive Cards SDK (`.ac-adaptiveCard`) with Fluent UI inputs; an
 *   Action.Execute replaces the card with the invoke response and shows a notice under it.
 * - Reloading the page loses everything shown so far: keep one page per test.
 */
import type { Locator, Page } from 'playwright-core';
import { DEFAULT_PLAYGROUND_BOT } from '../../src/adapters/embedded/playground/playgroundConfig';

type ConversationKind = 'chat' | 'channel';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Accessible name that starts with the label (required inputs and validation errors append text). */
const labelled = (label: string): RegExp => new RegExp(`^${escapeRegExp(label)}(\\s|$)`);

export class PlaygroundDriver {
  private kind: ConversationKind = 'chat';

  constructor(
    readonly page: Page,
    private readonly botName: string = DEFAULT_PLAYGROUND_BOT.name,
  ) {}

  /** Waits until the UI has loaded its conversation list. */
  static async attach(page: Page, botName?: string): Promise<PlaygroundDriver> {
    const driver = new PlaygroundDriver(page, botName);
    await driver.leftPane.getByRole('treeitem', { name: 'Personal Chat', exact: true }).waitFor();
    return driver;
  }

  get leftPane(): Locator {
    return this.page.getByRole('region', { name: 'Chat and Teams Channel' });
  }

  get chatPane(): Locator {
    return this.page
      .locator('div')
      .filter({ has: this.page.locator('[contenteditable="true"][role="textbox"]') })
      .filter({ hasNot: this.leftPane })
      .filter({ hasNot: this.page.getByRole('button', { name: 'Clear logs' }) })
      .first();
  }

  /** The composer for a new message (chat) or a new post (channel). */
  private get composer(): Locator {
    return this.chatPane.locator('[contenteditable="true"][role="textbox"]').first();
  }

  async openPersonalChat(): Promise<void> {
    await this.leftPane.getByRole('treeitem', { name: 'Personal Chat', exact: true }).click();
    await this.chatPane.getByRole('button', { name: 'Send Message', exact: true }).waitFor();
    await this.chatPane.getByRole('button', { name: 'Post', exact: true }).waitFor({ state: 'hidden' });
    this.kind = 'chat';
  }

  /** `channelName` as in the yml; the ward's general channel is shown as "General". */
  async openChannel(channelName: string): Promise<void> {
    const item = this.leftPane
      .getByRole('tree', { name: 'Teams Channel' })
      .getByRole('treeitem', { name: new RegExp(` - ${escapeRegExp(channelName)}$`) });
    await item.click();
    await this.chatPane.getByRole('button', { name: 'Post', exact: true }).waitFor();
    this.kind = 'channel';
  }

  /** Sends a chat message, or starts a channel post that @mentions the bot (unless mentionBot is false). */
  async sendMessage(text: string, options: { mentionBot?: boolean } = {}): Promise<void> {
    const composer = this.composer;
    await composer.click();
    if (this.kind === 'channel' && options.mentionBot !== false) {
      await this.page.keyboard.type('@');
      await this.page
        .getByRole('listbox', { name: 'Typeahead menu' })
        .getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(this.botName)}(\\s|$)`) })
        .click();
      await this.page.keyboard.insertText(' ');
    }
    await this.page.keyboard.insertText(text);
    const send = this.kind === 'channel' ? 'Post' : 'Send Message';
    await this.chatPane.getByRole('button', { name: send, exact: true }).click();
    await composer.filter({ hasText: /\S/ }).waitFor({ state: 'hidden' }); // the composer empties once sent
  }

  /** Top-level cards (not Action.ShowCard bodies) in the open conversation, in DOM order. */
  cardsInConversation(): Locator {
    return this.chatPane.locator('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)');
  }

  /** The newest card: the bottom one in a chat, the top one in a channel (newest post first). */
  lastCard(): Locator {
    const cards = this.cardsInConversation();
    return this.kind === 'channel' ? cards.first() : cards.last();
  }

  /** Waits for a card in the open conversation that shows `text`, and returns it. */
  async waitForCardText(text: string, timeoutMs = 10_000): Promise<Locator> {
    const card = this.cardsInConversation().filter({ hasText: text }).first();
    await card.waitFor({ state: 'visible', timeout: timeoutMs });
    return card;
  }

  /** Waits until `count` cards in the open conversation show `text` (the same card asked again), and returns the last. */
  async waitForCardTextCount(text: string, count: number, timeoutMs = 10_000): Promise<Locator> {
    const card = this.cardsInConversation().filter({ hasText: text }).nth(count - 1);
    await card.waitFor({ state: 'visible', timeout: timeoutMs });
    return card;
  }

  /** Waits for plain message text in the open conversation (never the log panel). */
  async waitForMessageText(text: string | RegExp, timeoutMs = 10_000): Promise<Locator> {
    const message = this.chatPane.getByText(text).first();
    await message.waitFor({ state: 'visible', timeout: timeoutMs });
    return message;
  }

  async fillText(label: string, value: string, card: Locator = this.lastCard()): Promise<void> {
    await card.getByRole('textbox', { name: labelled(label) }).fill(value);
  }

  /** Input.Date: types the date (local, YYYY/MM/DD parses the same in every time zone); the card sends YYYY-MM-DD. */
  async fillDate(label: string, isoDate: string, card: Locator = this.lastCard()): Promise<void> {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
    if (!match) throw new Error(`fillDate expects YYYY-MM-DD, got ${isoDate}`);
    const input = card.getByRole('combobox', { name: labelled(label) });
    await input.fill(`${match[1]}/${match[2]}/${match[3]}`);
    await input.press('Tab');
    if ((await input.inputValue()) === '') throw new Error(`fillDate: the date picker "${label}" did not accept ${isoDate}`);
  }

  /**
   * Input.ChoiceSet by label and choice titles: compact (combobox; single or multi-select), expanded
   * single (radio group) or expanded multi-select (check boxes). Choices not named are left as they are.
   */
  async chooseChoices(label: string, titles: readonly string[], card: Locator = this.lastCard()): Promise<void> {
    await card.getByText(label, { exact: true }).first().waitFor();
    const combobox = card.getByRole('combobox', { name: labelled(label) });
    const radios = card.getByRole('radiogroup', { name: labelled(label) });
    if ((await combobox.count()) > 0) {
      if ((await combobox.getAttribute('aria-expanded')) !== 'true') await combobox.click();
      const popup = this.page.locator(`[id="${await combobox.getAttribute('aria-controls')}"]`);
      for (const title of titles) {
        const single = popup.getByRole('option', { name: title, exact: true });
        const multi = popup.getByRole('menuitemcheckbox', { name: title, exact: true });
        const option = single.or(multi);
        if ((await multi.count()) > 0 && (await multi.getAttribute('aria-checked')) === 'true') continue;
        await option.click();
      }
      if ((await combobox.getAttribute('aria-expanded')) === 'true') await combobox.press('Escape');
    } else if ((await radios.count()) > 0) {
      const [title, ...rest] = titles;
      if (title === undefined || rest.length > 0) throw new Error(`chooseChoices: "${label}" is single-select`);
      await radios.getByRole('radio', { name: title, exact: true }).check();
    } else {
      for (const title of titles) {
        await card.getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(label)}\\s+${escapeRegExp(title)}(\\s|$)`) }).check();
      }
    }
  }

  async clickCardAction(title: string, card: Locator = this.lastCard()): Promise<void> {
    await card.getByRole('button', { name: title, exact: true }).click();
  }

  /**
   * The notice the Playground shows under a card after an Action.Execute: "Your response was sent to the app",
   * or the message of an error invoke response.
   */
  invokeNotice(card: Locator = this.lastCard()): Locator {
    return card
      .locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " fai-OutputCard ")][1]')
      .getByRole('button', { name: 'Dismiss Invoke Message' })
      .locator('xpath=..');
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }
}
