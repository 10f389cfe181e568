import fs from 'node:fs';
import { unifiedDiff } from '../../../core/diff.js';
import { defineTool } from '../../../core/tool.js';
import { inWorkspace, rel, statOrThrow } from './common.js';

interface Input { a: string; b: string }
interface Output { a: string; b: string; identical: boolean; diff: string }

export default defineTool<Input, Output>({
  run(input, ctx) {
    const a = inWorkspace(ctx, input.a, 'a');
    const b = inWorkspace(ctx, input.b, 'b');
    statOrThrow(a, input.a);
    statOrThrow(b, input.b);
    const ta = fs.readFileSync(a, 'utf8');
    const tb = fs.readFileSync(b, 'utf8');
    const diff = ta === tb ? '' : unifiedDiff(rel(ctx, a), rel(ctx, b), ta, tb);
    return { a: rel(ctx, a), b: rel(ctx, b), identical: ta === tb, diff };
  },
  render: (o) => (o.identical ? `${o.a} and ${o.b} are identical\n` : o.diff),
  summarize: (o) => (o.identical ? 'identical' : `${o.diff.split('\n').length} diff lines`),
});
