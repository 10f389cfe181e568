import fs from 'node:fs';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { inWorkspace, rel, statOrThrow, isBinary } from './common.js';

interface Input { path: string; maxBytes: number }
interface Output { path: string; bytes: number; truncated: boolean; content: string }

export default defineTool<Input, Output>({
  run(input, ctx) {
    const abs = inWorkspace(ctx, input.path);
    const st = statOrThrow(abs, input.path);
    if (st.isDirectory()) throw new NimbusError('NIMBUS_E_TOOL', `${input.path}: is a folder (use fs list)`);
    const fd = fs.openSync(abs, 'r');
    try {
      const len = Math.min(st.size, input.maxBytes);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, 0);
      if (isBinary(buf)) throw new NimbusError('NIMBUS_E_TOOL', `${input.path}: is a binary file`);
      return { path: rel(ctx, abs), bytes: st.size, truncated: st.size > len, content: buf.toString('utf8') };
    } finally {
      fs.closeSync(fd);
    }
  },
  render: (o) => o.content + (o.truncated ? `\n… (truncated at ${o.content.length} of ${o.bytes} bytes)\n` : ''),
  summarize: (o) => `${o.path}: ${o.bytes} bytes`,
});
