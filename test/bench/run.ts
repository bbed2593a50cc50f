import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFigure } from './figure';

// Runs every suite in ./suites and prints each figure next to its target. A missed target or a
// failing measurement is reported, never a crash, so one bad figure does not hide the others.
const suitesDir = join(dirname(fileURLToPath(import.meta.url)), 'suites');
const only = process.argv[2];

let missed = 0;
let failed = 0;
for (const file of readdirSync(suitesDir)
  .filter((f) => f.endsWith('.ts'))
  .sort()) {
  if (only && !file.includes(only)) continue;
  const suite = (await import(pathToFileURL(join(suitesDir, file)).href)) as { figures: BenchFigure[] };
  console.log(`\n${file}`);
  for (const figure of suite.figures) {
    try {
      const value = await figure.measure();
      const met = figure.better === 'lower' ? value <= figure.target : value >= figure.target;
      if (!met) missed++;
      const sign = figure.better === 'lower' ? '<=' : '>=';
      console.log(
        `  ${met ? 'ok  ' : 'MISS'} ${figure.name.padEnd(64)} ${value.toFixed(3).padStart(12)} ${figure.unit.padEnd(6)} target ${sign} ${figure.target} ${figure.unit}`,
      );
    } catch (err) {
      failed++;
      console.log(`  FAIL ${figure.name.padEnd(64)} ${(err as Error).message}`);
    }
  }
}
console.log(`\n${missed} target(s) missed, ${failed} measurement(s) failed`);
process.exit(0);
