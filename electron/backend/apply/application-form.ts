import type { ApplyField, FormCondition } from './contract';
import type { Selected } from './selection';

/** What the form may show of the card: masked values only. */
export interface CardPrefill {
  maskedName: string;
  maskedIdNumber: string;
}

/**
 * The form of an application, from the item's definition: the applicant from the card (locked:
 * an application is made in the name of the card on the reader), a phone number the citizen types
 * (needed when the result is posted or left in a locker), and the item's conditions (申请条件), each confirmed by the
 * citizen. A bundle's conditions are merged: the same wording once, with every item that sets it.
 */
export function applicationForm(
  selected: Selected,
  card: CardPrefill,
): { fields: ApplyField[]; conditions: FormCondition[] } {
  const fields: ApplyField[] = [
    {
      key: 'name',
      source: 'card',
      personal: true,
      editable: false,
      required: 'always',
      maskedValue: card.maskedName,
    },
    {
      key: 'idNumber',
      source: 'card',
      personal: true,
      editable: false,
      required: 'always',
      maskedValue: card.maskedIdNumber,
    },
    {
      key: 'phone',
      source: 'citizen',
      personal: true,
      editable: true,
      required: 'for-pickup',
      maskedValue: null,
    },
  ];
  const byText = new Map<string, FormCondition>();
  for (const item of selected.items) {
    item.conditions.forEach((text, index) => {
      const seen = byText.get(text);
      if (seen) seen.itemCodes.push(item.itemCode);
      else {
        const textEn = item.conditionsEn?.[index];
        byText.set(text, {
          id: `${item.itemCode}-${index}`,
          text,
          ...(textEn ? { textEn } : {}),
          itemCodes: [item.itemCode],
        });
      }
    });
  }
  return { fields, conditions: [...byText.values()] };
}
