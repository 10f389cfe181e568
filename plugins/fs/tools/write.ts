import fs from 'node:fs';
import path from 'node:path';
import { unifiedDiff } from '../../../core/diff.js';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { writeFileAtomic } from '../../../core/config.js';
import { inWorkspace, rel } from './common.js';

interface Input { path: string; content: string }
interface Output { path: string; bytes: number; created: boolean }

function current(abs: string, shown: string): string | undefined {
  try {
    const st = fs.statSync(abs);
    if (st.isDirectory()) throw new NimbusError('NIMBUS_E_TOOL', `${shown}: is a folder`);
    return fs.readFileSync(abs, 'utf8');
  } catch (e: any) {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  }
}

export default defineTool<Input, Output>({
  preview(input, ctx) {
    const abs = inWorkspace(ctx, input.path);
    const shown = rel(ctx, abs);
    const old = current(abs, input.path);
    const lines = input.content.split('\n').length;
    if (old === undefined) return { summary: `create ${shown} (${Buffer.byteLength(input.content)} bytes, ${lines} lines)`, content: input.content };
    if (old === input.content) return { summary: `${shown} is unchanged`, noop: true };
    return { summary: `update ${shown} (${Buffer.byteLength(old)} → ${Buffer.byteLength(input.content)} bytes)`, diff: unifiedDiff(`a/${shown}`, `b/${shown}`, old, input.content) };
  },
  run(input, ctx) {
    const abs = inWorkspace(ctx, input.path);
    const created = current(abs, input.path) === undefined;
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    inWorkspace(ctx, input.path); // re-check after creating folders: nothing may have been swapped for a link
    writeFileAtomic(abs, input.content);
    return { path: rel(ctx, abs), bytes: Buffer.byteLength(input.content), created };
  },
  render: (o) => `${o.created ? 'created' : 'wrote'} ${o.path} (${o.bytes} bytes)\n`,
  summarize: (o) => `${o.created ? 'created' : 'wrote'} ${o.path} (${o.bytes} bytes)`,
});
