import type { DeviceKind } from '../case';
import type { CareItemCode } from '../careItems';

/**
 * Words people use for each care item, so that 制度 「吸引」 or 「胃ろう」 finds the systems whose rules
 * name that item. The first word is the item's name as in the MHLW score table (REFERENCE.md §3.2, the
 * same wording as the careItem.* texts of the i18n catalogue); the rest are everyday words and readings.
 * Matching is done on normalised text (normaliseForSearch), so katakana, hiragana and half-width forms of
 * these words all match.
 */
export const CARE_ITEM_TERMS: Readonly<Record<CareItemCode, readonly string[]>> = Object.freeze({
  VENT: ['人工呼吸器の管理', '人工呼吸器', '呼吸器', 'じんこうこきゅうき', 'NPPV', 'CPAP', 'ハイフロー', '排痰補助装置', 'カフアシスト', 'ventilator'],
  TRACH: ['気管切開の管理', '気管切開', '気切', 'きかんせっかい', 'カニューレ', 'tracheostomy'],
  NPA: ['鼻咽頭エアウェイの管理', '鼻咽頭エアウェイ', 'エアウェイ', 'airway'],
  O2: ['酸素療法', '酸素', '在宅酸素', 'さんそ', 'oxygen'],
  SUCTION: ['吸引（口鼻腔・気管内）', '吸引', '喀痰吸引', 'たんの吸引', '痰の吸引', 'たん吸引', 'きゅういん', 'suction'],
  NEB: ['ネブライザーの管理', 'ネブライザー', '吸入', 'nebuliser', 'nebulizer'],
  TUBE: ['経管栄養（経鼻胃管・胃瘻・腸瘻等）', '経管栄養', '経管', '胃ろう', '胃瘻', '経鼻胃管', '腸ろう', '腸瘻', 'けいかんえいよう', 'いろう', 'tube feeding'],
  TUBE_PUMP: ['経管栄養（持続経管注入ポンプ）', '注入ポンプ', '経管栄養ポンプ', 'feeding pump'],
  CVC: ['中心静脈カテーテルの管理', '中心静脈カテーテル', '中心静脈栄養', 'IVH', 'central line'],
  SC_INJ: ['皮下注射', 'インスリン注射', 'インスリン', 'injection'],
  SC_PUMP: ['持続皮下注射ポンプ', 'インスリンポンプ'],
  GLUCOSE: ['血糖測定', '血糖', '持続血糖測定', 'けっとう', 'blood glucose'],
  DIALYSIS: ['継続的な透析', '透析', '腹膜透析', 'とうせき', 'dialysis'],
  CATH_INT: ['導尿（間欠的）', '導尿', '間欠的導尿', 'どうにょう', 'catheterisation'],
  CATH_CONT: ['導尿（持続的）', '持続的導尿', '膀胱瘻', '人工膀胱', '尿路ストーマ'],
  STOMA: ['排便管理（消化管ストーマ）', 'ストーマ', '人工肛門', 'stoma'],
  DISIMPACT: ['排便管理（摘便・洗腸）', '摘便', '洗腸'],
  ENEMA: ['排便管理（浣腸）', '浣腸'],
  SEIZURE: ['痙攣時の対応', 'けいれん', '痙攣', '発作', '坐剤', 'seizure'],
});

/** The devices that go with a care item (a search for 吸引 also finds rules that name the suction unit). */
export const DEVICES_FOR_CARE_ITEM: Readonly<Partial<Record<CareItemCode, readonly DeviceKind[]>>> = Object.freeze({
  VENT: ['ventilator'],
  SUCTION: ['suction'],
  O2: ['oxygenConcentrator', 'pulseOximeter'],
  TUBE_PUMP: ['feedingPump'],
  TUBE: ['feedingPump'],
});
