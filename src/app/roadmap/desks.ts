import type { OrganisationKey } from '../../domain/directory';
import type { LocalisedText } from '../../domain/transitions/transitionData';

/**
 * Where to go, by the directory's organisation key, in words a family understands. The names follow the
 * org.* texts of the i18n catalogue and the Itabashi desks named in REFERENCE.md §8 (保育サービス課
 * 入園相談係). They stay here, beside the roadmap texts, because the roadmap builds its own bilingual cards.
 */
export const ORGANISATION_DESKS: Readonly<Record<OrganisationKey, LocalisedText>> = Object.freeze({
  desk: { ja: '区の医療的ケア児の相談窓口', en: "The ward's consultation desk for children with medical care" },
  coordinators: { ja: '担当の医療的ケア児等コーディネーター', en: 'Your medical-care coordinator' },
  casework: { ja: '区の障がい児支援係', en: "The ward's disabled-children support section" },
  nursery: { ja: '区の保育サービス課 入園相談係', en: 'Nursery Services Division, admissions' },
  school: { ja: '区の教育委員会（学校）', en: 'Board of Education (schools)' },
  aikids: { ja: 'あいキッズ', en: 'あいキッズ (after-school programme)' },
  healthCentre: { ja: '健康福祉センター', en: 'Health and welfare centre' },
  familySupport: { ja: '子ども家庭総合支援センター', en: 'Children and Family Support Centre' },
  secretariat: { ja: '区の会議事務局', en: "The ward's council secretariat" },
});
