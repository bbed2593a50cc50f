import { resolve } from 'node:path';

/** Where the central keeps its SQLite database unless CENTRAL_DB names another file. */
export const DEFAULT_CENTRAL_DB = '.kiosk-data/central.db';

/**
 * The central's database file, as every central command finds it: the server, the administration
 * CLI and the demo. One place, so a later database URL is added once.
 */
export function centralDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CENTRAL_DB?.trim();
  return resolve(configured ? configured : DEFAULT_CENTRAL_DB);
}
