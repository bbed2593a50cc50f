import { z } from 'zod';
import { defineEndpoints } from '../api/endpoint';

/**
 * Voice guidance's /api contract: the screen asks the backend to say what it shows, when the
 * browser has no voice of its own for the language (Chromium on Linux has none). Pure zod: the
 * renderer builds its client from `voiceEndpoints`.
 */

/** The screen's languages (renderer/src/i18n). */
export const voiceLanguageSchema = z.enum(['zh-CN', 'en']);
export type VoiceLanguage = z.infer<typeof voiceLanguageSchema>;

/**
 * The longest prompt a screen reads (a title and its options); anything longer is not a prompt.
 * The text may hold masked personal data (a ticket number, a masked name): it is never logged.
 */
export const MAX_SPOKEN_CHARS = 600;

// POST /api/voice/speak
export const speakRequestSchema = z.object({
  text: z.string().trim().min(1).max(MAX_SPOKEN_CHARS),
  language: voiceLanguageSchema,
});
export type SpeakRequest = z.infer<typeof speakRequestSchema>;

/**
 * `speaking`: the engine took it (and cut off what it was saying); `silent`: this kiosk has no
 * engine, so the screen's text is all there is. Never an error: a kiosk without voice still works.
 */
export const speakResponseSchema = z.object({ ok: z.literal(true), voice: z.enum(['speaking', 'silent']) });

export const voiceEndpoints = defineEndpoints({
  speak: {
    method: 'POST',
    path: '/api/voice/speak',
    body: speakRequestSchema,
    response: speakResponseSchema,
  },
  /** Voice guidance turned off, or the session ended: stop at once. */
  cancel: { method: 'POST', path: '/api/voice/cancel', response: z.object({ ok: z.literal(true) }) },
});
