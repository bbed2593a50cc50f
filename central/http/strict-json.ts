import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors';

/**
 * The deepest nesting of arrays and objects a request body may have. The deepest document of this
 * API (a case submission: case → form → fields → a field's value list) is under ten levels; 32
 * leaves room for growth while keeping validators and serializers that recurse over the parsed
 * value far from a stack overflow (which would be a 500, or a crashed worker).
 */
export const MAX_JSON_DEPTH = 32;

const JSON_CONTENT_TYPE = 'application/json';

export interface StrictJsonOptions {
  maxDepth?: number;
}

/**
 * Whether `text` nests arrays/objects deeper than `maxDepth`. One pass over the characters, no
 * recursion, so a megabyte of `[` costs a loop and not the stack. Brackets inside strings do not
 * count. Malformed text is not judged here: JSON.parse refuses it afterwards.
 */
export function jsonDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22 /* " */) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) depth--;
  }
  return false;
}

/** The `charset` parameter of a Content-Type header, lower-cased, or undefined. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/**
 * Replaces Fastify's `application/json` parser with one that is strict where the default is
 * lenient: bytes that are not UTF-8 are refused (`400 invalid-utf8`; the default decoder turns
 * them into U+FFFD, so a name or ID number would be stored altered), a charset other than UTF-8 is
 * refused (`415`; JSON on the wire is UTF-8, RFC 8259 §8.1), and nesting deeper than
 * `maxDepth` is refused (`400 too-deep`) before anything parses it. The parsing itself stays
 * Fastify's own (secure-json-parse), so `__proto__` and `constructor.prototype` keys are still
 * refused and cannot pollute prototypes. Errors are `ApiError`s: the central's error handler
 * answers them as `{ error: { code, message } }`; another server can call `toBody()`.
 *
 * Call on the root instance before registering routes, so every route inherits it.
 */
export function installStrictJsonParser(app: FastifyInstance, opts: StrictJsonOptions = {}): void {
  const maxDepth = opts.maxDepth ?? MAX_JSON_DEPTH;
  // 'error' for both is Fastify's default: a poisoned key is a bad request, never silently kept.
  const parseJson = app.getDefaultJsonParser('error', 'error');

  app.removeContentTypeParser(JSON_CONTENT_TYPE);
  app.addContentTypeParser(
    JSON_CONTENT_TYPE,
    { parseAs: 'buffer' },
    (request: FastifyRequest, body: string | Buffer, done) => {
      const charset = charsetOf(request.headers['content-type']);
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
        done(new ApiError(415, 'unsupported-media-type', 'Send the body as UTF-8 application/json'));
        return;
      }
      let text: string;
      try {
        text = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body);
      } catch {
        done(new ApiError(400, 'invalid-utf8', 'The body is not valid UTF-8'));
        return;
      }
      if (jsonDepthExceeds(text, maxDepth)) {
        done(new ApiError(400, 'too-deep', `The body nests deeper than ${maxDepth} levels`));
        return;
      }
      // Fastify's own JSON parser answers through done; its type merely allows a promise.
      void parseJson(request, text, done);
    },
  );
}
