import { defineTool } from '../../../core/tool.js';
import { logCommits, noOption, git, type Commit } from '../lib/git.js';
import { parseDiffFiles, renderDiffStat, type DiffFile } from '../lib/diff.js';

interface Input { ref: string; stat: boolean }
interface Output { commit: Commit; files: DiffFile[]; patch?: string }

export default defineTool<Input, Output>({
  async run(input, ctx) {
    noOption(input.ref, 'ref');
    const [commit] = await logCommits(ctx, ['-1', input.ref]);
    const base = ['show', '--format=', '-M', '--first-parent'];
    const [ns, num, patch] = await Promise.all([
      git(ctx, [...base, '--name-status', '-z', input.ref, '--']),
      git(ctx, [...base, '--numstat', '-z', input.ref, '--']),
      input.stat ? Promise.resolve(undefined) : git(ctx, [...base, '--no-ext-diff', input.ref, '--']),
    ]);
    const files = parseDiffFiles(ns.stdout, num.stdout);
    return patch ? { commit: commit!, files, patch: patch.stdout } : { commit: commit!, files };
  },
  render: (o) =>
    `commit ${o.commit.hash}\nAuthor: ${o.commit.author} <${o.commit.email}>\nDate:   ${o.commit.date}\n\n    ${o.commit.subject}\n${o.commit.body ? '\n' + o.commit.body.split('\n').map((l) => '    ' + l).join('\n') + '\n' : ''}\n` +
    (o.patch !== undefined ? o.patch : renderDiffStat(o.files)),
  summarize: (o) => `${o.commit.shortHash} ${o.commit.subject}`,
});
