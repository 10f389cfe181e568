import fs from 'node:fs';
import path from 'node:path';
import { defineTool } from '../tool.js';
import { NimbusError } from '../errors.js';
import { confine } from '../workspace.js';
import { unifiedDiff } from '../diff.js';
import { writeFileAtomic } from '../config.js';
import { scanProject, type ProjectScan } from './scan.js';
import { authorship, extractNotes, renderNimbusMd } from './render.js';

interface Input { path: string }
interface Output { path: string; bytes: number; lines: number; created: boolean; replacedEdits: boolean }

interface Planned { abs: string; shown: string; text: string; old?: string; scan: ProjectScan }

/** The scan each call previewed (the kernel hands preview and run the same input object). */
const planned = new WeakMap<Input, Planned>();
/** The latest scan per workspace, for `nimbus init` to store and compare (same process). */
const latest = new Map<string, ProjectScan>();

export function takeScan(workspace: string): ProjectScan | undefined {
  const s = latest.get(workspace);
  latest.delete(workspace);
  return s;
}

async function plan(input: Input, workspace: string): Promise<Planned> {
  const abs = confine(input.path, [workspace], { what: 'path', base: workspace });
  const shown = path.relative(workspace, abs) || input.path;
  let old: string | undefined;
  try {
    if (fs.statSync(abs).isDirectory()) throw new NimbusError('NIMBUS_E_TOOL', `${shown}: is a folder`);
    old = fs.readFileSync(abs, 'utf8');
  } catch (e: any) {
    if (e instanceof NimbusError) throw e;
    if (e.code !== 'ENOENT') throw new NimbusError('NIMBUS_E_TOOL', `${shown}: cannot read (${e.code ?? e.message})`);
  }
  const scan = await scanProject(workspace);
  latest.set(workspace, scan);
  const text = renderNimbusMd(scan, old !== undefined ? extractNotes(old) : undefined);
  return { abs, shown, text, old, scan };
}

function describe(scan: ProjectScan): string {
  const parts: string[] = [];
  const n = (count: number, one: string, many = one + 's') => `${count} ${count === 1 ? one : many}`;
  if (scan.terraform.length) parts.push(n(scan.terraform.length, 'Terraform root'));
  if (scan.kubernetes.manifests.length) parts.push(n(scan.kubernetes.manifests.length, 'Kubernetes object'));
  if (scan.kubernetes.kustomizations.length) parts.push(n(scan.kubernetes.kustomizations.length, 'kustomization'));
  if (scan.helm.length) parts.push(n(scan.helm.length, 'Helm chart'));
  if (scan.docker.dockerfiles.length) parts.push(n(scan.docker.dockerfiles.length, 'Dockerfile'));
  if (scan.docker.compose.length) parts.push(n(scan.docker.compose.length, 'compose file'));
  if (scan.ci.length) parts.push(n(scan.ci.length, 'CI workflow'));
  return parts.join(', ') || (scan.files ? `${scan.files} file(s), nothing infrastructure-related` : 'an empty folder');
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const p = await plan(input, ctx.workspace);
    planned.set(input, p);
    const lines = p.text.split('\n').length - 1;
    if (p.old === undefined) {
      return { summary: `write ${p.shown} (${lines} lines): ${describe(p.scan)}`, content: p.text.replace(/\n$/, ''), files: [{ path: p.shown, bytes: Buffer.byteLength(p.text), status: 'new' }] };
    }
    if (p.old === p.text) return { summary: `${p.shown} is up to date`, noop: true, files: [{ path: p.shown, bytes: Buffer.byteLength(p.text), status: 'unchanged' }] };
    const diff = unifiedDiff(`a/${p.shown}`, `b/${p.shown}`, p.old, p.text);
    const files = [{ path: p.shown, bytes: Buffer.byteLength(p.text), status: 'changed' as const }];
    if (authorship(p.old) === 'person') {
      // Someone edited the file since Nimbus wrote it (or wrote it by hand): show the diff and ask.
      return {
        summary: `update ${p.shown}: it was edited since Nimbus last wrote it (${describe(p.scan)})`,
        diff,
        files,
        effect: 'update',
        warnings: [`${p.shown} has edits that this would replace (lines marked -); the Team notes section is kept. Put lasting notes there.`],
      };
    }
    return { summary: `update ${p.shown} (${lines} lines): ${describe(p.scan)}`, diff, files };
  },
  async run(input, ctx) {
    const p = planned.get(input) ?? (await plan(input, ctx.workspace));
    // Re-read right before writing: an edit made while the preview was on screen is not overwritten silently.
    let now: string | undefined;
    try {
      now = fs.readFileSync(p.abs, 'utf8');
    } catch {
      now = undefined;
    }
    if (now !== p.old) throw new NimbusError('NIMBUS_E_TOOL', `${p.shown} changed while the preview was shown; nothing was written`, { hint: 'run nimbus init again' });
    writeFileAtomic(p.abs, p.text);
    return { path: p.shown, bytes: Buffer.byteLength(p.text), lines: p.text.split('\n').length - 1, created: p.old === undefined, replacedEdits: p.old !== undefined && authorship(p.old) === 'person' };
  },
  render: (o) => `${o.created ? 'wrote' : 'updated'} ${o.path} (${o.lines} lines)\n`,
  summarize: (o) => `${o.created ? 'wrote' : 'updated'} ${o.path} (${o.bytes} bytes)${o.replacedEdits ? ', replacing edits after approval' : ''}`,
});
