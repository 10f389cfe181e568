import fs from 'node:fs';
import { defineTool } from '../../../core/tool.js';
import { configDir, rel, setupFor } from '../lib/common.js';
import { runChecks, readSourcesInContext, formatReport, type CheckReport } from '../lib/checks.js';

interface Input {
  dir: string;
}

export default defineTool<Input, CheckReport & { dir: string }>({
  async run(input, ctx) {
    const dir = configDir(ctx, input.dir);
    const { files, scope } = readSourcesInContext(dir, fs.realpathSync(ctx.workspace));
    const report = await runChecks(files, setupFor(ctx), { signal: ctx.signal, log: ctx.log, scope });
    return { dir: rel(ctx, dir), ...report };
  },
  render: (o) => `Checks for ${o.dir}:\n${formatReport(o)}`,
  summarize: (o) => `check ${o.dir}: ${o.blocking ? 'blocking: ' + o.blockingReasons.join('; ') : 'passed'} (${o.findings.length} findings)`,
});
