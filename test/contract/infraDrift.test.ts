import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTAINERS } from '../../src/adapters/cosmos/cosmosStore';

/**
 * Drift between the app and infra/main.bicep, checked without compiling Bicep (no az CLI here).
 *
 * Which settings the app reads in azure mode is taken from the SOURCE TEXT of src/config/config.ts: the keys
 * of `common` and of `azureSchema` (which spreads `...common`). We parse text rather than import the zod
 * schema because config.ts deliberately exports no schema (only loadConfig), and widening src/ for a test
 * would be the tail wagging the dog. The parser understands object literals, strings and comments; if
 * config.ts changes shape so that it cannot find the two objects, these tests fail loudly, not silently.
 *
 * Each setting must appear as `name: '<KEY>'` in the web app's `appSettings` array, except the few listed
 * in NOT_SET_BY_BICEP, each with the reason and a check that the reason still holds.
 */

const CONFIG_TS = readFileSync('src/config/config.ts', 'utf8');
const BICEP = readFileSync('infra/main.bicep', 'utf8');

// --------------------------------------------------------------------------------------------------------
// A small scanner for TypeScript and Bicep source: finds the block opened at an index, skipping strings and
// comments, and splits an object literal into its top-level entries.

type Lang = 'ts' | 'bicep';

/** The source with comments blanked out (same length, so indices stay valid); strings are left intact. */
function withoutComments(src: string, lang: Lang): string {
  let out = '';
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    if (c === "'" || c === '"' || (c === '`' && lang === 'ts')) {
      const end = stringEnd(src, i);
      out += src.slice(i, end);
      i = end;
    } else if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i) === -1 ? src.length : src.indexOf('\n', i);
      out += ' '.repeat(end - i);
      i = end;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2) + 2;
      assert.ok(end > 1, 'unterminated block comment');
      out += src.slice(i, end).replace(/[^\n]/g, ' ');
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function stringEnd(src: string, start: number): number {
  const quote = src[start];
  for (let i = start + 1; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === quote) return i + 1;
  }
  throw new Error(`unterminated string at ${start}`);
}

/** Index just past the bracket that closes the one at `open` ({, [ or (). Strings are skipped; comments must be gone. */
function closeOf(src: string, open: number): number {
  const pairs: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
  const stack: string[] = [];
  for (let i = open; i < src.length; i++) {
    const c = src[i] ?? '';
    if (c === "'" || c === '"' || c === '`') {
      i = stringEnd(src, i) - 1;
    } else if (pairs[c]) {
      stack.push(pairs[c] ?? '');
    } else if (c === '}' || c === ']' || c === ')') {
      assert.equal(c, stack.pop(), `unbalanced ${c} at ${i}`);
      if (stack.length === 0) return i + 1;
    }
  }
  throw new Error(`no closing bracket for ${src[open]} at ${open}`);
}

