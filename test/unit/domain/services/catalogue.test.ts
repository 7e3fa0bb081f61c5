import assert from 'node:assert/strict';
import { parseServiceCatalogue, type ServiceCatalogueResult } from '../../../../src/domain/services/catalogue';
import { CatalogueMother, type RawCatalogue } from './servicesMother';

/** The fields named by the errors of a result ("services[3].note"), in order. */
const fields = (result: ServiceCatalogueResult): string[] => (result.ok ? [] : result.errors.map((e) => e.path));
const codes = (result: ServiceCatalogueResult): string[] => (result.ok ? [] : result.errors.map((e) => e.code));

function broken(edit: (raw: RawCatalogue) => void): ServiceCatalogueResult {
  const raw = CatalogueMother.rawFile();
  edit(raw);
  return parseServiceCatalogue(raw);
}

/** The systems issue 7 names, by their id in config/services.json. */
const NAMED_IN_ISSUE = [
  'shoman', // 小児慢性特定疾病医療費助成
  'physicalDisabilityCertificate', // 身体障害者手帳
  'specialChildRearingAllowance', // 特別児童扶養手当
  'disabledChildWelfareAllowance', // 障害児福祉手当
  'dailyLifeEquipment', // 日常生活用具給付
  'shortStayMedical', // 短期入所
  'homeRespite', // レスパイト
  'homeNursing', // 訪問看護
  'homeVisitDevelopmentSupport', // 居宅訪問型児童発達支援
  'afterSchoolDayService', // 放課後等デイサービス
  'nurseryMedicalCarePlace', // 保育園の医療的ケア児受入れ
  'schoolEntryConsultation', // 就学相談
];

