import { defineTool } from '../../../core/tool.js';
import { git, noOption } from '../lib/git.js';
import { inWorkspace } from '../lib/paths.js';

interface Input { path: string; ref?: string; startLine?: number; endLine?: number }
interface BlameLine { line: number; hash: string; author: string; date: string; summary: string; text: string }
interface Output { path: string; lines: BlameLine[] }

/** Parse `git blame --porcelain`. */
export function parseBlame(text: string): BlameLine[] {
  const out: BlameLine[] = [];
  const meta = new Map<string, { author: string; time: number; summary: string }>();
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length) {
    const header = lines[i++]!;
    const m = /^([0-9a-f]{40}) \d+ (\d+)/.exec(header);
    if (!m) continue;
    const hash = m[1]!;
    const info = meta.get(hash) ?? { author: '', time: 0, summary: '' };
    while (i < lines.length && !lines[i]!.startsWith('\t')) {
      const l = lines[i++]!;
      if (l.startsWith('author ')) info.author = l.slice(7);
      else if (l.startsWith('author-time ')) info.time = Number(l.slice(12));
      else if (l.startsWith('summary ')) info.summary = l.slice(8);
    }
    meta.set(hash, info);
    const content = (lines[i++] ?? '').slice(1);
    out.push({ line: Number(m[2]), hash, author: info.author, date: new Date(info.time * 1000).toISOString(), summary: info.summary, text: content });
  }
  return out;
}

export default defineTool<Input, Output>({
  async run(input, ctx) {
    noOption(input.ref, 'ref');
    inWorkspace(ctx, input.path);
    const range = input.startLine || input.endLine ? ['-L', `${input.startLine ?? 1},${input.endLine ?? ''}`] : [];
    const r = await git(ctx, ['blame', '--porcelain', ...range, ...(input.ref ? [input.ref] : []), '--', input.path]);
    return { path: input.path, lines: parseBlame(r.stdout) };
  },
  render: (o) => o.lines.map((l) => `${l.hash.slice(0, 8)} ${l.author.padEnd(14).slice(0, 14)} ${l.date.slice(0, 10)} ${String(l.line).padStart(4)}) ${l.text}`).join('\n') + '\n',
  summarize: (o) => `${o.path}: ${o.lines.length} line(s)`,
});
