import { Client } from '@microsoft/microsoft-graph-client';
import type { CalendarStandIn } from './calendarStandIn';

/**
 * A Graph client pointed at the calendar stand-in: the same client, middleware (retry included) and
 * GraphCalendar code path as in azure mode; only the base URL differs. The stand-in is plain HTTP on
 * loopback, so the client sends no token to it (it attaches tokens to https hosts only).
 */
export function embeddedGraphClient(standIn: Pick<CalendarStandIn, 'baseUrl' | 'hostname'>): Client {
  return Client.initWithMiddleware({
    baseUrl: standIn.baseUrl,
    defaultVersion: 'v1.0',
    customHosts: new Set([standIn.hostname]),
    authProvider: { getAccessToken: async () => 'embedded-calendar-stand-in' },
  });
}