describe('domain/services/catalogue (validator)', () => {
  describe('the checked-in config/services.json', () => {
    const catalogue = CatalogueMother.checkedIn();
    const byId = new Map(catalogue.services.map((s) => [s.id, s]));

    it('when it is parsed, then it is valid and holds every system named in issue 7', () => {
      for (const id of NAMED_IN_ISSUE) assert.ok(byId.has(id), `missing ${id}`);
      assert.ok(catalogue.services.length >= 25);
    });

    it('when an entry is a placeholder, then its note says NOT FOUND', () => {
      const placeholders = catalogue.services.filter((s) => s.status === 'placeholder');
      assert.ok(placeholders.length > 0);
      for (const s of placeholders) assert.match(s.note ?? '', /NOT FOUND/, s.id);
    });

    it('when REFERENCE.md says the Itabashi facts were NOT FOUND, then the entry is kept as a placeholder', () => {
      for (const id of ['homeNursing', 'schoolEntryConsultation', 'dailyLifeEquipment', 'homeRespite', 'disabledChildWelfareAllowance', 'aikidsMedicalCare', 'schoolMedicalCare']) {
        assert.equal(byId.get(id)?.status, 'placeholder', id);
      }
    });

    it('when an entry is not a placeholder, then it cites a source checked on a date', () => {
      for (const s of catalogue.services.filter((x) => x.status !== 'placeholder')) {
        assert.ok(s.sources.length > 0, s.id);
        for (const src of s.sources) {
          assert.match(src.url, /^https?:\/\//, s.id);
          assert.deepEqual(src.checkedOn, { year: 2026, month: 11, day: 25 }, s.id);
          assert.equal(src.via, 'REFERENCE.md', s.id);
        }
      }
    });

    it('when a ward desk is named, then it is a directory organisation (保育サービス課 → nursery, 就学相談 → school)', () => {
      assert.equal(byId.get('nurseryMedicalCarePlace')?.apply.organisation, 'nursery');
      assert.equal(byId.get('nurseryMedicalCarePlace')?.apply.confirmed, true);
      assert.equal(byId.get('schoolEntryConsultation')?.apply.organisation, 'school');
      assert.equal(byId.get('schoolEntryConsultation')?.apply.confirmed, false);
    });

    it('when an allowance has a yearly report, then it is an annual event of its own (特別児童扶養手当: August)', () => {
      const events = byId.get('specialChildRearingAllowance')?.timing.annualEvents ?? [];
      assert.deepEqual(events.map((e) => [e.id, e.month, e.day]), [['specialChildRearingAllowance.incomeReport', 8, undefined]]);
    });
  });

  describe('broken copies fail, naming the field', () => {
    const first = (raw: RawCatalogue, id: string) => CatalogueMother.indexOf(raw, id);

    it('when a care item code is unknown, then the error names needs.careItems[n]', () => {
      let i = 0;
      const result = broken((raw) => {
        i = first(raw, 'dailyLifeEquipment');
        (raw.services[i]!.eligibility.needs as { careItems: string[] }).careItems[0] = 'SUCTON';
      });
      assert.deepEqual(fields(result), [`services[${i}].eligibility.needs.careItems[0]`]);
      assert.deepEqual(codes(result), ['SERVICES.UNKNOWN_VALUE']);
    });

    it('when a placeholder has no NOT FOUND note, then the error names the note', () => {
      let i = 0;
      const result = broken((raw) => {
        i = first(raw, 'homeNursing');
        raw.services[i]!.note = 'to be confirmed';
      });
      assert.deepEqual(fields(result), [`services[${i}].note`]);
      assert.deepEqual(codes(result), ['SERVICES.PLACEHOLDER_NOTE']);
    });

    it('when a note says NOT FOUND but the status is sourced, then the error names the status', () => {
      let i = 0;
      const result = broken((raw) => {
        i = first(raw, 'homeNursing');
        raw.services[i]!.status = 'sourced';
      });
      assert.deepEqual(fields(result), [`services[${i}].status`]);
    });

    it('when a directory organisation is given for a Tokyo body, then the error names apply.organisation', () => {
      let i = 0;
      const result = broken((raw) => {
        i = first(raw, 'tokyoIkeaSupportCentre');
        (raw.services[i]!.apply as Record<string, unknown>).organisation = 'desk';
      });
      assert.deepEqual(fields(result), [`services[${i}].apply.organisation`]);
    });

    it('when an organisation key is not in the directory, then the error names apply.organisation', () => {
      let i = 0;
      const result = broken((raw) => {
        i = first(raw, 'nurseryMedicalCarePlace');
        (raw.services[i]!.apply as Record<string, unknown>).organisation = 'hoikuka';
      });
      assert.deepEqual(fields(result), [`services[${i}].apply.organisation`]);
    });

    it('when two entries share an id, then the error names the later id', () => {
      const result = broken((raw) => {
        raw.services[3]!.id = raw.services[1]!.id;
      });
      assert.deepEqual(fields(result), ['services[3].id']);
      assert.deepEqual(codes(result), ['SERVICES.DUPLICATE_ID']);
    });

    it('when an age range ends before it starts, then the error names untilYears', () => {
      let i = 0;
      const result = broken((raw) => {
        i = first(raw, 'afterSchoolDayService');
        raw.services[i]!.eligibility.ages = [{ basis: 'schoolClass', fromYears: 6, untilYears: 6 }];
      });
      assert.deepEqual(fields(result), [`services[${i}].eligibility.ages[0].untilYears`]);
    });

    it('when a grade is given for a certificate without grades (小慢), then the error names maxGrade', () => {
      let i = 0;
      const result = broken((raw) => {
        i = first(raw, 'shomanEquipment');
        raw.services[i]!.eligibility.certificates = { anyOf: [{ kind: 'shoman', maxGrade: 2 }] };
      });
      assert.deepEqual(fields(result), [`services[${i}].eligibility.certificates.anyOf[0].maxGrade`]);
    });

    it('when a grade is outside the certificate range (身体障害者手帳 7級), then the error names maxGrade', () => {
      let i = 0;
      const result = broken((raw) => {
        i = first(raw, 'dailyLifeEquipment');
        (raw.services[i]!.eligibility.certificates as { anyOf: Array<Record<string, unknown>> }).anyOf[0]!.maxGrade = 7;
      });
      assert.deepEqual(fields(result), [`services[${i}].eligibility.certificates.anyOf[0].maxGrade`]);
      assert.deepEqual(codes(result), ['SERVICES.OUT_OF_RANGE']);
    });

    it('when an entry has no eligibility rule at all, then the error names eligibility (every match must name a rule)', () => {
      let i = 0;
      const result = broken((raw) => {
        i = first(raw, 'meis');
        raw.services[i]!.eligibility = { conditions: [{ ja: '誰でも', en: 'anyone' }] };
      });
      assert.deepEqual(fields(result), [`services[${i}].eligibility`]);
      assert.deepEqual(codes(result), ['SERVICES.RULE_REQUIRED']);
    });

    it('when a field name has a typo, then the error names the unknown field', () => {
      const result = broken((raw) => {
        raw.services[0]!.sorces = raw.services[0]!.sources;
      });
      assert.deepEqual(fields(result), ['services[0].sorces']);
      assert.deepEqual(codes(result), ['SERVICES.UNKNOWN_FIELD']);
    });

    it('when a sourced entry lists no source, then the error names sources', () => {
      let i = 0;
      const result = broken((raw) => {
        i = first(raw, 'specialChildRearingAllowance');
        raw.services[i]!.sources = [];
      });
      assert.deepEqual(fields(result), [`services[${i}].sources`]);
      assert.deepEqual(codes(result), ['SERVICES.SOURCE_REQUIRED']);
    });

    it('when a source date is not a calendar date, then the error names checkedOn', () => {
      let i = 0;
      const result = broken((raw) => {
        i = first(raw, 'meis');
        (raw.services[i]!.sources as Array<Record<string, unknown>>)[0]!.checkedOn = '2026-02-30';
      });
      assert.deepEqual(fields(result), [`services[${i}].sources[0].checkedOn`]);
    });

    it('when an annual event id does not start with its service id, then the error names the event id', () => {
      let i = 0;
      const result = broken((raw) => {
        i = first(raw, 'specialChildRearingAllowance');
        ((raw.services[i]!.timing as Record<string, unknown>).annualEvents as Array<Record<string, unknown>>)[0]!.id = 'other.incomeReport';
      });
      assert.deepEqual(fields(result), [`services[${i}].timing.annualEvents[0].id`]);
    });

    it('when a gap does not say what kind of gap it is, then the error names the gap', () => {
      let i = 0;
      const result = broken((raw) => {
        i = first(raw, 'shoman');
        raw.services[i]!.gaps = ['window unclear'];
      });
      assert.deepEqual(fields(result), [`services[${i}].gaps[0]`]);
    });

    it('when a file has several problems, then every one is reported at once', () => {
      const result = broken((raw) => {
        raw.services[0]!.category = 'money';
        raw.services[1]!.runBy = 'city';
        delete raw.dataVersion;
      });
      assert.deepEqual(fields(result), ['dataVersion', 'services[0].category', 'services[1].runBy']);
    });

    it('when the schema version is not 1, then the error names schemaVersion', () => {
      assert.deepEqual(fields(broken((raw) => void (raw.schemaVersion = 2))), ['schemaVersion']);
    });
  });
});
