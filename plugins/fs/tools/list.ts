import fs from 'node:fs';
import path from 'node:path';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { inWorkspace, rel, statOrThrow } from './common.js';

interface Input { path: string; all: boolean }
interface Entry { name: string; type: 'file' | 'dir' | 'symlink' | 'other'; size: number }
interface Output { path: string; entries: Entry[] }

export default defineTool<Input, Output>({
  run(input, ctx) {
    const abs = inWorkspace(ctx, input.path);
    if (!statOrThrow(abs, input.path).isDirectory()) throw new NimbusError('NIMBUS_E_TOOL', `${input.path}: is not a folder`);
    const entries = fs
      .readdirSync(abs, { withFileTypes: true })
      .filter((d) => input.all || !d.name.startsWith('.'))
      .map((d): Entry => {
        const type = d.isSymbolicLink() ? 'symlink' : d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other';
        let size = 0;
        try {
          size = type === 'file' ? fs.statSync(path.join(abs, d.name)).size : 0;
        } catch {
          /* vanished */
        }
        return { name: d.name, type, size };
      })
      .sort((a, b) => (a.type === 'dir' ? 0 : 1) - (b.type === 'dir' ? 0 : 1) || a.name.localeCompare(b.name));
    return { path: rel(ctx, abs), entries };
  },
  render: (o) => o.entries.map((e) => (e.type === 'dir' ? `${e.name}/` : e.type === 'symlink' ? `${e.name}@` : `${e.name}  ${e.size}`)).join('\n') + (o.entries.length ? '\n' : ''),
  summarize: (o) => `${o.path}: ${o.entries.length} entries`,
});
