import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { centralDatabasePath } from './db/location';
import { CITIZEN_REF_KEY_ENV, citizenRefKeyAt, SettingError } from './db/settings';
import { startCentral } from './start';

// Standalone central API for development: `npm run central`.
const DEFAULT_PORT = 5790;
const DEV_TOKEN = 'dev-terminal-token-0000';

const port = Number(process.env.CENTRAL_PORT ?? DEFAULT_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`CENTRAL_PORT must be a port number, got ${process.env.CENTRAL_PORT}`);
  process.exit(1);
}
const dbPath = centralDatabasePath(process.env);
mkdirSync(dirname(dbPath), { recursive: true });

let deviceTokens = (process.env.CENTRAL_DEVICE_TOKENS ?? '')
  .split(',')
  .map((t) => t.trim())
  .filter((t) => t.length > 0);
if (deviceTokens.length === 0) {
  deviceTokens = [DEV_TOKEN];
  console.warn(
    `central: CENTRAL_DEVICE_TOKENS is not set; accepting the DEVELOPMENT token "${DEV_TOKEN}". Never use it in a hall.`,
  );
}

// Every enrolled kiosk gets this key, so all kiosks of this central make the same citizen reference
// of a card. Resolved before listening: a bad override stops the start with one plain line.
let citizenRefKey: string;
try {
  const resolved = citizenRefKeyAt(dbPath, process.env, Date.now());
  citizenRefKey = resolved.key;
  console.warn(
    {
      environment: `central: citizen-reference key from ${CITIZEN_REF_KEY_ENV}`,
      database: 'central: citizen-reference key from the database',
      generated: 'central: generated a citizen-reference key and kept it in the database',
    }[resolved.source],
  );
} catch (err) {
  console.error(
    err instanceof SettingError
      ? `central: ${err.message}`
      : `central: cannot open the database ${dbPath}: ${(err as Error).message}`,
  );
  process.exit(1);
}

const central = await startCentral({
  dbPath,
  port,
  host: '127.0.0.1',
  deviceTokens,
  logger: true,
  citizenRefKey,
});
console.warn(
  `central: listening on ${central.baseUrl} (database ${dbPath}); docs at ${central.baseUrl}/docs`,
);

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  console.warn(`central: ${signal} received, closing`);
  try {
    await central.close();
    process.exit(0);
  } catch (err) {
    console.error('central: shutdown failed', err);
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
