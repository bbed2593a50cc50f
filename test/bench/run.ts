import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFigure } from './figure';

// Runs every suite in ./suites (or those whose file name contains the first argument) and prints
// one row a figure: its value, its bare baseline measured just before it, the ratio value/baseline
// and the target ratio. The absolute value is kept for information; the ratio decides, since the
// machine's speed cancels out of it. A missed target or a failing measurement is reported, never a
// crash, so one bad figure does not hide the others.
const suitesDir = join(dirname(fileURLToPath(import.meta.url)), 'suites');
const only = process.argv[2];

const num = (v: number) =>
  v.toLocaleString('en', { maximumFractionDigits: v >= 100 ? 0 : v >= 1 ? 2 : 3, minimumFractionDigits: 0 });
const withUnit = (v: number, unit: string) => `${num(v)} ${unit}`;
const row = (cells: string[]) =>
  `  ${cells[0]!.padEnd(4)} ${cells[1]!.padEnd(66)} ${cells[2]!.padStart(16)} ${cells[3]!.padStart(16)} ${cells[4]!.padStart(7)} ${cells[5]!.padEnd(10)} ${cells[6]}`;

async function judge(figure: BenchFigure): Promise<{ met: boolean; cells: string[] }> {
  const sign = figure.better === 'lower' ? '≤' : '≥';
  const meets = (value: number, target: number) =>
    figure.better === 'lower' ? value <= target : value >= target;
  if (!figure.baseline) {
    const value = await figure.measure();
    const met = meets(value, figure.target);
    return {
      met,
      cells: [
        met ? 'ok' : 'MISS',
        figure.name,
        withUnit(value, figure.unit),
        '—',
        '—',
        `${sign} ${num(figure.target)} ${figure.unit}`,
        'absolute: does not follow the machine',
      ],
    };
  }
  if (figure.baseline.unit !== figure.unit) {
    throw new Error(
      `baseline "${figure.baseline.name}" is in ${figure.baseline.unit}, the figure in ${figure.unit}`,
    );
  }
  const base = await figure.baseline.measure();
  const value = await figure.measure();
  if (!(base > 0)) throw new Error(`baseline "${figure.baseline.name}" measured ${base} ${figure.unit}`);
  const ratio = value / base;
  const met = meets(ratio, figure.targetRatio);
  return {
    met,
    cells: [
      met ? 'ok' : 'MISS',
      figure.name,
      withUnit(value, figure.unit),
      withUnit(base, figure.unit),
      `${ratio.toFixed(ratio >= 10 ? 1 : ratio >= 1 ? 2 : 3)}×`,
      `${sign} ${figure.targetRatio}×`,
      figure.baseline.name,
    ],
  };
}

console.log('ratio = figure / baseline; a lower-is-better figure passes at or under its target ratio,');
console.log('a higher-is-better one (rates) at or over it.');
let missed = 0;
let failed = 0;
for (const file of readdirSync(suitesDir)
  .filter((f) => f.endsWith('.ts'))
  .sort()) {
  if (only && !file.includes(only)) continue;
  console.log(`\n${file}`);
  let suite: { figures: BenchFigure[] };
  try {
    suite = (await import(pathToFileURL(join(suitesDir, file)).href)) as { figures: BenchFigure[] };
  } catch (err) {
    failed++;
    console.log(`  FAIL the suite does not load: ${(err as Error).message}`);
    continue;
  }
  console.log(row(['', 'figure', 'value', 'baseline', 'ratio', 'target', 'baseline measures']));
  for (const figure of suite.figures) {
    try {
      const { met, cells } = await judge(figure);
      if (!met) missed++;
      console.log(row(cells));
    } catch (err) {
      failed++;
      console.log(`  FAIL ${figure.name.padEnd(66)} ${(err as Error).message}`);
    }
  }
}
console.log(`\n${missed} target(s) missed, ${failed} measurement(s) failed`);
process.exit(0);
