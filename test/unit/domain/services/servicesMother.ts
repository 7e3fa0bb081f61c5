import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceKind, EnrolmentKind } from '../../../../src/domain/case';
import type { CareItemCode } from '../../../../src/domain/careItems';
import type { CalendarDate } from '../../../../src/domain/dates';
import { parseServiceCatalogue, type ServiceCatalogue } from '../../../../src/domain/services/catalogue';
import type { ChildProfile, HeldCertificate } from '../../../../src/domain/services/eligibility';

export const SERVICES_FILE = join(__dirname, '../../../../config/services.json');

export type RawCatalogue = { services: Array<Record<string, unknown> & { id: string; eligibility: Record<string, unknown> }> } & Record<string, unknown>;

/** The checked-in catalogue, as raw JSON (for making broken copies) and parsed by the domain. */
export const CatalogueMother = {
  rawFile(): RawCatalogue {
    return JSON.parse(readFileSync(SERVICES_FILE, 'utf8')) as RawCatalogue;
  },
  checkedIn(): ServiceCatalogue {
    const parsed = parseServiceCatalogue(CatalogueMother.rawFile());
    if (!parsed.ok) throw new Error(`config/services.json is invalid: ${JSON.stringify(parsed.errors)}`);
    return parsed.data;
  },
  /** The index of a service in the raw file. */
  indexOf(raw: RawCatalogue, id: string): number {
    const i = raw.services.findIndex((s) => s.id === id);
    if (i < 0) throw new Error(`no service ${id} in config/services.json`);
    return i;
  },
};

/** "Today" in the tests: the day the catalogue was checked. */
export const TODAY: CalendarDate = { year: 2026, month: 11, day: 25 };

/** A birth date that makes the child `years` old on TODAY (birthday in June, so no cohort edge). */
export const bornYearsAgo = (years: number, month = 6, day = 12): CalendarDate => ({ year: TODAY.year - years, month, day });

export interface ProfileOverrides {
  readonly devices?: readonly DeviceKind[];
  readonly enrolment?: EnrolmentKind;
  readonly certificates?: readonly HeldCertificate[];
  readonly birthDate?: CalendarDate;
}

/** Fictional children (架空) as eligibility matching sees them. */
export const ProfileMother = {
  child(years: number, careItems: readonly CareItemCode[], over: ProfileOverrides = {}): ChildProfile {
    return {
      birthDate: over.birthDate ?? bornYearsAgo(years),
      careItems,
      devices: over.devices ?? [],
      enrolment: over.enrolment,
      certificates: over.certificates,
    };
  },
  /** 吸引 and 経管栄養: the most common pair. */
  suctionAndTube(years: number, over: ProfileOverrides = {}): ChildProfile {
    return ProfileMother.child(years, ['SUCTION', 'TUBE'], over);
  },
};
