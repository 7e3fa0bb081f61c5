import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { holidayJpCalendar } from '../../../../src/adapters/calendar/holidayJpCalendar';
import type { BusinessCalendar } from '../../../../src/domain/businessCalendar';
import type { CalendarDate } from '../../../../src/domain/dates';
import type { ChildOnCalendar, PlaceOfLearning } from '../../../../src/domain/transitions/enrolment';
import { parseTransitionData, type TransitionData } from '../../../../src/domain/transitions/transitionData';

export const d = (year: number, month: number, day: number): CalendarDate => ({ year, month, day });

export const TRANSITIONS_FILE = join(__dirname, '../../../../config/transitions.json');

/** The checked-in milestone data, as raw JSON (for making broken copies) and parsed by the domain. */
export const TransitionDataMother = {
  rawFile(): Record<string, unknown> {
    return JSON.parse(readFileSync(TRANSITIONS_FILE, 'utf8')) as Record<string, unknown>;
  },
  checkedIn(): TransitionData {
    const parsed = parseTransitionData(TransitionDataMother.rawFile());
    if (!parsed.ok) throw new Error(`config/transitions.json is invalid: ${JSON.stringify(parsed.errors)}`);
    return parsed.data;
  },
};

/** The production calendar: weekends, holiday_jp holidays, 12/29–1/3. */
export const wardCalendar = (): BusinessCalendar => holidayJpCalendar();

/** Fictional children (架空) by enrolment; only what the engine needs. */
export const ChildMother = {
  atHome(birthDate: CalendarDate): ChildOnCalendar {
    return { birthDate, enrolment: { kind: 'home', since: birthDate } };
  },
  inNursery(birthDate: CalendarDate, since: CalendarDate = d(birthDate.year + 3, 4, 1)): ChildOnCalendar {
    return { birthDate, enrolment: { kind: 'nursery', since } };
  },
  inElementary(birthDate: CalendarDate, place: PlaceOfLearning, since: CalendarDate): ChildOnCalendar {
    return { birthDate, enrolment: { kind: 'elementary', place, since } };
  },
  inJuniorHigh(birthDate: CalendarDate, since: CalendarDate): ChildOnCalendar {
    return { birthDate, enrolment: { kind: 'juniorHigh', place: 'specialNeedsClass', since } };
  },
  inAdultServices(birthDate: CalendarDate, since: CalendarDate): ChildOnCalendar {
    return { birthDate, enrolment: { kind: 'adultServices', since } };
  },
};
