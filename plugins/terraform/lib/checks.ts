/**
 * The checks run after every generation and by `nimbus terraform check DIR`:
 *   1. terraform fmt -check -recursive
 *   2. terraform init -backend=false + validate for each root module whose
 *      providers the local mirror has (otherwise: skipped, and said so)
 *   3. the built-in policy rules (policy.ts)
 *   4. tflint / checkov when they are on PATH
 * Everything runs on a private copy, so the checked folder is never touched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { checkPolicy, sevRank, type Finding, type SourceFile } from './policy.js';
import { tf, firstError, findOnPath, type TfSetup } from './terraform.js';

export interface ValidateResult {
  root: string;
  status: 'valid' | 'invalid' | 'skipped';
  /** Why it was skipped, or terraform's errors. */
  detail?: string;
}

export interface CheckReport {
  fmt: { status: 'ok' | 'failed' | 'skipped'; files: string[]; detail?: string };
  validate: ValidateResult[];
  findings: Finding[];
  tools: Array<{ name: string; status: 'ran' | 'not-installed' | 'failed'; detail?: string }>;
  /** A failed fmt or validate, or a high finding. */
  blocking: boolean;
  blockingReasons: string[];
}

const SKIP_DIRS = new Set(['.terraform', '.nimbus', '.git', 'node_modules']);

/** The Terraform sources under DIR (paths relative to DIR, POSIX separators). */
export function readSources(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(path.join(d, e.name));
        continue;
      }
      if (!e.isFile()) continue;
      if (!/\.(tf|tfvars|tf\.json|tfvars\.example)$/.test(e.name) && e.name !== '.terraform.lock.hcl') continue;
      const p = path.join(d, e.name);
      out.push({ path: path.relative(dir, p).split(path.sep).join('/'), content: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The sources of DIR plus the local modules it uses outside itself
 * (source = "../../modules/x"): the files are read from the closest common
 * folder (never above LIMIT), and SCOPE is DIR's place in them.
 */
export function readSourcesInContext(dir: string, limit: string): { files: SourceFile[]; scope: string } {
  const seen = new Set<string>();
  let base = path.resolve(dir);
  const lim = path.resolve(limit);
  const visit = (d: string) => {
    if (seen.has(d)) return;
    seen.add(d);
    let names: string[] = [];
    try {
      names = fs.readdirSync(d).filter((n) => n.endsWith('.tf'));
    } catch {
      return;
    }
    for (const n of names) {
      const text = fs.readFileSync(path.join(d, n), 'utf8');
      for (const m of text.matchAll(/source\s*=\s*"(\.\.?\/[^"]*)"/g)) {
        const target = path.resolve(d, m[1]!);
        if (!(target === lim || target.startsWith(lim + path.sep))) continue;
        while (!(target === base || target.startsWith(base + path.sep))) base = path.dirname(base);
        visit(target);
      }
    }
  };
  visit(path.resolve(dir));
  const files = readSources(base);
  const scope = path.relative(base, path.resolve(dir)).split(path.sep).join('/') || '.';
  return { files, scope };
}

const inScope = (p: string, scope: string) => scope === '.' || p === scope || p.startsWith(scope + '/');
const unscope = (p: string, scope: string) => (scope === '.' ? p : p === scope ? '.' : p.slice(scope.length + 1));

/** Folders holding a root module: a provider or backend block. */
export function rootModules(files: SourceFile[]): string[] {
  const roots = new Set<string>();
  for (const f of files) {
    if (!f.path.endsWith('.tf')) continue;
    if (/^\s*provider\s+"/m.test(f.content) || /^\s*backend\s+"/m.test(f.content)) roots.add(path.posix.dirname(f.path));
  }
  return [...roots].sort((a, b) => (a === '.' ? -1 : b === '.' ? 1 : a.localeCompare(b)));
}

/** Provider addresses a root needs (registry.terraform.io/NS/TYPE), from required_providers and provider blocks. */
export function providersOf(files: SourceFile[], root: string): string[] {
  const need = new Set<string>();
  const inScope = (p: string) => path.posix.dirname(p) === root;
  for (const f of files.filter((x) => x.path.endsWith('.tf') && inScope(x.path))) {
    for (const m of f.content.matchAll(/source\s*=\s*"([a-z0-9.-]+\/)?([a-z0-9-]+)\/([a-z0-9-]+)"/g)) {
      if (m[0].includes('./')) continue;
      need.add(`${m[1] ? m[1].replace(/\/$/, '') : 'registry.terraform.io'}/${m[2]}/${m[3]}`);
    }
    for (const m of f.content.matchAll(/^\s*provider\s+"([a-z0-9-]+)"/gm)) {
      if (![...need].some((n) => n.endsWith(`/${m[1]}`))) need.add(`registry.terraform.io/hashicorp/${m[1]}`);
    }
  }
  return [...need].sort();
}

function materialize(files: SourceFile[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-tfcheck-'));
  for (const f of files) {
    const p = path.join(dir, ...f.path.split('/'));
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.content);
  }
  return dir;
}

async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

function runTool(bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], signal });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('error', (e) => resolve({ code: 127, stdout, stderr: e.message }));
    c.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

