import { randomBytes, randomInt } from 'node:crypto';
import type { CentralDatabase } from '../db/database';
import type { FleetKiosk, HeartbeatRequest } from './contract';
import { tokenDigest } from './auth';

/** A one-time enrolment code is typed in by field staff on the day of installation. */
export const ENROLMENT_CODE_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * A kiosk heartbeats every 30 s. Staff must see a silent kiosk offline within two intervals (60 s):
 * offline after 50 s, plus at most one offline sweep (FLEET_OFFLINE_SWEEP_MS), is 55 s. The price:
 * a single lost heartbeat shows the kiosk offline for the ten seconds until the next one.
 */
export const KIOSK_ONLINE_WINDOW_MS = 50 * 1000;
/** How often the central looks for kiosks that went silent, with no request to tell it. */
export const FLEET_OFFLINE_SWEEP_MS = 5 * 1000;
/** Remote configuration is a small settings document, not a file store. */
export const MAX_KIOSK_CONFIG_BYTES = 16 * 1024;

// No 0/O, 1/I: the code is read off a sheet and typed on a touchscreen.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newEnrolmentCode(): string {
  let raw = '';
  for (let i = 0; i < 12; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** An enrolment code as the central remembers it: never the code itself, only what it is for. */
export interface EnrolmentCodeRecord {
  terminalId: string;
  hallId: string;
  createdAt: number;
  expiresAt: number;
  state: 'open' | 'used' | 'expired' | 'revoked';
}

interface CodeRow {
  terminal_id: string;
  hall_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

interface KioskRow {
  terminal_id: string;
  hall_id: string;
  enrolled_at: number;
  last_seen_at: number | null;
  health: string | null;
  outbox_depth: number | null;
  uptime_seconds: number | null;
  versions: string | null;
}

/** Kiosk fleet: enrolment codes, enrolled kiosks (token digests only), heartbeats, remote configuration. */
export class KioskStore {
  private readonly stmts;

  constructor(private readonly db: CentralDatabase) {
    this.stmts = {
      hallOf: db.prepare<[string], { hall_id: string }>('SELECT hall_id FROM kiosks WHERE terminal_id = ?'),
      insertCode: db.prepare(
        `INSERT INTO kiosk_enrolment_codes (code_hash, terminal_id, hall_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?)`,
      ),
      codeByHash: db.prepare<[string], CodeRow>(
        'SELECT terminal_id, hall_id, created_at, expires_at, used_at, revoked_at FROM kiosk_enrolment_codes WHERE code_hash = ?',
      ),
      useCode: db.prepare(
        'UPDATE kiosk_enrolment_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND revoked_at IS NULL',
      ),
      revokeCode: db.prepare<[number, string, number]>(
        `UPDATE kiosk_enrolment_codes SET revoked_at = ?
         WHERE code_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?`,
      ),
      revokeTerminalCodes: db.prepare<[number, string, number]>(
        `UPDATE kiosk_enrolment_codes SET revoked_at = ?
         WHERE terminal_id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?`,
      ),
      codes: db.prepare<[string | null, string | null, string | null, string | null], CodeRow>(
        `SELECT terminal_id, hall_id, created_at, expires_at, used_at, revoked_at FROM kiosk_enrolment_codes
         WHERE (? IS NULL OR terminal_id = ?) AND (? IS NULL OR hall_id = ?)
         ORDER BY created_at DESC, terminal_id`,
      ),
      upsertKiosk: db.prepare(
        `INSERT INTO kiosks (terminal_id, hall_id, token_hash, enrolled_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (terminal_id) DO UPDATE SET hall_id = excluded.hall_id, token_hash = excluded.token_hash,
           enrolled_at = excluded.enrolled_at`,
      ),
      heartbeat: db.prepare(
        `UPDATE kiosks SET last_seen_at = @now, health = @health, outbox_depth = @outboxDepth, uptime_seconds = @uptimeSeconds, versions = @versions
         WHERE terminal_id = @terminalId`,
      ),
      // A trusted device (the embedded kiosk) reports without enrolling: it joins the fleet with a
      // placeholder that no bearer token's digest can equal.
      registerTrusted: db.prepare(
        `INSERT OR IGNORE INTO kiosks (terminal_id, hall_id, token_hash, enrolled_at) VALUES (?, ?, ?, ?)`,
      ),
      fleet: db.prepare<[string | null, string | null], KioskRow>(
        `SELECT terminal_id, hall_id, enrolled_at, last_seen_at, health, outbox_depth, uptime_seconds, versions FROM kiosks
         WHERE (? IS NULL OR hall_id = ?) ORDER BY hall_id, terminal_id`,
      ),
      fleetKiosk: db.prepare<[string], KioskRow>(
        `SELECT terminal_id, hall_id, enrolled_at, last_seen_at, health, outbox_depth, uptime_seconds, versions FROM kiosks
         WHERE terminal_id = ?`,
      ),
      // A kiosk silent past the window whose silence was not announced since its last heartbeat.
      // One UPDATE decides it, so with many central nodes only one of them announces it.
      noteOffline: db.prepare<[number, number], KioskRow>(
        `UPDATE kiosks SET offline_noted_at = ?
         WHERE last_seen_at IS NOT NULL AND last_seen_at < ?
           AND (offline_noted_at IS NULL OR offline_noted_at < last_seen_at)
         RETURNING terminal_id, hall_id, enrolled_at, last_seen_at, health, outbox_depth, uptime_seconds, versions`,
      ),
      insertConfig: db.prepare(
        'INSERT INTO kiosk_configs (terminal_id, config, created_at) VALUES (?, ?, ?)',
      ),
      latestFleetConfig: db.prepare<[], { version: number; config: string }>(
        'SELECT version, config FROM kiosk_configs WHERE terminal_id IS NULL ORDER BY version DESC LIMIT 1',
      ),
      latestTerminalConfig: db.prepare<[string], { version: number; config: string }>(
        'SELECT version, config FROM kiosk_configs WHERE terminal_id = ? ORDER BY version DESC LIMIT 1',
      ),
    };
  }

  /** Issues a one-time enrolment code for a terminal; only its digest is kept. */
  createEnrolmentCode(terminalId: string, hallId: string, now: number): { code: string; expiresAt: number } {
    const code = newEnrolmentCode();
    const expiresAt = now + ENROLMENT_CODE_TTL_MS;
    this.stmts.insertCode.run(tokenDigest(code), terminalId, hallId, now, expiresAt);
    return { code, expiresAt };
  }

  /**
   * Spends a code and (re-)enrols the terminal with a fresh device token, which replaces any earlier
   * one. Undefined when the code is unknown, spent, expired or for another terminal.
   */
  enrol(terminalId: string, code: string, now: number): { hallId: string; deviceToken: string } | undefined {
    return this.db
      .transaction(() => {
        const digest = tokenDigest(code);
        const row = this.stmts.codeByHash.get(digest);
        if (!row || codeState(row, now) !== 'open' || row.terminal_id !== terminalId) return undefined;
        this.stmts.useCode.run(now, digest);
        const deviceToken = `kt_${randomBytes(32).toString('base64url')}`;
        this.stmts.upsertKiosk.run(terminalId, row.hall_id, tokenDigest(deviceToken), now);
        return { hallId: row.hall_id, deviceToken };
      })
      .immediate();
  }

  /**
   * Withdraws one code that has not been used yet (a sheet lost, a terminal not installed after
   * all). Returns what the code was for, or why it could not be withdrawn.
   */
  revokeEnrolmentCode(
    code: string,
    now: number,
  ): { revoked: EnrolmentCodeRecord } | { refused: 'unknown' | 'used' | 'expired' | 'revoked' } {
    return this.db
      .transaction(() => {
        const digest = tokenDigest(code);
        const row = this.stmts.codeByHash.get(digest);
        if (!row) return { refused: 'unknown' as const };
        const state = codeState(row, now);
        if (state !== 'open') return { refused: state };
        this.stmts.revokeCode.run(now, digest, now);
        return { revoked: { ...codeRecord(row, now), state: 'revoked' as const } };
      })
      .immediate();
  }

  /** Withdraws every open code of a terminal; the number withdrawn. */
  revokeEnrolmentCodesOf(terminalId: string, now: number): number {
    return this.stmts.revokeTerminalCodes.run(now, terminalId, now).changes;
  }

  /** Codes issued, newest first, optionally of one terminal or hall. */
  enrolmentCodes(filter: { terminalId?: string; hallId?: string }, now: number): EnrolmentCodeRecord[] {
    const t = filter.terminalId ?? null;
    const h = filter.hallId ?? null;
    return this.stmts.codes.all(t, t, h, h).map((r) => codeRecord(r, now));
  }

  heartbeat(req: HeartbeatRequest, now: number, registerIfMissing: boolean): boolean {
    if (registerIfMissing) {
      this.stmts.registerTrusted.run(req.terminalId, req.hallId, `trusted:${req.terminalId}`, now);
    }
    return (
      this.stmts.heartbeat.run({
        now,
        terminalId: req.terminalId,
        health: JSON.stringify(req.devices),
        outboxDepth: req.outboxDepth,
        uptimeSeconds: req.uptimeSeconds ?? null,
        versions: JSON.stringify(req.versions),
      }).changes === 1
    );
  }

  /** Stores a new configuration version (fleet-wide, or one terminal's overrides). */
  putConfig(terminalId: string | undefined, config: Record<string, unknown>, now: number): number {
    return Number(
      this.stmts.insertConfig.run(terminalId ?? null, JSON.stringify(config), now).lastInsertRowid,
    );
  }

  /** Fleet settings overlaid with the terminal's own; the version is the newer of the two. */
  configFor(terminalId: string): { version: number; config: Record<string, unknown> } {
    const fleet = this.stmts.latestFleetConfig.get();
    const own = this.stmts.latestTerminalConfig.get(terminalId);
    return {
      version: Math.max(fleet?.version ?? 0, own?.version ?? 0),
      config: {
        ...(fleet ? (JSON.parse(fleet.config) as Record<string, unknown>) : {}),
        ...(own ? (JSON.parse(own.config) as Record<string, unknown>) : {}),
      },
    };
  }

  latestConfigVersion(terminalId: string): number {
    return Math.max(
      this.stmts.latestFleetConfig.get()?.version ?? 0,
      this.stmts.latestTerminalConfig.get(terminalId)?.version ?? 0,
    );
  }

  /** The hall an enrolled terminal belongs to. */
  hallOf(terminalId: string): string | undefined {
    return this.stmts.hallOf.get(terminalId)?.hall_id;
  }

  fleet(hallId: string | undefined, now: number): FleetKiosk[] {
    return this.stmts.fleet.all(hallId ?? null, hallId ?? null).map((r) => this.toFleetKiosk(r, now));
  }

  /** One kiosk as the fleet shows it (after its heartbeat), or undefined if not enrolled. */
  fleetKiosk(terminalId: string, now: number): FleetKiosk | undefined {
    const row = this.stmts.fleetKiosk.get(terminalId);
    return row && this.toFleetKiosk(row, now);
  }

  /**
   * The kiosks that went silent since they were last announced offline, marked announced now.
   * Call in the transaction that publishes their offline change.
   */
  noteOffline(now: number): FleetKiosk[] {
    return this.stmts.noteOffline
      .all(now, now - KIOSK_ONLINE_WINDOW_MS)
      .map((r) => this.toFleetKiosk(r, now));
  }

  private toFleetKiosk(r: KioskRow, now: number): FleetKiosk {
    return {
      terminalId: r.terminal_id,
      hallId: r.hall_id,
      enrolledAt: new Date(r.enrolled_at).toISOString(),
      lastSeenAt: r.last_seen_at === null ? null : new Date(r.last_seen_at).toISOString(),
      online: r.last_seen_at !== null && now - r.last_seen_at <= KIOSK_ONLINE_WINDOW_MS,
      devices: r.health === null ? null : JSON.parse(r.health),
      outboxDepth: r.outbox_depth,
      uptimeSeconds: r.uptime_seconds,
      versions: r.versions === null ? null : JSON.parse(r.versions),
      latestConfigVersion: this.latestConfigVersion(r.terminal_id),
    };
  }
}

function codeState(row: CodeRow, now: number): EnrolmentCodeRecord['state'] {
  if (row.used_at !== null) return 'used';
  if (row.revoked_at !== null) return 'revoked';
  return row.expires_at <= now ? 'expired' : 'open';
}

function codeRecord(row: CodeRow, now: number): EnrolmentCodeRecord {
  return {
    terminalId: row.terminal_id,
    hallId: row.hall_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    state: codeState(row, now),
  };
}