/** The text of the bracketed block that starts at the first `{`/`[` at or after the end of `marker`. */
function blockAfter(src: string, marker: RegExp): string {
  const m = marker.exec(src);
  assert.ok(m, `found ${marker}`);
  const open = src.slice(m.index + m[0].length).search(/[{[]/) + m.index + m[0].length;
  return src.slice(open, closeOf(src, open));
}

/** Top-level entries of an object literal `{ ... }`: `key: value` pairs and `...spread`s. */
function objectEntries(block: string): { key: string; value: string }[] {
  const entries: { key: string; value: string }[] = [];
  const body = block.slice(1, -1);
  let start = 0;
  const flush = (end: number) => {
    const text = body.slice(start, end).trim();
    start = end + 1;
    if (!text) return;
    const spread = /^\.\.\.(\w+)$/.exec(text);
    if (spread) return entries.push({ key: `...${spread[1]}`, value: '' });
    const pair = /^([A-Za-z_$][\w$]*)\s*:\s*([\s\S]*)$/.exec(text);
    assert.ok(pair, `an object entry: ${text.slice(0, 60)}`);
    entries.push({ key: pair[1] ?? '', value: pair[2] ?? '' });
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "'" || c === '"' || c === '`') i = stringEnd(body, i) - 1;
    else if (c === '{' || c === '[' || c === '(') i = closeOf(body, i) - 1;
    else if (c === ',') flush(i);
  }
  flush(body.length);
  return entries;
}

// --------------------------------------------------------------------------------------------------------
// What the app reads (config.ts) and what the Bicep provides (main.bicep).

interface Setting {
  readonly key: string;
  readonly required: boolean;
  readonly hasDefault: boolean;
}

/** Keys of `common` and `azureSchema` in config.ts, with whether zod requires them. */
function azureSettings(configSource: string): Setting[] {
  const src = withoutComments(configSource, 'ts');
  const blocks: Record<string, string> = {
    common: blockAfter(src, /const common\s*=\s*/),
    azureSchema: blockAfter(src, /const azureSchema\s*=\s*z\.object\(\s*/),
  };
  const expand = (name: string): { key: string; value: string }[] =>
    objectEntries(blocks[name] ?? assert.fail(`no object ${name} in config.ts`)).flatMap((e) => (e.key.startsWith('...') ? expand(e.key.slice(3)) : [e]));
  return expand('azureSchema').map(({ key, value }) => {
    const hasDefault = /\.default\(/.test(value);
    const optional = /\.optional\(\)/.test(value);
    return { key, hasDefault, required: !hasDefault && !optional };
  });
}

/** `name: '<KEY>'` → value expression, for each entry of the appSettings array in the Bicep. */
function appSettings(bicepSource: string): Map<string, string> {
  const block = blockAfter(withoutComments(bicepSource, 'bicep'), /\bappSettings:\s*/);
  const settings = new Map<string, string>();
  for (const m of block.matchAll(/\{\s*name:\s*'([^']+)'\s*[,\n]\s*value:\s*([^\n}]+?)\s*\}/g)) {
    const [, name = '', value = ''] = m;
    assert.ok(!settings.has(name), `${name} is set once`);
    settings.set(name, value);
  }
  // Every `name:` in the array was understood as a { name, value } pair.
  assert.equal(settings.size, [...block.matchAll(/\bname:\s*'/g)].length, 'every app setting is a { name: \'...\', value: ... } pair');
  return settings;
}

interface Exclusion {
  readonly why: string;
  /** Throws when the reason no longer holds. */
  readonly stillTrue: (setting: Setting, provided: Map<string, string>) => void;
}

/** Settings the app reads that the Bicep deliberately does not set. Keep this list short. */
const NOT_SET_BY_BICEP: Record<string, Exclusion> = {
  PORT: {
    why: 'App Service sets PORT for the Node runtime and routes traffic to it; the schema default (3978) is for local runs',
    stillTrue: (s, provided) => {
      assert.ok(s.hasDefault, 'PORT has a default in config.ts');
      assert.ok(!provided.has('PORT'), 'PORT is not overridden in appSettings (App Service owns it)');
    },
  },
  MicrosoftAppCertificateThumbprint: {
    why: 'optional, only for MicrosoftAppType=SingleTenant; the Bicep deploys a UserAssignedMSI bot',
    stillTrue: (s, provided) => {
      assert.ok(!s.required, 'optional in config.ts');
      assert.equal(provided.get('MicrosoftAppType'), "'UserAssignedMSI'");
    },
  },
  MicrosoftAppCertificatePrivateKeyFile: {
    why: 'optional, only for MicrosoftAppType=SingleTenant; the Bicep deploys a UserAssignedMSI bot',
    stillTrue: (s, provided) => {
      assert.ok(!s.required, 'optional in config.ts');
      assert.equal(provided.get('MicrosoftAppType'), "'UserAssignedMSI'");
    },
  },
};

/** Settings read in azure mode and neither provided by the Bicep nor excluded for a reason. */
function missingSettings(configSource: string, bicepSource: string): string[] {
  const provided = appSettings(bicepSource);
  return azureSettings(configSource)
    .filter((s) => !provided.has(s.key) && !(s.key in NOT_SET_BY_BICEP))
    .map((s) => s.key);
}

// --------------------------------------------------------------------------------------------------------
// Resources in the Bicep.

/** The body of `resource <symbol> '<type>@<version>' = ...` (the first one of that type). */
function resourceBlock(type: string): { symbol: string; body: string } {
  const src = withoutComments(BICEP, 'bicep');
  const m = new RegExp(`resource (\\w+) '${type.replace(/[/.]/g, '\\$&')}@[\\w-]+'( existing)? =`).exec(src);
  assert.ok(m, `infra/main.bicep declares a ${type} resource`);
  return { symbol: m[1] ?? '', body: blockAfter(src.slice(m.index), /=\s*/) };
}

function bicepContainers(): { id: string; paths: string[] }[] {
  const block = blockAfter(withoutComments(BICEP, 'bicep'), /\bvar cosmosContainers\s*=\s*/);
  return [...block.matchAll(/id:\s*'([^']+)'[\s,]*partitionKeyPaths:\s*\[([^\]]*)\]/g)].map((m) => ({
    id: m[1] ?? '',
    paths: [...(m[2] ?? '').matchAll(/'([^']+)'/g)].map((p) => p[1] ?? ''),
  }));
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

describe('contract: infra/main.bicep provides what the app needs', () => {
  it('when config.ts is parsed, then the azure settings are found (the parser still understands the file)', () => {
    const keys = azureSettings(CONFIG_TS).map((s) => s.key);
    for (const k of ['TSUNAGU_MODE', 'MicrosoftAppId', 'COSMOS_ENDPOINT', 'AZURE_CLIENT_ID', 'ROLE_GROUPS', 'PORT', 'COSMOS_DATABASE']) assert.ok(keys.includes(k), `${k} found`);
    assert.ok(!keys.includes('DATA_DIR') && !keys.includes('SEED_DEMO_DATA'), 'embedded-only settings are not part of azure mode');
  });

  it('when the app settings are compared with the azure config schema, then every setting the app reads is provided', () => {
    assert.deepEqual(missingSettings(CONFIG_TS, BICEP), [], 'settings read by src/config/config.ts but missing from appSettings in infra/main.bicep');
  });

  it('when a setting is excluded from the Bicep, then its documented reason still holds', () => {
    const provided = appSettings(BICEP);
    const settings = new Map(azureSettings(CONFIG_TS).map((s) => [s.key, s]));
    for (const [key, exclusion] of Object.entries(NOT_SET_BY_BICEP)) {
      const setting = settings.get(key);
      assert.ok(setting, `${key} is still read by config.ts (else drop it from NOT_SET_BY_BICEP)`);
      exclusion.stillTrue(setting, provided);
    }
  });

  it('when a new required setting is added to the schema, then this check reports it (the test can fail)', () => {
    const before = new Set(missingSettings(CONFIG_TS, BICEP));
    const newlyMissing = (configSource: string) => missingSettings(configSource, BICEP).filter((k) => !before.has(k));
    const changed = CONFIG_TS.replace(/(\n\s*ROLE_GROUPS:)/, '\n  WARD_SECRET_STORE: nonEmpty,$1');
    assert.notEqual(changed, CONFIG_TS);
    assert.deepEqual(newlyMissing(changed), ['WARD_SECRET_STORE']);
    const changedCommon = CONFIG_TS.replace(/(\n\s*OUTBOX_SWEEP_SECONDS:)/, "\n  CARD_LOCALE: z.enum(['ja', 'en']).default('ja'),$1");
    assert.notEqual(changedCommon, CONFIG_TS);
    assert.deepEqual(newlyMissing(changedCommon), ['CARD_LOCALE'], 'a defaulted setting added to common is reported too');
  });

  it('when the fixed app settings are read, then they select azure mode in production with the managed-identity bot', () => {
    const s = appSettings(BICEP);
    assert.equal(s.get('TSUNAGU_MODE'), "'azure'");
    assert.equal(s.get('NODE_ENV'), "'production'");
    assert.equal(s.get('MicrosoftAppType'), "'UserAssignedMSI'");
    assert.equal(s.get('MicrosoftAppId'), s.get('AZURE_CLIENT_ID'), 'the bot app id is the managed identity client id');
    assert.match(s.get('MicrosoftAppId') ?? '', /^\w+\.properties\.clientId$/);
    assert.match(s.get('COSMOS_ENDPOINT') ?? '', /\.properties\.documentEndpoint$/);
  });

  it('when the Cosmos containers in the Bicep are compared with CONTAINERS, then ids and partition keys are equal', () => {
    const expected = Object.values(CONTAINERS)
      .map((c) => ({ id: c.id, paths: [...c.partitionKey.paths] }))
      .sort(byId);
    assert.deepEqual(bicepContainers().sort(byId), expected);
    const { body } = resourceBlock('Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');
    assert.match(body, /^\[for (\w+) in cosmosContainers:/, 'one container resource per entry of cosmosContainers');
    assert.match(body, /\bid: c\.id\b/);
    assert.match(body, /\bpaths: c\.partitionKeyPaths\b/);
  });

  it('when the Cosmos account is read, then local auth is off, backup is continuous and public access is a parameter', () => {
    const { symbol, body } = resourceBlock('Microsoft.DocumentDB/databaseAccounts');
    assert.match(body, /\bdisableLocalAuth: true\b/);
    assert.match(blockAfter(body, /\bbackupPolicy:\s*/), /\btype: 'Continuous'/);
    assert.match(body, /\bpublicNetworkAccess: (\w+)\b/);
    const param = /\bpublicNetworkAccess: (\w+)\b/.exec(body)?.[1] ?? '';
    assert.match(BICEP, new RegExp(`\\bparam ${param} string\\b`), 'publicNetworkAccess comes from a parameter');

    const assignment = resourceBlock('Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments').body;
    assert.match(assignment, new RegExp(`\\bscope: ${symbol}\\.id\\b`), 'role assigned at account scope');
    assert.match(assignment, /\bprincipalId: identity\.properties\.principalId\b/, 'to the app identity');
    const definition = resourceBlock('Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions');
    assert.match(assignment, new RegExp(`\\broleDefinitionId: ${definition.symbol}\\.id\\b`));
    const roleName = /\bname: (\w+)/.exec(definition.body)?.[1] ?? '';
    assert.match(BICEP, new RegExp(`\\bvar ${roleName} = '00000000-0000-0000-0000-000000000002'`), 'the built-in Cosmos DB Built-in Data Contributor role');
  });

  it('when the web app is read, then it runs the compiled entry point on Node 20 with the health check the server serves', () => {
    const { body } = resourceBlock('Microsoft.Web/sites');
    assert.match(body, /\blinuxFxVersion: 'NODE\|20-lts'/);
    assert.match(body, /\bhttpsOnly: true\b/);
    assert.match(body, /\bminTlsVersion: '1\.2'/);
    assert.match(body, /\bftpsState: 'Disabled'/);
    assert.match(body, /\balwaysOn: true\b/);
    assert.match(body, /\buserAssignedIdentities:\s*\{\s*'\$\{identity\.id\}': \{\}/);
    assert.match(body, /\bappCommandLine: 'node dist\/src\/main\.js'/);
    assert.match(body, /\bhealthCheckPath: '\/healthz'/);

    const server = readFileSync('src/adapters/http/server.ts', 'utf8');
    assert.match(server, /\.get\('\/healthz'/, 'the app serves the health check path');
    assert.match(server, /\.post\('\/api\/messages'/, 'the app serves the bot endpoint');
    const build = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as { compilerOptions: { outDir: string; rootDir: string } };
    assert.deepEqual([build.compilerOptions.outDir, build.compilerOptions.rootDir], ['dist', '.'], 'src/main.ts compiles to dist/src/main.js');
    assert.match(readFileSync('src/main.ts', 'utf8'), /if \(require\.main === module\)/, 'dist/src/main.js starts the app when run directly');
  });

  it('when the bot is read, then it is a UserAssignedMSI Azure Bot posting to /api/messages, with the Teams channel', () => {
    const { symbol, body } = resourceBlock('Microsoft.BotService/botServices');
    assert.match(body, /\bkind: 'azurebot'/);
    assert.match(body, /\bmsaAppType: 'UserAssignedMSI'/);
    assert.match(body, /\bmsaAppId: identity\.properties\.clientId\b/);
    assert.match(body, /\bmsaAppMSIResourceId: identity\.id\b/);
    assert.match(body, /\bmsaAppTenantId: /);
    assert.match(body, /\bendpoint: 'https:\/\/\$\{\w+\.properties\.defaultHostName\}\/api\/messages'/);
    assert.match(BICEP, /@allowed\(\[\s*'F0'\s*'S1'\s*\]\)\s*param botSku string/);
    const channel = resourceBlock('Microsoft.BotService/botServices/channels').body;
    assert.match(channel, new RegExp(`\\bparent: ${symbol}\\b`));
    assert.match(channel, /\bchannelName: 'MsTeamsChannel'/);
  });

  it('when the Key Vault is read, then it uses RBAC with soft delete and purge protection', () => {
    const { body } = resourceBlock('Microsoft.KeyVault/vaults');
    assert.match(body, /\benableRbacAuthorization: true\b/);
    assert.match(body, /\benableSoftDelete: true\b/);
    assert.match(body, /\benablePurgeProtection: true\b/);
  });

  it('when the location parameter is read, then it defaults to Japan East', () => {
    assert.match(BICEP, /^param location string = 'japaneast'$/m);
  });

  it('when infra/ is searched, then no file holds a secret-looking value or reads keys', () => {
    const files = readdirSync('infra').filter((f) => /\.(bicep|json|bicepparam)$/.test(f));
    assert.ok(files.includes('main.bicep') && files.includes('main.parameters.json'));
    for (const f of files) {
      const text = readFileSync(join('infra', f), 'utf8');
      assert.doesNotMatch(text, /AccountKey=/i, `${f}: no account keys`);
      assert.doesNotMatch(text, /password/i, `${f}: no passwords`);
      assert.doesNotMatch(text, /SharedAccessSignature|InstrumentationKey=/i, `${f}: no SAS tokens or literal instrumentation keys`);
      assert.doesNotMatch(text, /\blist(Keys|ConnectionStrings|Secrets)\(/, `${f}: no key listing`);
    }
  });
});
