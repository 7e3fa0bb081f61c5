import { z } from 'zod';

/**
 * The one place that reads the environment. Parsed once at start-up with zod; the error names the
 * setting and how to fix it. Two modes share every code path; only these values differ:
 *   embedded (default with no Azure settings): in-process Cosmos stand-in, bot auth off → loopback only;
 *   azure: Bot Service single-tenant auth, Cosmos with an Entra credential, Graph with a managed identity.
 */
const port = z.coerce.number().int().min(0).max(65535);
const nonEmpty = z.string().trim().min(1);
const guid = z.string().regex(/^[0-9a-fA-F-]{36}$/, 'must be a GUID such as 00000000-0000-0000-0000-000000000000');

const common = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(3978),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  WARD_DIRECTORY_FILE: nonEmpty.default('config/ward.embedded.json'),
  COSMOS_DATABASE: nonEmpty.default('tsunagu'),
  OUTBOX_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /** Days after closing before a case is anonymised. The ward's rule is NOT FOUND: 1825 (5 years) is a placeholder to confirm. */
  /** Where people's browsers reach this app (print links). Embedded: the bot's own loopback address. */
  PUBLIC_BASE_URL: z.string().url().refine((u) => !u.endsWith('/'), 'must not end with /').optional(),
  RETENTION_DAYS: z.coerce.number().int().min(30).max(36500).default(1825),
  /**
   * Whether a Teams locale of English switches a user without a stored choice to English. Default: yes in
   * azure mode; no in embedded mode, because the Agents Playground always sends en-US.
   */
  HONOUR_TEAMS_LOCALE: z.enum(['true', 'false']).optional(),
  /** Per-user rate limit of commands and card actions (token bucket, in memory, per instance): sustained rate... */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int('must be a whole number of actions per minute, e.g. 20').min(1, 'must be at least 1 (the limit cannot be switched off)').max(100_000).default(20),
  /** ...and how many actions may come back to back. */
  RATE_LIMIT_BURST: z.coerce.number().int('must be a whole number of actions, e.g. 20').min(1, 'must be at least 1').max(100_000).default(20),
  /** When coordinators get their daily milestone digest in personal chat: a JST time, on ward working days only. */
  DIGEST_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM (24 hours, JST), e.g. 08:30').default('08:30'),
  /** How often the app looks whether a digest is due (seconds); a digest goes out at most this late. */
  DIGEST_CHECK_SECONDS: z.coerce.number().int('must be a whole number of seconds, e.g. 60').min(1).max(3600).default(60),
  /**
   * Ward business days a handoff may wait without acceptance before it is raised again in the receiving
   * channel; after as many again it also goes to 障がい児支援係 (checked every working morning at DIGEST_TIME).
   */
  ESCALATION_BUSINESS_DAYS: z.coerce.number().int('must be a whole number of ward business days, e.g. 2').min(1, 'must be at least 1').max(20, 'must be at most 20').default(2),
  /** Disaster readiness (issue 11): minutes between roll-call reminders to those with children still to reach. */
  ROLLCALL_REMINDER_MINUTES: z.coerce.number().int('must be a whole number of minutes, e.g. 30').min(1).max(1440).default(30),
  /** Months between re-confirmations of a child's emergency profile with the family (Tokyo's ventilator plan: yearly). */
  EMERGENCY_PROFILE_REVIEW_MONTHS: z.coerce.number().int('must be a whole number of months, e.g. 12').min(1).max(60).default(12),
  /**
   * 統計: k, the smallest count the statistics publish (1 … k−1 are suppressed). The WARD decides it; 5 is a
   * placeholder (a common choice for small-population tables), not a rule found for this data.
   */
  STATS_MIN_CELL_COUNT: z.coerce.number().int('must be a whole number, e.g. 5 (the ward decides k)').min(2, 'must be at least 2').max(100, 'must be at most 100').default(5),
};

const embeddedSchema = z.object({
  ...common,
  TSUNAGU_MODE: z.literal('embedded'),
  HOST: z.enum(['127.0.0.1', 'localhost', '::1']).default('127.0.0.1'),
  DATA_DIR: nonEmpty.default('./data'),
  PLAYGROUND_PORT: port.default(56150),
  SEED_DEMO_DATA: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});

const azureSchema = z.object({
  ...common,
  TSUNAGU_MODE: z.literal('azure'),
  HOST: nonEmpty.default('0.0.0.0'),
  MicrosoftAppId: guid,
  MicrosoftAppTenantId: guid,
  MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI']).default('UserAssignedMSI'),
  /** Only for MicrosoftAppType=SingleTenant with a certificate (no client secrets). */
  MicrosoftAppCertificateThumbprint: z.string().optional(),
  MicrosoftAppCertificatePrivateKeyFile: z.string().optional(),
  COSMOS_ENDPOINT: z.string().url().refine((u) => u.startsWith('https://'), 'must be an https:// Cosmos DB account endpoint'),
  /** Client id of the user-assigned managed identity used for Cosmos and Graph (DefaultAzureCredential). */
  AZURE_CLIENT_ID: guid,
  /** JSON object mapping Entra group object ids to Tsunagu roles, e.g. {"<guid>":"coordinator"}. */
  ROLE_GROUPS: nonEmpty,
});

export type EmbeddedConfig = z.infer<typeof embeddedSchema>;
export type AzureConfig = z.infer<typeof azureSchema>;
export type AppConfig = Readonly<EmbeddedConfig> | Readonly<AzureConfig>;

export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`Configuration is invalid (設定に誤りがあります):\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee README.md, section "Configuration".`);
  }
}

/** Settings whose presence selects azure mode when TSUNAGU_MODE is not given. */
const AZURE_HINTS = ['MicrosoftAppId', 'COSMOS_ENDPOINT'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const mode = env.TSUNAGU_MODE ?? (AZURE_HINTS.some((k) => env[k]) ? 'azure' : 'embedded');
  if (mode !== 'embedded' && mode !== 'azure') throw new ConfigError([`TSUNAGU_MODE: must be "embedded" or "azure" (got "${mode}")`]);
  const schema = mode === 'azure' ? azureSchema : embeddedSchema;
  const parsed = schema.safeParse({ ...env, TSUNAGU_MODE: mode });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const config = parsed.data;
  if (config.TSUNAGU_MODE === 'embedded' && config.NODE_ENV === 'production') {
    throw new ConfigError([
      'NODE_ENV=production with TSUNAGU_MODE=embedded: the embedded mode has bot authentication off and must never serve production. Set TSUNAGU_MODE=azure with the Azure settings.',
    ]);
  }
  if (config.TSUNAGU_MODE === 'azure' && config.MicrosoftAppType === 'SingleTenant' && !(config.MicrosoftAppCertificateThumbprint && config.MicrosoftAppCertificatePrivateKeyFile)) {
    throw new ConfigError(['MicrosoftAppCertificateThumbprint / MicrosoftAppCertificatePrivateKeyFile: required with MicrosoftAppType=SingleTenant (or use UserAssignedMSI)']);
  }
  return Object.freeze(config);
}

const SECRET_KEYS = /password|secret|key|thumbprint/i;
/** The configuration as it may be logged: secrets and key-like values are redacted. */
export function redactedConfig(config: AppConfig): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '***' : v]));
}
