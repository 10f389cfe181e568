import fs from 'node:fs';
import path from 'node:path';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { inWorkspace, rel, statOrThrow, isBinary, SKIP_DIRS } from './common.js';

interface Input { path: string; pattern: string; ignoreCase: boolean; maxResults: number }
interface Match { file: string; line: number; text: string }
interface Output { pattern: string; matches: Match[]; truncated: boolean; filesSearched: number }

export default defineTool<Input, Output>({
  run(input, ctx) {
    let re: RegExp;
    try {
      re = new RegExp(input.pattern, input.ignoreCase ? 'i' : '');
    } catch (e: any) {
      throw new NimbusError('NIMBUS_E_INPUT', `fs/search: input /pattern is not a valid regular expression: ${e.message}`);
    }
    const root = inWorkspace(ctx, input.path);
    statOrThrow(root, input.path);
    const matches: Match[] = [];
    let filesSearched = 0;
    let truncated = false;
    const visit = (abs: string): void => {
      if (truncated) return;
      const st = fs.lstatSync(abs);
      if (st.isSymbolicLink()) return; // never follow links out of the workspace
      if (st.isDirectory()) {
        for (const name of fs.readdirSync(abs).sort()) {
          if (SKIP_DIRS.has(name)) continue;
          visit(path.join(abs, name));
        }
        return;
      }
      if (!st.isFile() || st.size > 5 * 1024 * 1024) return;
      const buf = fs.readFileSync(abs);
      if (isBinary(buf)) return;
      filesSearched++;
      const lines = buf.toString('utf8').split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (re.test(lines[i]!)) {
          if (matches.length >= input.maxResults) {
            truncated = true;
            return;
          }
          matches.push({ file: rel(ctx, abs), line: i + 1, text: lines[i]!.slice(0, 400) });
        }
      }
    };
    visit(root);
    return { pattern: input.pattern, matches, truncated, filesSearched };
  },
  render: (o) => o.matches.map((m) => `${m.file}:${m.line}: ${m.text}`).join('\n') + (o.matches.length ? '\n' : '') + (o.truncated ? `… more matches not shown\n` : ''),
  summarize: (o) => `${o.matches.length} matches in ${o.filesSearched} files`,
});
