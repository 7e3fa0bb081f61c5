import { readFileSync } from 'node:fs';
import {
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import { CertificateServiceClientCredentialsFactory, JwtTokenProviderFactory, ManagedIdentityServiceClientCredentialsFactory, type BotFrameworkAuthentication } from 'botframework-connector';
import type { AppConfig } from '../../config/config';

/**
 * Bot Framework authentication per mode. Embedded: no app id, so the adapter accepts unsigned activities
 * (the server then listens on loopback only). Azure: single-tenant bot; every incoming token is validated
 * against the app id and tenant; outgoing calls use the managed identity or a certificate (no secrets).
 */
export function botAuthentication(config: AppConfig): { auth: BotFrameworkAuthentication; appId: string } {
  if (config.TSUNAGU_MODE === 'embedded') {
    return { auth: new ConfigurationBotFrameworkAuthentication({}, new ConfigurationServiceClientCredentialFactory({})), appId: '' };
  }
  const settings = { MicrosoftAppId: config.MicrosoftAppId, MicrosoftAppTenantId: config.MicrosoftAppTenantId, MicrosoftAppType: config.MicrosoftAppType };
  const credentials =
    config.MicrosoftAppType === 'UserAssignedMSI'
      ? new ManagedIdentityServiceClientCredentialsFactory(config.MicrosoftAppId, new JwtTokenProviderFactory())
      : new CertificateServiceClientCredentialsFactory(
          config.MicrosoftAppId,
          config.MicrosoftAppCertificateThumbprint ?? '',
          readFileSync(config.MicrosoftAppCertificatePrivateKeyFile ?? '', 'utf8'),
          config.MicrosoftAppTenantId,
        );
  return { auth: new ConfigurationBotFrameworkAuthentication(settings, credentials), appId: config.MicrosoftAppId };
}
