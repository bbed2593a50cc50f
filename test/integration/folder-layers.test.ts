import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layers of the source folders. `domain/` is pure and imported by everyone; `drivers/` knows
 * devices and the domain only; the central is a separate service and knows nothing of the kiosk;
 * the renderer reaches the backend only through its pure contracts, never its Node code; the
 * provisioning CLI uses the backend's public entry points (a folder's `index.ts`), never its
 * internals, and the backend never imports the CLI.
 */
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE_FOLDERS = ['central', 'domain', 'drivers', 'electron', 'kiosk-config', 'renderer'] as const;
const PROJECT_FOLDERS = [...SOURCE_FOLDERS, 'test', 'scripts'] as const;

interface ImportEdge {
  /** The importing file, relative to the repository, with `/`. */
  from: string;
  /** The imported module resolved against the importing file (no extension added), with `/`. */
  to: string;
  /** The specifier as written. */
  specifier: string;
}

const topFolder = (path: string) => path.split('/')[0]!;
const isProjectPath = (path: string) => (PROJECT_FOLDERS as readonly string[]).includes(topFolder(path));

/** The file name of a module path without its extension: `electron/backend/queue/contract.ts` → `contract`. */
const moduleName = (path: string) => posix.basename(path).replace(/\.(d\.)?[cm]?[jt]sx?$/, '');

/** Why `edge` breaks a layer, or undefined when it does not. */
function layerViolation(edge: ImportEdge): string | undefined {
  const from = topFolder(edge.from);
  const to = edge.to;
  if (!isProjectPath(to)) return undefined;
  const target = topFolder(to);
  if (from === 'central' && ['drivers', 'electron', 'renderer'].includes(target)) {
    return `central/ imports ${target}/ (the central knows nothing of the kiosk)`;
  }
  if (from === 'drivers' && ['central', 'electron', 'renderer', 'kiosk-config'].includes(target)) {
    return `drivers/ imports ${target}/ (drivers know devices and the domain only)`;
  }
  if (from === 'domain' && target !== 'domain') {
    return `domain/ imports ${target}/ (the domain imports nothing of the project)`;
  }
  if (from === 'renderer' && to.startsWith('electron/backend/')) {
    if (moduleName(to) === 'contract' || RENDERER_MAY_IMPORT.has(to.replace(/\.tsx?$/, ''))) return undefined;
    return 'renderer/ imports a backend file that is not a contract (the renderer runs no backend code)';
  }
  if (from === 'kiosk-config' && to.startsWith('electron/backend/') && moduleName(to) !== 'index') {
    return "kiosk-config/ imports a backend internal (use the folder's index.ts entry point)";
  }
  if (from === 'electron' && to.replace(/\.ts$/, '') === 'kiosk-config/cli') {
    return 'electron/ imports the kiosk-config CLI (the CLI uses the backend, not the other way round)';
  }
  return undefined;
}

/**
 * Backend modules besides the slices' contracts that are pure zod and types, shared by the routes
 * and the renderer's typed client: the endpoint table's shape.
 */
const RENDERER_MAY_IMPORT = new Set(['electron/backend/api/endpoint']);

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path);
    }
  };
  walk(join(REPO, folder));
  return found;
}

/** Every import, export-from, dynamic import and require of a file, as TypeScript reads them. */
function importsOf(from: string, text: string): ImportEdge[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map(({ fileName: specifier }) => ({
    from,
    specifier,
    to: specifier.startsWith('.') ? posix.normalize(posix.join(posix.dirname(from), specifier)) : specifier,
  }));
}

function importGraph(): ImportEdge[] {
  return SOURCE_FOLDERS.flatMap((folder) =>
    sourceFiles(folder).flatMap((file) =>
      importsOf(relative(REPO, file).split(sep).join('/'), readFileSync(file, 'utf8')),
    ),
  );
}