function tflintFindings(json: string): Finding[] {
  const data = JSON.parse(json);
  return (data.issues ?? []).map((i: any) => ({
    rule: `tflint:${i.rule?.name ?? 'unknown'}`,
    severity: i.rule?.severity === 'error' ? 'high' : i.rule?.severity === 'warning' ? 'medium' : 'low',
    file: String(i.range?.filename ?? '?'),
    line: Number(i.range?.start?.line ?? 1),
    message: String(i.message ?? ''),
    source: 'tflint',
  }));
}

function checkovFindings(json: string): Finding[] {
  const data = JSON.parse(json);
  const reports = Array.isArray(data) ? data : [data];
  const out: Finding[] = [];
  for (const r of reports) {
    for (const c of r?.results?.failed_checks ?? []) {
      const sev = String(c.severity ?? '').toLowerCase();
      out.push({
        rule: `checkov:${c.check_id}`,
        severity: sev === 'critical' || sev === 'high' ? 'high' : sev === 'low' || sev === 'info' ? 'low' : 'medium',
        file: String(c.file_path ?? '?').replace(/^\//, ''),
        line: Number(c.file_line_range?.[0] ?? 1),
        message: String(c.check_name ?? ''),
        resource: c.resource,
        source: 'checkov',
      });
    }
  }
  return out;
}

/** Run all checks on FILES (an in-memory layout or readSources(dir)). */
export async function runChecks(files: SourceFile[], setup: TfSetup, opts: { signal?: AbortSignal; log?: (m: string) => void; scope?: string } = {}): Promise<CheckReport> {
  const scope = opts.scope ?? '.';
  const own = files.filter((f) => inScope(f.path, scope)).map((f) => ({ ...f, path: unscope(f.path, scope) }));
  const tmp = materialize(files);
  const report: CheckReport = { fmt: { status: 'ok', files: [] }, validate: [], findings: [], tools: [], blocking: false, blockingReasons: [] };
  try {
    // 1. fmt
    if (!setup.bin) report.fmt = { status: 'skipped', files: [], detail: 'terraform is not installed' };
    else {
      const r = await tf(setup, ['fmt', '-check', '-recursive', '-list=true', '-no-color', '.'], { cwd: path.join(tmp, scope), signal: opts.signal });
      if (r.code === 0) report.fmt = { status: 'ok', files: [] };
      else if (r.code === 3) report.fmt = { status: 'failed', files: r.stdout.split('\n').map((l) => l.trim()).filter(Boolean), detail: 'files are not formatted' };
      else report.fmt = { status: 'failed', files: [], detail: firstError(r) };
    }
    // 2. validate each root module whose providers are in the mirror.
    const roots = rootModules(own);
    report.validate = await pool(roots, 2, async (root): Promise<ValidateResult> => {
      if (!setup.bin) return { root, status: 'skipped', detail: 'terraform is not installed' };
      const need = providersOf(own, root);
      const missing = need.filter((p) => !setup.mirror.has(p));
      if (missing.length) {
        const where = setup.pluginDir ? `the provider mirror ${setup.pluginDir} does not have it` : 'no provider mirror is configured (terraform.plugin_dir or NIMBUS_TF_PLUGIN_DIR)';
        return { root, status: 'skipped', detail: `validation skipped: provider ${missing.map((m) => m.replace(/^registry\.terraform\.io\//, '')).join(', ')} is not available locally (${where})` };
      }
      const cwd = path.join(tmp, scope, root);
      const env = { TF_DATA_DIR: path.join(tmp, '.tfdata', root.replace(/[\\/]/g, '_')) };
      opts.log?.(`terraform init -backend=false (${root})`);
      const init = await tf(setup, ['init', '-backend=false', '-input=false', '-no-color'], { cwd, env, signal: opts.signal });
      if (init.code !== 0) return { root, status: 'invalid', detail: `init: ${firstError(init)}` };
      opts.log?.(`terraform validate (${root})`);
      const v = await tf(setup, ['validate', '-json', '-no-color'], { cwd, env, signal: opts.signal });
      try {
        const j = JSON.parse(v.stdout);
        if (j.valid) return { root, status: 'valid' };
        const errs = (j.diagnostics ?? []).filter((d: any) => d.severity === 'error').map((d: any) => `${d.range?.filename ? `${path.posix.join(root, d.range.filename)}:${d.range.start?.line}: ` : ''}${d.summary}${d.detail ? `: ${String(d.detail).split('\n')[0]}` : ''}`);
        return { root, status: 'invalid', detail: errs.join('; ') };
      } catch {
        return { root, status: 'invalid', detail: firstError(v) };
      }
    });
    // 3. policy
    report.findings = checkPolicy(own);
    // 4. tflint / checkov when installed
    const tflint = findOnPath('tflint', setup.env);
    if (tflint) {
      const r = await runTool(tflint, ['--recursive', '--format=json', '--force'], path.join(tmp, scope), setup.env, opts.signal);
      try {
        report.findings.push(...tflintFindings(r.stdout));
        report.tools.push({ name: 'tflint', status: 'ran' });
      } catch {
        report.tools.push({ name: 'tflint', status: 'failed', detail: (r.stderr || r.stdout).split('\n')[0] });
      }
    } else report.tools.push({ name: 'tflint', status: 'not-installed' });
    const checkov = findOnPath('checkov', setup.env);
    if (checkov) {
      const r = await runTool(checkov, ['-d', '.', '-o', 'json', '--quiet', '--compact', '--framework', 'terraform'], path.join(tmp, scope), setup.env, opts.signal);
      try {
        report.findings.push(...checkovFindings(r.stdout));
        report.tools.push({ name: 'checkov', status: 'ran' });
      } catch {
        report.tools.push({ name: 'checkov', status: 'failed', detail: (r.stderr || r.stdout).split('\n')[0] });
      }
    } else report.tools.push({ name: 'checkov', status: 'not-installed' });
    report.findings.sort((a, b) => sevRank(a.severity) - sevRank(b.severity) || a.file.localeCompare(b.file) || a.line - b.line);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (report.fmt.status === 'failed') report.blockingReasons.push(`terraform fmt: ${report.fmt.files.length ? report.fmt.files.join(', ') + ' not formatted' : report.fmt.detail}`);
  for (const v of report.validate) if (v.status === 'invalid') report.blockingReasons.push(`terraform validate (${v.root}): ${v.detail}`);
  const high = report.findings.filter((f) => f.severity === 'high');
  if (high.length) report.blockingReasons.push(`${high.length} high finding${high.length > 1 ? 's' : ''} (${[...new Set(high.map((f) => f.rule))].join(', ')})`);
  report.blocking = report.blockingReasons.length > 0;
  return report;
}

/** The report for people: one line per check, then the findings. */
export function formatReport(r: CheckReport): string {
  const out: string[] = [];
  out.push(`fmt: ${r.fmt.status}${r.fmt.detail ? ` (${r.fmt.detail}${r.fmt.files.length ? `: ${r.fmt.files.join(', ')}` : ''})` : ''}`);
  for (const v of r.validate) out.push(`validate ${v.root}: ${v.status}${v.detail ? ` — ${v.detail}` : ''}`);
  if (!r.validate.length) out.push('validate: no root module found');
  for (const t of r.tools) out.push(`${t.name}: ${t.status === 'not-installed' ? 'not installed, skipped' : t.status}${t.detail ? ` (${t.detail})` : ''}`);
  const counts = ['high', 'medium', 'low'].map((s) => `${r.findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  out.push(`policy: ${r.findings.length ? counts : 'no findings'}`);
  for (const f of r.findings) out.push(`  ${f.severity.toUpperCase().padEnd(6)} ${f.rule}  ${f.file}:${f.line}  ${f.message}`);
  if (r.blocking) out.push(`blocking: ${r.blockingReasons.join('; ')}`);
  return out.join('\n') + '\n';
}
