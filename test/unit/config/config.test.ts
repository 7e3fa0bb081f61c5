import assert from 'node:assert/strict';
import { ConfigError, loadConfig, redactedConfig, type AppConfig } from '../../../src/config/config';

const GUID_APP = '11111111-1111-4111-8111-111111111111';
const GUID_TENANT = '22222222-2222-4222-8222-222222222222';
const GUID_CLIENT = '33333333-3333-4333-8333-333333333333';
const AZURE_ENV = {
  MicrosoftAppId: GUID_APP,
  MicrosoftAppTenantId: GUID_TENANT,
  COSMOS_ENDPOINT: 'https://tsunagu-fictional.documents.azure.com:443/',
  AZURE_CLIENT_ID: GUID_CLIENT,
  ROLE_GROUPS: '{"44444444-4444-4444-8444-444444444444":"coordinator"}',
};

/** Runs loadConfig and returns the ConfigError it throws (fails the test when it does not throw one). */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${String(e)}`);
    assert.equal(e.code, 'CONFIG.INVALID');
    return e;
  }
  return assert.fail('loadConfig accepted the environment');
}

describe('config/config: loadConfig', () => {
  it('when the environment is empty, then embedded mode with PORT 3978, DATA_DIR ./data and HOST 127.0.0.1', () => {
    const c = loadConfig({});
    assert.equal(c.TSUNAGU_MODE, 'embedded');
    assert.equal(c.PORT, 3978);
    assert.equal(c.HOST, '127.0.0.1');
    assert.ok(c.TSUNAGU_MODE === 'embedded' && c.DATA_DIR === './data');
  });

  it('when loadConfig is called, then it reads only the env given, not process.env', () => {
    const before = process.env.PORT;
    process.env.PORT = 'not-a-port';
    try {
      assert.equal(loadConfig({}).PORT, 3978);
    } finally {
      if (before === undefined) delete process.env.PORT;
      else process.env.PORT = before;
    }
  });

  it('when PORT is a valid number text, then it is a number', () => {
    assert.equal(loadConfig({ PORT: '8080' }).PORT, 8080);
  });

  it('when STATS_MIN_CELL_COUNT is not a whole number from 2 to 100, then a ConfigError names it; unset, k is the placeholder 5', () => {
    for (const bad of ['1', '101', '2.5', 'five']) assert.match(configError({ STATS_MIN_CELL_COUNT: bad }).message, /STATS_MIN_CELL_COUNT/, bad);
    assert.equal(loadConfig({}).STATS_MIN_CELL_COUNT, 5);
    assert.equal(loadConfig({ STATS_MIN_CELL_COUNT: '10' }).STATS_MIN_CELL_COUNT, 10);
  });

  it('when PORT=abc, then a ConfigError names PORT', () => {
    assert.match(configError({ PORT: 'abc' }).message, /PORT/);
  });

  it('when PORT is out of range (70000), then a ConfigError names PORT', () => {
    assert.match(configError({ PORT: '70000' }).message, /PORT/);
  });

  it("when DATA_DIR='', then a ConfigError names DATA_DIR", () => {
    const e = configError({ DATA_DIR: '' });
    assert.match(e.message, /DATA_DIR/);
    assert.ok(e.problems.some((p) => p.startsWith('DATA_DIR')));
  });

  it('when DATA_DIR is only spaces, then a ConfigError names DATA_DIR', () => {
    assert.match(configError({ DATA_DIR: '   ' }).message, /DATA_DIR/);
  });

  it('when NODE_ENV=production in embedded mode, then a ConfigError mentions embedded', () => {
    assert.match(configError({ NODE_ENV: 'production' }).message, /embedded/);
  });

  it('when MicrosoftAppId is set without COSMOS_ENDPOINT, AZURE_CLIENT_ID and ROLE_GROUPS, then azure mode is chosen and each is named', () => {
    const e = configError({ MicrosoftAppId: GUID_APP, MicrosoftAppTenantId: GUID_TENANT });
    for (const name of ['COSMOS_ENDPOINT', 'AZURE_CLIENT_ID', 'ROLE_GROUPS']) assert.match(e.message, new RegExp(name), name);
  });

  it('when COSMOS_ENDPOINT is http://, then a ConfigError names COSMOS_ENDPOINT', () => {
    assert.match(configError({ ...AZURE_ENV, COSMOS_ENDPOINT: 'http://tsunagu.documents.azure.com/' }).message, /COSMOS_ENDPOINT/);
  });

  it('when every azure setting is given, then azure mode loads (HOST defaults to all interfaces there)', () => {
    const c = loadConfig(AZURE_ENV);
    assert.equal(c.TSUNAGU_MODE, 'azure');
    assert.equal(c.HOST, '0.0.0.0');
  });

  it('when azure mode uses SingleTenant without a certificate, then a ConfigError names the certificate settings', () => {
    assert.match(configError({ ...AZURE_ENV, MicrosoftAppType: 'SingleTenant' }).message, /MicrosoftAppCertificateThumbprint/);
  });

  it('when HOST=0.0.0.0 in embedded mode, then it is refused and HOST is named', () => {
    assert.match(configError({ HOST: '0.0.0.0' }).message, /HOST/);
  });

  it('when HOST is a loopback name in embedded mode (localhost, ::1), then it is accepted', () => {
    assert.equal(loadConfig({ HOST: 'localhost' }).HOST, 'localhost');
    assert.equal(loadConfig({ HOST: '::1' }).HOST, '::1');
  });

  it('when TSUNAGU_MODE is neither embedded nor azure, then a ConfigError names TSUNAGU_MODE', () => {
    assert.match(configError({ TSUNAGU_MODE: 'cloud' }).message, /TSUNAGU_MODE/);
  });

  it('when several settings are wrong, then every one is named at once', () => {
    const e = configError({ PORT: 'abc', DATA_DIR: '', LOG_LEVEL: 'loud' });
    for (const name of ['PORT', 'DATA_DIR', 'LOG_LEVEL']) assert.match(e.message, new RegExp(name), name);
  });

  it('when the config is returned, then it is frozen', () => {
    const c = loadConfig({});
    assert.ok(Object.isFrozen(c));
    assert.equal(Reflect.set(c, 'PORT', 1), false);
    assert.equal(c.PORT, 3978);
    assert.ok(Object.isFrozen(loadConfig(AZURE_ENV)));
  });

  describe('redactedConfig', () => {
    it('when the config has a certificate thumbprint and private key file, then both are hidden and plain settings stay visible', () => {
      const c = loadConfig({ ...AZURE_ENV, MicrosoftAppType: 'SingleTenant', MicrosoftAppCertificateThumbprint: 'ABCDEF0123456789', MicrosoftAppCertificatePrivateKeyFile: '/secrets/bot.pem' });
      const r = redactedConfig(c);
      const json = JSON.stringify(r);
      assert.ok(!json.includes('ABCDEF0123456789'), 'thumbprint hidden');
      assert.ok(!json.includes('/secrets/bot.pem'), 'key file hidden');
      assert.equal(r.PORT, 3978);
      assert.equal(r.TSUNAGU_MODE, 'azure');
    });

    it('when keys contain password, secret, key or thumbprint in any case, then their values are hidden', () => {
      const c = { ...loadConfig({}), DB_PASSWORD: 'p-value', ClientSecret: 's-value', API_KEY: 'k-value', certThumbprint: 't-value' } as unknown as AppConfig;
      const r = redactedConfig(c);
      const json = JSON.stringify(r);
      for (const v of ['p-value', 's-value', 'k-value', 't-value']) assert.ok(!json.includes(v), `${v} hidden`);
      for (const k of ['DB_PASSWORD', 'ClientSecret', 'API_KEY', 'certThumbprint']) assert.ok(k in r, `${k} still listed`);
      assert.equal(r.HOST, '127.0.0.1');
      assert.equal(r.DATA_DIR, './data');
    });
  });
});
