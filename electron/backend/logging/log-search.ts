import { readFileSync } from 'node:fs';
import { LOG_EVENTS } from './log-events';
import { logFiles } from './rotating-file';

export interface LogLine {
  time: string;
  level: number;
  event: string;
  /** From the catalogue: whether the event means success or failure (unknown for other lines). */
  outcome: 'success' | 'failure' | 'unknown';
  /** The other fields of the line (already censored by the logger). */
  fields: Record<string, unknown>;
}

export interface LogQuery {
  /** An event id, or a prefix ending in "." (e.g. "outbox."), or "" for all. */
  event?: string;
  /** Only failures. */
  failuresOnly?: boolean;
  limit?: number;
}

/**
 * Searches the kiosk's JSON-lines log files, newest line first, by event id or event prefix.
 * Lines that are not JSON (a crash trace) are skipped.
 */
export function searchLogs(path: string | undefined, query: LogQuery = {}): LogLine[] {
  if (!path) return [];
  const limit = query.limit ?? 200;
  const out: LogLine[] = [];
  for (const file of logFiles(path)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
      const text = lines[i]!.trim();
      if (!text) continue;
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        continue;
      }
      const event = typeof parsed.event === 'string' ? parsed.event : '';
      const e = query.event ?? '';
      if (e && !(e.endsWith('.') ? event.startsWith(e) : event === e)) continue;
      const entry = LOG_EVENTS[event as keyof typeof LOG_EVENTS] as
        { outcome: 'success' | 'failure' } | undefined;
      const outcome = entry?.outcome ?? 'unknown';
      if (query.failuresOnly && outcome !== 'failure') continue;
      const { time, level, event: _e, app: _a, pid: _p, hostname: _h, ...fields } = parsed;
      out.push({ time: String(time ?? ''), level: Number(level ?? 0), event, outcome, fields });
    }
    if (out.length >= limit) break;
  }
  return out;
}
