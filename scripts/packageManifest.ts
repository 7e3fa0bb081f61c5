/**
 * Builds the Teams app package: `npm run package` → manifest/build/tsunagu.zip with manifest.json,
 * en-us.json, color.png and outline.png at the root of the zip.
 *
 * The bot id placeholder 00000000-0000-0000-0000-000000000000 in manifest/manifest.json is replaced with
 * BOT_ID (or MicrosoftAppId when BOT_ID is not set): the client id of the bot's managed identity, output
 * `botAppId` of infra/main.bicep. Nothing else in the manifest is changed (the version is not bumped).
 *
 * The zip is written here with node:zlib (deflateRawSync + crc32), no archive dependency: local file
 * headers, central directory and end-of-central-directory record (PKZIP APPNOTE 6.3, no zip64, no
 * data descriptors). Entries carry a fixed timestamp, so the same inputs give the same bytes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

export const BOT_ID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';
const PACKAGE_FILES = ['manifest.json', 'en-us.json', 'color.png', 'outline.png'] as const;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ROOT = resolve(__dirname, '..');

export interface AppPackageOptions {
  /** Folder with manifest.json, en-us.json and the icons. Default: manifest/ of this repository. */
  readonly manifestDir?: string;
  /** Where the zip is written. Default: manifest/build/tsunagu.zip of this repository. */
  readonly outFile?: string;
  /** The bot's Microsoft App ID (a GUID). Without it the placeholder stays and the package cannot be installed. */
  readonly botId?: string | undefined;
}

export interface AppPackage {
  readonly outFile: string;
  readonly entries: readonly string[];
  /** The bot id written into manifest.json (the placeholder when none was given). */
  readonly botId: string;
}

class PackageError extends Error {
  readonly code = 'PACKAGE.INVALID';
}

/** BOT_ID, else MicrosoftAppId; empty values count as not given. */
export function botIdFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.BOT_ID?.trim() || env.MicrosoftAppId?.trim();
  return value || undefined;
}

export function buildAppPackage(options: AppPackageOptions = {}): AppPackage {
  const manifestDir = resolve(options.manifestDir ?? join(ROOT, 'manifest'));
  const outFile = resolve(options.outFile ?? join(ROOT, 'manifest', 'build', 'tsunagu.zip'));
  const botId = options.botId?.trim() || undefined;
  if (botId !== undefined && !GUID.test(botId)) {
    throw new PackageError(
      `BOT_ID must be a GUID such as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (got "${botId}"). Set BOT_ID to the bot's Microsoft App ID: the client id of its managed identity, output botAppId of infra/main.bicep.`,
    );
  }

  const manifestText = readFileSync(join(manifestDir, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(manifestText) as { bots?: { botId?: string }[] };
  const botIds = (manifest.bots ?? []).map((b) => b.botId);
  if (botIds.length === 0) throw new PackageError('manifest.json has no bots[].botId to set.');
  let packagedText = manifestText;
  if (botId !== undefined) {
    if (!botIds.includes(BOT_ID_PLACEHOLDER)) {
      throw new PackageError(`manifest.json has no bot id placeholder ${BOT_ID_PLACEHOLDER} to replace with BOT_ID (bots[].botId is ${botIds.join(', ')}). Restore the placeholder in manifest/manifest.json.`);
    }
    // A textual replacement keeps every other byte of the checked-in manifest as it is.
    packagedText = manifestText.split(BOT_ID_PLACEHOLDER).join(botId);
  }
  const packagedBotId = (JSON.parse(packagedText) as { bots: { botId: string }[] }).bots[0]?.botId ?? BOT_ID_PLACEHOLDER;

  const entries = PACKAGE_FILES.map((name) => ({ name, data: name === 'manifest.json' ? Buffer.from(packagedText, 'utf8') : readFileSync(join(manifestDir, name)) }));
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip(entries));
  return { outFile, entries: entries.map((e) => e.name), botId: packagedBotId };
}

// ---------------------------------------------------------------------------------------------------------
// A minimal PKZIP writer.

/** 1980-01-01 00:00:00 in MS-DOS date/time format: fixed, so builds are reproducible. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const VERSION = 20; // 2.0: deflate

function zip(files: readonly { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const deflated = deflateRawSync(file.data, { level: 9 });
    const stored = deflated.length >= file.data.length;
    const body = stored ? file.data : deflated;
    const method = stored ? 0 : 8;
    const crc = crc32(file.data) >>> 0;
    const flags = /^[\x20-\x7e]*$/.test(file.name) ? 0 : 0x0800; // bit 11: the name is UTF-8

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION, 4); // made by: MS-DOS attributes, spec 2.0
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30); // extra field length
    central.writeUInt16LE(0, 32); // comment length
    central.writeUInt16LE(0, 34); // disk number start
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4); // this disk
  end.writeUInt16LE(0, 6); // disk with the central directory
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20); // comment length
  return Buffer.concat([...locals, centralDirectory, end]);
}

if (require.main === module) {
  try {
    const result = buildAppPackage({ botId: botIdFromEnv(process.env) });
    process.stdout.write(`wrote ${result.outFile} (${result.entries.join(', ')}) with bot id ${result.botId}\n`);
    if (result.botId === BOT_ID_PLACEHOLDER) {
      process.stderr.write(`warning: BOT_ID is not set, so the package keeps the placeholder bot id and Teams will not reach the bot. Run: BOT_ID=<botAppId output of infra/main.bicep> npm run package\n`);
    }
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
