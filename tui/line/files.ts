/** The file `nimbus explain` / `nimbus fix` work on: where it is, what kind it is, its text. */
import fs from 'node:fs';
import path from 'node:path';
import { NimbusError } from '../../core/errors.js';

export type FileKind = 'terraform' | 'kubernetes' | 'helm' | 'dockerfile' | 'shell' | 'compose' | 'yaml' | 'json' | 'other';

export const KIND_LABEL: Record<FileKind, string> = {
  terraform: 'Terraform',
  kubernetes: 'Kubernetes manifest',
  helm: 'Helm chart file',
  dockerfile: 'Dockerfile',
  shell: 'shell script',
  compose: 'Docker Compose file',
  yaml: 'YAML',
  json: 'JSON',
  other: 'text',
};

const FENCE: Record<FileKind, string> = { terraform: 'hcl', kubernetes: 'yaml', helm: 'yaml', dockerfile: 'dockerfile', shell: 'sh', compose: 'yaml', yaml: 'yaml', json: 'json', other: '' };

/** Most bytes of the file put into the prompt. */
export const MAX_FILE_BYTES = 200 * 1024;

export function detectKind(file: string, text: string): FileKind {
  const base = path.basename(file).toLowerCase();
  const ext = path.extname(base);
  if (['.tf', '.tfvars', '.hcl'].includes(ext) || base.endsWith('.tf.json')) return 'terraform';
  if (base === 'dockerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile') || base === 'containerfile') return 'dockerfile';
  if (['.sh', '.bash', '.zsh', '.ksh'].includes(ext) || /^#!.*\b(ba|z|k|da)?sh\b/.test(text)) return 'shell';
  const parts = path.resolve(file).split(path.sep);
  if (base === 'chart.yaml' || base === 'values.yaml' || (parts.includes('templates') && /\{\{.*\}\}/.test(text)) || ext === '.tpl') return 'helm';
  if (/^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(base)) return 'compose';
  if (['.yaml', '.yml'].includes(ext)) return /^apiVersion:\s*\S+/m.test(text) && /^kind:\s*\S+/m.test(text) ? 'kubernetes' : 'yaml';
  if (ext === '.json') return /"apiVersion"\s*:/.test(text) && /"kind"\s*:/.test(text) ? 'kubernetes' : 'json';
  return 'other';
}

export interface TargetFile {
  abs: string;
  /** Path relative to the workspace, as tools take it. */
  rel: string;
  workspace: string;
  text: string;
  kind: FileKind;
  truncated: boolean;
}

/** Read FILE for explain/fix. The workspace is --workspace, or the current folder, or (for a file outside it) the file's folder. */
export function readTarget(cwd: string, file: string, workspaceFlag?: string): TargetFile {
  const abs = path.resolve(cwd, file);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch (e: any) {
    if (e.code === 'ENOENT') throw new NimbusError('NIMBUS_E_NOT_FOUND', `${file}: no such file`);
    throw new NimbusError('NIMBUS_E_INPUT', `${file}: cannot read (${e.code ?? e.message})`);
  }
  if (st.isDirectory()) throw new NimbusError('NIMBUS_E_INPUT', `${file}: is a folder; name a file in it`);
  const buf = fs.readFileSync(abs);
  if (buf.subarray(0, 8000).includes(0)) throw new NimbusError('NIMBUS_E_INPUT', `${file}: is a binary file`);
  let workspace = path.resolve(cwd, workspaceFlag ?? '.');
  const inside = (root: string) => abs === root || abs.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
  if (!inside(workspace)) {
    if (workspaceFlag) throw new NimbusError('NIMBUS_E_PATH', `${file}: is outside the workspace ${workspace}`);
    workspace = path.dirname(abs);
  }
  const truncated = buf.length > MAX_FILE_BYTES;
  const text = (truncated ? buf.subarray(0, MAX_FILE_BYTES) : buf).toString('utf8');
  return { abs, rel: path.relative(workspace, abs), workspace, text, kind: detectKind(abs, text), truncated };
}

export function fenced(t: TargetFile): string {
  const fence = t.text.includes('```') ? '````' : '```';
  return `${fence}${FENCE[t.kind]}\n${t.text.replace(/\n$/, '')}\n${fence}${t.truncated ? `\n(only the first ${MAX_FILE_BYTES / 1024} KB are shown)` : ''}`;
}
