import type { IntakeInput } from '../../../src/domain/intake';

/** A valid, fictional intake (架空): a preschool child with suction and tube feeding. */
export const IntakeMother = {
  valid(over: Partial<IntakeInput> = {}): IntakeInput {
    return {
      childName: '架空 花子',
      childNameKana: 'かくう はなこ',
      birthDate: { year: 2022, month: 5, day: 10 },
      careItems: ['SUCTION', 'TUBE'],
      familyNeeds: '（架空）退院後の訪問看護と保育園入園の相談',
      urgency: 'soon',
      ...over,
    };
  },
};
