import fs from 'node:fs';
import path from 'node:path';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { inWorkspace, rel, statOrThrow, SKIP_DIRS } from './common.js';

interface Input { path: string; depth: number }
interface Node { name: string; type: 'file' | 'dir'; children?: Node[] }
interface Output { path: string; tree: Node; files: number; dirs: number }

export default defineTool<Input, Output>({
  run(input, ctx) {
    const abs = inWorkspace(ctx, input.path);
    if (!statOrThrow(abs, input.path).isDirectory()) throw new NimbusError('NIMBUS_E_TOOL', `${input.path}: is not a folder`);
    let files = 0;
    let dirs = 0;
    const walk = (dir: string, name: string, depth: number): Node => {
      const node: Node = { name, type: 'dir', children: [] };
      if (depth >= input.depth) return node;
      for (const d of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (d.name.startsWith('.') && d.name !== '.github') continue;
        if (d.isDirectory()) {
          dirs++;
          node.children!.push(SKIP_DIRS.has(d.name) ? { name: d.name, type: 'dir' } : walk(path.join(dir, d.name), d.name, depth + 1));
        } else {
          files++;
          node.children!.push({ name: d.name, type: 'file' });
        }
      }
      return node;
    };
    const shown = rel(ctx, abs);
    return { path: shown, tree: walk(abs, shown, 0), files, dirs };
  },
  render: (o) => {
    const lines: string[] = [o.path];
    const draw = (n: { children?: any[] }, prefix: string) => {
      const kids = n.children ?? [];
      kids.forEach((c, i) => {
        const last = i === kids.length - 1;
        lines.push(`${prefix}${last ? '└── ' : '├── '}${c.name}${c.type === 'dir' ? '/' : ''}`);
        if (c.children) draw(c, prefix + (last ? '    ' : '│   '));
      });
    };
    draw(o.tree, '');
    lines.push('', `${o.dirs} folders, ${o.files} files`);
    return lines.join('\n') + '\n';
  },
  summarize: (o) => `${o.path}: ${o.dirs} folders, ${o.files} files`,
});
