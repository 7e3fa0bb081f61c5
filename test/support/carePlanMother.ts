import type { CarePlan } from '../../src/domain/package/carePlan';

/** Fictional care plans (架空). */
export const CarePlanMother = {
  full(): CarePlan {
    return {
      procedures: [
        { item: 'SUCTION', note: '（架空）食後と午睡後に口腔内吸引。カテーテル10Fr、吸引圧20kPa以下。' },
        { item: 'TUBE', note: '（架空）12時に胃瘻から注入200ml、30分かけて。注入中は上体を30度起こす。' },
      ],
      emergency: {
        hospital: '（架空）板橋区立こども病院 03-0000-0000',
        contacts: [
          { who: '母', phone: '090-0000-0000' },
          { who: '主治医（架空）', phone: '03-0000-0001' },
        ],
        ifTubeOut: '（架空）ガーゼで瘻孔を押さえ、保護者に連絡。30分以内に病院へ。',
        ifSeizure: '（架空）横向きにして時間を計る。5分以上続いたら救急要請。',
        other: '（架空）停電時は吸引器の内蔵バッテリーで約2時間。',
      },
      dailySchedule: '（架空）9:00 登園 / 12:00 注入 / 13:00 午睡 / 16:00 降園',
      familyWishes: '（架空）できるだけ他の子と同じ活動に参加させたい。',
      agreed: ['（架空）看護師が午前中に常駐する'],
      open: ['（架空）プールへの参加可否'],
      confirmedOn: '2026-11-01',
    };
  },
};
