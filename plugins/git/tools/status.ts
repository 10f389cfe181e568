import { defineTool } from '../../../core/tool.js';
import { readStatus, renderStatus, type Status } from '../lib/status.js';

interface Input { untracked: boolean }

export default defineTool<Input, Status>({
  run: (input, ctx) => readStatus(ctx, { untracked: input.untracked }),
  render: (s) => renderStatus(s),
  summarize: (s) => `${s.detached ? 'detached HEAD' : s.branch}: ${s.clean ? 'clean' : `${s.files.length} changed file(s)`}${s.conflicts.length ? `, ${s.conflicts.length} conflict(s)` : ''}`,
});
