/**
 * `npm run bench`: runs every bench module in dist/bench (each exports
 * `bench()` returning figures) and prints them. Figures are ratios or
 * differences against a baseline measured in the same run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  ok?: boolean;
  detail?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'run.js' && !f.startsWith('_'))
  .filter((f) => !only.length || only.some((o) => f.startsWith(o)))
  .sort();

let failed = 0;
for (const f of files) {
  const mod = await import(pathToFileURL(path.join(here, f)).href);
  if (typeof mod.bench !== 'function') continue;
  process.stdout.write(`\n## ${f.replace(/\.js$/, '')}\n`);
  try {
    const figures: Figure[] = await mod.bench();
    for (const fig of figures) {
      const mark = fig.ok === undefined ? ' ' : fig.ok ? '✓' : '✗';
      if (fig.ok === false) failed++;
      process.stdout.write(`${mark} ${fig.name.padEnd(58)} ${fig.value.toFixed(fig.unit === 'x' ? 2 : 3).padStart(10)} ${fig.unit.padEnd(6)}${fig.target ? ` (target ${fig.target})` : ''}${fig.detail ? `  ${fig.detail}` : ''}\n`);
    }
  } catch (e: any) {
    failed++;
    process.stdout.write(`✗ ${f}: ${e?.message ?? e}\n`);
  }
}
process.stdout.write(`\n${failed ? `${failed} figure(s) missed their target` : 'all figures within target'}\n`);
