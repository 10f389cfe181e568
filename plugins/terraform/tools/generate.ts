import fs from 'node:fs';
import path from 'node:path';
import { defineTool, type ToolContext } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { unifiedDiff } from '../../../core/diff.js';
import { writeFileAtomic } from '../../../core/config.js';
import { resolveAnswers, type Resolved } from '../lib/answers.js';
import { renderLayout, type RenderedFile } from '../lib/render.js';
import { runChecks, formatReport, type CheckReport } from '../lib/checks.js';
import { workspaceDir, rel, setupFor } from '../lib/common.js';

interface Input {
  answers: Record<string, unknown>;
  out: string;
  allow_findings: boolean;
  show_content: boolean;
}
interface Output {
  out: string;
  provider: string;
  components: string[];
  added: Resolved['added'];
  environments: string[];
  files: Array<{ path: string; bytes: number; status: 'new' | 'changed' | 'unchanged' }>;
  checks: CheckReport;
}

interface Prepared {
  resolved: Resolved;
  files: RenderedFile[];
  report: CheckReport;
  status: Map<string, 'new' | 'changed' | 'unchanged'>;
  abs: string;
}
const prepared = new WeakMap<object, Prepared>();

function current(p: string): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch (e: any) {
    if (e.code === 'ENOENT') return undefined;
    if (e.code === 'EISDIR') throw new NimbusError('NIMBUS_E_TOOL', `${p}: is a folder, a file is expected there`);
    throw e;
  }
}

async function prepare(input: Input, ctx: ToolContext): Promise<Prepared> {
  const cached = prepared.get(input);
  if (cached) return cached;
  const resolved = resolveAnswers(input.answers, 'answers');
  const abs = workspaceDir(ctx, input.out, 'out');
  if (fs.existsSync(abs) && !fs.statSync(abs).isDirectory()) throw new NimbusError('NIMBUS_E_INPUT', `out: ${input.out} is a file, not a folder`);
  const files = renderLayout(resolved);
  ctx.log(`rendered ${files.length} files; running the checks`);
  const report = await runChecks(files, setupFor(ctx), { signal: ctx.signal, log: ctx.log });
  if (report.blocking && !input.allow_findings) {
    throw new NimbusError('NIMBUS_E_TOOL', `the generated configuration failed the checks, nothing was written: ${report.blockingReasons.join('; ')}`, {
      hint: 'fix the answers, or pass --allow-findings to write it anyway',
      details: { report: formatReport(report) },
    });
  }
  const status = new Map<string, 'new' | 'changed' | 'unchanged'>();
  for (const f of files) {
    const old = current(path.join(abs, f.path));
    status.set(f.path, old === undefined ? 'new' : old === f.content ? 'unchanged' : 'changed');
  }
  const p = { resolved, files, report, status, abs };
  prepared.set(input, p);
  return p;
}

function checksLine(r: CheckReport): string {
  const v = r.validate;
  const valid = v.filter((x) => x.status === 'valid').length;
  const skipped = v.filter((x) => x.status === 'skipped').length;
  const findings = r.findings.length ? ['high', 'medium', 'low'].map((s) => `${r.findings.filter((f) => f.severity === s).length} ${s}`).join('/') : 'no findings';
  return `fmt ${r.fmt.status}, validate ${valid}/${v.length} valid${skipped ? ` (${skipped} skipped: no provider)` : ''}, policy ${findings}`;
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const p = await prepare(input, ctx);
    const changed = p.files.filter((f) => p.status.get(f.path) === 'changed');
    const fresh = p.files.filter((f) => p.status.get(f.path) === 'new');
    const out = rel(ctx, p.abs);
    const warnings: string[] = [];
    for (const a of p.resolved.added) warnings.push(`added ${a.component} (${a.reason})`);
    for (const v of p.report.validate) if (v.status === 'skipped') warnings.push(`${v.root}: ${v.detail}`);
    for (const f of p.report.findings) warnings.push(`${f.severity} ${f.rule} ${f.file}:${f.line} ${f.message}`);
    if (p.report.blocking) warnings.push(`written despite blocking checks (--allow-findings): ${p.report.blockingReasons.join('; ')}`);
    if (!changed.length && !fresh.length) return { summary: `${out}: the ${p.files.length} generated files are already up to date`, noop: true };
    return {
      summary: `generate ${p.resolved.provider} Terraform in ${out}: ${fresh.length} new, ${changed.length} changed file${changed.length === 1 ? '' : 's'} (${p.resolved.components.join(', ')}; ${p.resolved.environments.join(', ')}); checks: ${checksLine(p.report)}`,
      files: p.files.map((f) => ({ path: path.posix.join(out, f.path), bytes: Buffer.byteLength(f.content), status: p.status.get(f.path)! })),
      effect: changed.length ? 'update' : undefined,
      diff: changed.length ? changed.map((f) => unifiedDiff(`a/${path.posix.join(out, f.path)}`, `b/${path.posix.join(out, f.path)}`, current(path.join(p.abs, f.path)) ?? '', f.content)).join('') : undefined,
      content: input.show_content ? p.files.map((f) => `# ==> ${f.path} <==\n${f.content}`).join('\n') : undefined,
      warnings,
    };
  },
  async run(input, ctx) {
    const p = await prepare(input, ctx);
    const abs = workspaceDir(ctx, input.out, 'out');
    for (const f of p.files) {
      if (p.status.get(f.path) === 'unchanged') continue;
      const target = path.join(abs, f.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      workspaceDir(ctx, path.join(input.out, f.path), 'out'); // nothing may have been swapped for a link
      writeFileAtomic(target, f.content);
    }
    return {
      out: rel(ctx, abs),
      provider: p.resolved.provider,
      components: p.resolved.components,
      added: p.resolved.added,
      environments: p.resolved.environments,
      files: p.files.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.content), status: p.status.get(f.path)! })),
      checks: p.report,
    };
  },
  render(o) {
    const lines = [`Generated ${o.provider} Terraform in ${o.out}/ (${o.components.join(', ')}; environments ${o.environments.join(', ')})`];
    for (const f of o.files) lines.push(`  ${f.status === 'new' ? '✓' : f.status === 'changed' ? '~' : '='} ${f.path}${f.status === 'unchanged' ? ' (unchanged)' : ''}`);
    for (const a of o.added) lines.push(`  note: added ${a.component} (${a.reason})`);
    lines.push('', 'Checks:', ...formatReport(o.checks).trimEnd().split('\n').map((l) => '  ' + l));
    return lines.join('\n') + '\n';
  },
  summarize: (o) => `generated ${o.files.length} files in ${o.out} (${o.provider}: ${o.components.join(', ')}); checks: ${checksLine(o.checks)}`,
});
