import fs from 'node:fs';
import path from 'node:path';
import { defineTool, type Preview } from '../../../core/tool.js';
import { confine } from '../../../core/workspace.js';
import { writeFileAtomic } from '../../../core/config.js';
import { unifiedDiff } from '../../../core/diff.js';
import { generateManifest, type GenOptions } from '../lib/generate.js';

interface Input extends GenOptions {
  out?: string;
}

interface Output {
  kind: string;
  name: string;
  yaml: string;
  file?: string;
  written: boolean;
}

function outPath(input: Input, workspace: string): string | undefined {
  return input.out ? confine(input.out, [workspace], { what: '--out', base: workspace }) : undefined;
}

function existing(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export default defineTool<Input, Output>({
  preview(input, ctx): Preview {
    const { yaml } = generateManifest(input, ctx.env);
    const file = outPath(input, ctx.workspace);
    const shown = input.kind === 'secret' ? yaml.replace(/^(\s{2}[^:\n]+: )"?[A-Za-z0-9+/=]+"?$/gm, '$1<hidden>') : yaml;
    if (!file) return { summary: `generate a ${input.kind} named ${input.name} (validated)`, content: shown };
    const rel = path.relative(ctx.workspace, file) || file;
    const old = existing(file);
    if (old === yaml) return { summary: `${rel} already holds this ${input.kind}`, noop: true, files: [{ path: rel, bytes: Buffer.byteLength(yaml), status: 'unchanged' }] };
    if (old !== undefined) return { summary: `overwrite ${rel} with a generated ${input.kind} named ${input.name}`, effect: 'update', diff: unifiedDiff(`a/${rel}`, `b/${rel}`, old, input.kind === 'secret' ? shown : yaml), files: [{ path: rel, bytes: Buffer.byteLength(yaml), status: 'changed' }] };
    return { summary: `write a ${input.kind} named ${input.name} to ${rel} (validated)`, content: shown, files: [{ path: rel, bytes: Buffer.byteLength(yaml), status: 'new' }] };
  },
  run(input, ctx) {
    const { yaml } = generateManifest(input, ctx.env);
    const file = outPath(input, ctx.workspace);
    if (file) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeFileAtomic(file, yaml);
    }
    return { kind: input.kind, name: input.name, yaml, file: file ? path.relative(ctx.workspace, file) || file : undefined, written: !!file };
  },
  render: (o) => (o.written ? `wrote ${o.file} (${o.kind} ${o.name}, validated)\n` : o.yaml),
  summarize: (o) => (o.written ? `generated ${o.kind} ${o.name} into ${o.file}` : `generated ${o.kind} ${o.name}`),
});
