import fs from 'node:fs';
import { defineTool } from '../../../core/tool.js';
import { configDir, rel, setupFor } from '../lib/common.js';
import { runChecks, readSourcesInContext, type ValidateResult } from '../lib/checks.js';

interface Input {
  dir: string;
}

export default defineTool<Input, { dir: string; valid: boolean; roots: ValidateResult[] }>({
  async run(input, ctx) {
    const dir = configDir(ctx, input.dir);
    const { files, scope } = readSourcesInContext(dir, fs.realpathSync(ctx.workspace));
    const report = await runChecks(files, setupFor(ctx), { signal: ctx.signal, log: ctx.log, scope });
    return { dir: rel(ctx, dir), valid: report.validate.every((v) => v.status !== 'invalid'), roots: report.validate };
  },
  render: (o) => o.roots.map((v) => `${v.root}: ${v.status}${v.detail ? ` — ${v.detail}` : ''}`).join('\n') + '\n',
  summarize: (o) => `validate ${o.dir}: ${o.roots.map((v) => `${v.root} ${v.status}`).join(', ')}`,
});
