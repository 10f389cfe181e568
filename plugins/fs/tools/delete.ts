import fs from 'node:fs';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { inWorkspace, rel, statOrThrow } from './common.js';

interface Input { path: string }
interface Output { path: string; deleted: 'file' | 'folder' }

export default defineTool<Input, Output>({
  preview(input, ctx) {
    const abs = inWorkspace(ctx, input.path);
    if (abs === fs.realpathSync(ctx.workspace)) throw new NimbusError('NIMBUS_E_PATH', `${input.path}: refusing to delete the workspace itself`);
    const st = statOrThrow(abs, input.path);
    if (st.isDirectory()) {
      if (fs.readdirSync(abs).length) throw new NimbusError('NIMBUS_E_TOOL', `${input.path}: folder is not empty`);
      return { summary: `delete empty folder ${rel(ctx, abs)}` };
    }
    const content = fs.readFileSync(abs, 'utf8');
    const lines = content.split('\n');
    return {
      summary: `delete ${rel(ctx, abs)} (${st.size} bytes)`,
      diff: `--- a/${rel(ctx, abs)}\n+++ /dev/null\n@@ -1,${lines.length} +0,0 @@\n` + lines.map((l) => '-' + l).join('\n') + '\n',
    };
  },
  run(input, ctx) {
    const abs = inWorkspace(ctx, input.path);
    const st = statOrThrow(abs, input.path);
    if (st.isDirectory()) fs.rmdirSync(abs);
    else fs.unlinkSync(abs);
    return { path: rel(ctx, abs), deleted: st.isDirectory() ? 'folder' : 'file' };
  },
  render: (o) => `deleted ${o.path}\n`,
  summarize: (o) => `deleted ${o.path}`,
});