describe('folder layers', () => {
  it('finds every kind of import a file can make', () => {
    const edges = importsOf(
      'renderer/src/features/x/Screen.tsx',
      [
        "import { a } from '../../../../electron/backend/queue/service';",
        "import type { B } from '../../../../electron/backend/queue/contract';",
        "export { c } from '../../../../domain/money';",
        "export * from './local';",
        "const lazy = () => import('../../../../electron/backend/kiosk');",
        "import 'zod';",
      ].join('\n'),
    );
    expect(edges.map((e) => e.to)).toEqual([
      'electron/backend/queue/service',
      'electron/backend/queue/contract',
      'domain/money',
      'renderer/src/features/x/local',
      'electron/backend/kiosk',
      'zod',
    ]);
  });

  it('refuses each crossing the layers forbid, and lets the allowed ones through', () => {
    const verdict = (from: string, specifier: string) => {
      const [edge] = importsOf(from, `import x from '${specifier}';`);
      return layerViolation(edge!);
    };
    // central/ knows nothing of the kiosk's folders.
    expect(verdict('central/queue/store.ts', '../../drivers/id-card-reader/types')).toMatch(
      /^central\/ imports drivers\//,
    );
    expect(verdict('central/http/batchable.test.ts', '../../electron/backend/apply/central')).toMatch(
      /electron\//,
    );
    expect(verdict('central/app.ts', '../renderer/src/App')).toMatch(/renderer\//);
    expect(verdict('central/cases/store.ts', '../../domain/masking')).toBeUndefined();
    // drivers/ know devices and the domain.
    expect(verdict('drivers/printer/escpos-printer.ts', '../../central/contract')).toMatch(/^drivers\//);
    expect(verdict('drivers/printer/escpos-printer.ts', '../../kiosk-config/schema')).toMatch(
      /kiosk-config\//,
    );
    expect(verdict('drivers/printer/escpos-printer.ts', '../../electron/backend/kiosk')).toMatch(
      /electron\//,
    );
    expect(verdict('drivers/printer/escpos-printer.ts', '../../domain/clock')).toBeUndefined();
    expect(verdict('drivers/printer/escpos-printer.ts', 'serialport')).toBeUndefined();
    // domain/ imports libraries only.
    expect(verdict('domain/money.ts', '../drivers/printer/document')).toMatch(/^domain\//);
    expect(verdict('domain/hall-time.ts', '../central/contract')).toMatch(/^domain\//);
    expect(verdict('domain/localized-text.ts', 'zod')).toBeUndefined();
    expect(verdict('domain/masking.ts', './id-number')).toBeUndefined();
    // The renderer takes the backend's contracts, never its code.
    expect(verdict('renderer/src/App.tsx', '../../electron/backend/queue/service')).toMatch(/^renderer\//);
    expect(verdict('renderer/src/App.tsx', '../../electron/backend/session/contract-helpers')).toMatch(
      /^renderer\//,
    );
    expect(verdict('renderer/src/App.tsx', '../../electron/backend/queue/contract')).toBeUndefined();
    expect(verdict('renderer/src/App.tsx', '../../electron/backend/api/contract.ts')).toBeUndefined();
    expect(verdict('renderer/src/App.tsx', '../../domain/hall-time')).toBeUndefined();
    // The CLI uses the backend's entry points only; the backend never the CLI.
    expect(verdict('kiosk-config/cli.ts', '../electron/backend/maintenance/pin-hash')).toMatch(
      /^kiosk-config\/ imports a backend internal/,
    );
    expect(verdict('kiosk-config/cli.test.ts', '../electron/backend/store/database')).toMatch(/internal/);
    expect(verdict('kiosk-config/cli.ts', '../electron/backend/maintenance/index')).toBeUndefined();
    expect(verdict('kiosk-config/cli.ts', '../electron/backend/devices/index.ts')).toBeUndefined();
    expect(verdict('kiosk-config/cli.ts', './schema')).toBeUndefined();
    expect(verdict('electron/backend/kiosk.ts', '../../kiosk-config/cli')).toMatch(/^electron\/ imports/);
    expect(verdict('electron/backend/kiosk.ts', '../../kiosk-config/load-config')).toBeUndefined();
  });

  it('holds in the source folders', () => {
    const graph = importGraph();
    // A walk that found nothing would pass whatever the code does.
    expect(graph.filter((e) => e.from.startsWith('central/')).length).toBeGreaterThan(100);
    expect(graph.filter((e) => e.from.startsWith('drivers/')).length).toBeGreaterThan(50);
    expect(graph.filter((e) => e.from.startsWith('domain/')).length).toBeGreaterThan(5);
    expect(
      graph.filter((e) => e.from.startsWith('renderer/') && e.to.startsWith('electron/backend/')).length,
    ).toBeGreaterThan(5);
    expect(
      graph.filter((e) => e.from.startsWith('kiosk-config/') && e.to.startsWith('electron/backend/')).length,
    ).toBeGreaterThan(3);
    const broken = graph.flatMap((edge) => {
      const why = layerViolation(edge);
      return why ? [`${edge.from} imports '${edge.specifier}': ${why}`] : [];
    });
    expect(broken).toEqual([]);
  });
});
