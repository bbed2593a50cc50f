import { z } from 'zod';

/**
 * A text a citizen reads in the language they chose: Chinese first, English beside it. Names of
 * items, departments, categories and indicators travel in both, so switching language never needs
 * another request.
 */
export const localizedTextSchema = z.object({ zh: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof localizedTextSchema>;
