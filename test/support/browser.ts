/**
 * Headless Chromium for the e2e tests: the Debian package at /usr/bin/chromium (or CHROMIUM_PATH), never a
 * downloaded browser.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`BROWSER.NOT_FOUND: no Chromium at ${executablePath}; apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
}

export interface PageOptions {
  /** Browser language: the card renderer formats dates with it (ja-JP → 2026年12月24日). */
  readonly locale?: string;
  readonly timezoneId?: string;
}

/** A fresh context and page at `url` (Japanese, Tokyo time, 1400×900 so the log panel does not squeeze the chat). */
export async function openPage(browser: Browser, url: string, options: PageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: options.locale ?? 'ja-JP',
    timezoneId: options.timezoneId ?? 'Asia/Tokyo',
  });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  await browser?.close();
}
