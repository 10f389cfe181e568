import fs from 'node:fs';
import path from 'node:path';
import { defineTool, type Preview } from '../../../core/tool.js';
import { confine } from '../../../core/workspace.js';
import { writeFileAtomic } from '../../../core/config.js';
import { unifiedDiff } from '../../../core/diff.js';
import { generateChart, type ChartOptions } from '../lib/chart.js';

interface Input extends ChartOptions {
  out?: string;
}

interface Output {
  dir: string;
  files: string[];
}

function plan(input: Input, workspace: string) {
  const files = generateChart(input);
  const dir = confine(input.out ?? input.name, [workspace], { what: '--out', base: workspace });
  const rel = path.relative(workspace, dir) || '.';
  const entries = [...files].map(([f, content]) => {
    const abs = path.join(dir, f);
    let old: string | undefined;
    try {
      old = fs.readFileSync(abs, 'utf8');
    } catch {
      old = undefined;
    }
    return { f, abs, shown: path.join(rel, f), content, old, status: old === undefined ? ('new' as const) : old === content ? ('unchanged' as const) : ('changed' as const) };
  });
  return { dir, rel, entries };
}

export default defineTool<Input, Output>({
  preview(input, ctx): Preview {
    const { rel, entries } = plan(input, ctx.workspace);
    const files = entries.map((e) => ({ path: e.shown, bytes: Buffer.byteLength(e.content), status: e.status }));
    if (entries.every((e) => e.status === 'unchanged')) return { summary: `chart ${rel} is already up to date`, noop: true, files };
    const changed = entries.filter((e) => e.status === 'changed');
    if (changed.length) return { summary: `overwrite ${changed.length} file(s) of the chart in ${rel}`, effect: 'update', files, diff: changed.map((e) => unifiedDiff(`a/${e.shown}`, `b/${e.shown}`, e.old!, e.content)).join('') };
    return { summary: `scaffold Helm chart ${input.name} in ${rel}/ (${entries.length} files)`, files };
  },
  run(input, ctx) {
    const { dir, rel, entries } = plan(input, ctx.workspace);
    for (const e of entries) {
      if (e.status === 'unchanged') continue;
      fs.mkdirSync(path.dirname(e.abs), { recursive: true });
      writeFileAtomic(e.abs, e.content);
    }
    void dir;
    return { dir: rel, files: entries.map((e) => e.f) };
  },
  render: (o) => `wrote chart ${o.dir}/ (${o.files.length} files)\nnext: nimbus helm lint ${o.dir} && nimbus helm install NAME ${o.dir} -f ${o.dir}/values-dev.yaml\n`,
  summarize: (o) => `scaffolded chart in ${o.dir} (${o.files.length} files)`,
});
