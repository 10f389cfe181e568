import fs from 'node:fs';
import YAML from 'yaml';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { unifiedDiff } from '../../../core/diff.js';
import { writeFileAtomic } from '../../../core/config.js';
import { kubeconfigFiles, loadKubeconfigDoc } from '../lib/kubeconfig.js';

interface Input {
  name: string;
  kubeconfig?: string;
}

interface Output {
  file: string;
  from?: string;
  to: string;
}

/** The file kubectl writes current-context to: the first file that sets it, else the first file. */
function plan(input: Input, ctx: { env: NodeJS.ProcessEnv; config: any }) {
  const { files, source } = kubeconfigFiles({ kubeconfig: input.kubeconfig }, ctx.env, ctx.config);
  const merged = loadKubeconfigDoc(files, source);
  if (!merged.contexts.some((c: any) => c.name === input.name)) {
    throw new NimbusError('NIMBUS_E_INPUT', `no context named "${input.name}" in ${files.join(', ')}`, { hint: `contexts: ${merged.contexts.map((c: any) => c.name).join(', ') || 'none'}` });
  }
  const existing = files.filter((f) => fs.existsSync(f));
  const file = existing.find((f) => (YAML.parse(fs.readFileSync(f, 'utf8')) ?? {})['current-context']) ?? existing[0]!;
  const before = fs.readFileSync(file, 'utf8');
  const doc = YAML.parseDocument(before);
  const from = doc.get('current-context') as string | undefined;
  doc.set('current-context', input.name);
  return { file, before, after: doc.toString(), from };
}

export default defineTool<Input, Output>({
  preview(input, ctx) {
    const p = plan(input, ctx);
    if (p.from === input.name) return { summary: `${input.name} is already the current context in ${p.file}`, noop: true };
    const warnings: string[] = [];
    const pinned = ctx.config.get<string>('kubernetes.default_context');
    if (pinned && pinned !== input.name) warnings.push(`kubernetes.default_context (${pinned}) in the Nimbus config still takes precedence for Nimbus commands`);
    return { summary: `switch the current context from ${p.from ?? '(none)'} to ${input.name} in ${p.file}`, diff: unifiedDiff(`a/${p.file}`, `b/${p.file}`, p.before, p.after), warnings };
  },
  run(input, ctx) {
    const p = plan(input, ctx);
    writeFileAtomic(p.file, p.after);
    return { file: p.file, from: p.from, to: input.name };
  },
  render: (o) => `Switched to context "${o.to}".\n`,
  summarize: (o) => `current context ${o.from ?? '(none)'} → ${o.to} in ${o.file}`,
});
