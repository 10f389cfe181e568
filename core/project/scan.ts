/**
 * The project scanner behind `nimbus init`: walks the workspace (skipping
 * dependency and build folders) and records what the agent should know about
 * it: Terraform roots (providers and versions, modules, backends, workspaces),
 * Kubernetes manifests and kustomizations, Helm charts, Dockerfiles and compose
 * files, CI workflows, languages and package managers, and the cloud accounts,
 * regions and contexts the code refers to. It reads files only; it never runs
 * tools and never keeps a value it does not understand (no secrets).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const SCAN_VERSION = 1;

export interface Hint {
  value: string;
  files: string[];
}

export interface TerraformRoot {
  path: string;
  requiredVersion?: string;
  providers: Array<{ name: string; source?: string; version?: string; locked?: string; aliases?: string[] }>;
  modules: Array<{ name: string; source: string; version?: string }>;
  backend?: { type: string; config: Record<string, string> };
  workspaces: string[];
  currentWorkspace?: string;
  usesWorkspaceName: boolean;
  resources: number;
  resourceTypes: string[];
  dataSources: number;
  variables: string[];
  outputs: string[];
}

export interface ProjectScan {
  version: number;
  name: string;
  files: number;
  truncated: boolean;
  languages: Array<{ name: string; files: number }>;
  packageManagers: Array<{ name: string; path: string }>;
  packages: Array<{ path: string; name?: string; scripts: string[] }>;
  terraform: TerraformRoot[];
  kubernetes: {
    manifests: Array<{ path: string; kind: string; name: string; namespace?: string; apiVersion: string }>;
    kustomizations: Array<{ path: string; namespace?: string; resources: string[] }>;
  };
  helm: Array<{ path: string; name: string; version: string; appVersion?: string; dependencies: Array<{ name: string; version?: string; repository?: string }>; valuesFiles: string[] }>;
  docker: {
    dockerfiles: Array<{ path: string; baseImages: string[]; stages: string[]; expose: string[] }>;
    compose: Array<{ path: string; services: Array<{ name: string; image?: string; build?: string; ports?: string[] }> }>;
  };
  ci: Array<{ system: string; path: string; name?: string; triggers: string[]; jobs: string[] }>;
  cloud: {
    aws: { profiles: Hint[]; regions: Hint[]; accounts: Hint[] };
    gcp: { projects: Hint[]; regions: Hint[] };
    azure: { subscriptions: Hint[]; locations: Hint[] };
    kubeContexts: Hint[];
  };
  problems: Array<{ path: string; message: string }>;
}

const SKIP_DIRS = new Set(['.git', 'node_modules', '.terraform', 'dist', 'build', 'out', 'target', 'vendor', '.venv', 'venv', '__pycache__', '.tox', '.next', '.nuxt', '.cache', 'coverage', '.idea', '.gradle', '.mvn', 'bower_components', '.pytest_cache', '.mypy_cache', '.nimbus']);
const HIDDEN_OK = new Set(['.github', '.gitlab', '.circleci', '.buildkite', '.devcontainer']);
const MAX_FILES = 20000;
const MAX_BYTES = 1024 * 1024;

const LANGUAGES: Record<string, string> = {
  '.ts': 'TypeScript', '.tsx': 'TypeScript', '.mts': 'TypeScript', '.cts': 'TypeScript',
  '.js': 'JavaScript', '.jsx': 'JavaScript', '.mjs': 'JavaScript', '.cjs': 'JavaScript',
  '.py': 'Python', '.go': 'Go', '.java': 'Java', '.kt': 'Kotlin', '.kts': 'Kotlin', '.rb': 'Ruby', '.rs': 'Rust',
  '.cs': 'C#', '.php': 'PHP', '.sh': 'Shell', '.bash': 'Shell', '.tf': 'HCL (Terraform)', '.hcl': 'HCL (Terraform)',
  '.scala': 'Scala', '.swift': 'Swift', '.c': 'C', '.h': 'C', '.cpp': 'C++', '.cc': 'C++', '.hpp': 'C++', '.ps1': 'PowerShell',
  '.lua': 'Lua', '.ex': 'Elixir', '.exs': 'Elixir', '.dart': 'Dart', '.jsonnet': 'Jsonnet', '.libsonnet': 'Jsonnet', '.cue': 'CUE', '.rego': 'Rego',
};

/** Text files searched for cloud hints. */
const HINT_EXT = new Set(['.tf', '.tfvars', '.hcl', '.yaml', '.yml', '.sh', '.bash', '.json', '.env', '.toml', '.ini', '.cfg', '.conf', '.ps1', '.mk']);
const HINT_NAMES = new Set(['Makefile', 'Justfile', 'Taskfile', 'Jenkinsfile', '.envrc', '.env.example', '.env.sample', 'config']);

const SAFE_BACKEND_KEYS = new Set([
  'bucket', 'key', 'region', 'prefix', 'workspace_key_prefix', 'dynamodb_table', 'use_lockfile', 'encrypt', 'profile', 'role_arn',
  'container_name', 'storage_account_name', 'resource_group_name', 'subscription_id',
  'organization', 'hostname', 'path', 'namespace', 'config_path', 'config_context', 'secret_suffix', 'address', 'project',
]);

const AWS_REGION = /\b(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d\b/g;
const GCP_REGION = /\b(?:us|europe|asia|australia|northamerica|southamerica|me|africa)-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)\d\b/g;

function isInterpolated(v: string): boolean {
  return /\$\{|\$\(|\{\{|^\$[A-Za-z_]|^var\.|^local\./.test(v);
}

class HintSet {
  private m = new Map<string, Set<string>>();
  add(value: string | undefined | null, file: string): void {
    if (typeof value !== 'string') return;
    const v = value.trim().replace(/^["']|["']$/g, '');
    if (!v || v.length > 128 || isInterpolated(v)) return;
    let s = this.m.get(v);
    if (!s) this.m.set(v, (s = new Set()));
    s.add(file);
  }
  list(): Hint[] {
    return [...this.m.entries()].map(([value, files]) => ({ value, files: [...files].sort() })).sort((a, b) => a.value.localeCompare(b.value));
  }
}

interface WalkEntry {
  rel: string;
  abs: string;
  name: string;
}

function walk(root: string): { files: WalkEntry[]; dirs: string[]; truncated: boolean } {
  const files: WalkEntry[] = [];
  const dirs: string[] = [];
  let truncated = false;
  const stack = [''];
  while (stack.length) {
    const relDir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, relDir), { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const rel = relDir ? `${relDir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || (e.name.startsWith('.') && !HIDDEN_OK.has(e.name))) continue;
        dirs.push(rel);
        stack.push(rel);
      } else if (e.isFile()) {
        if (files.length >= MAX_FILES) {
          truncated = true;
          continue;
        }
        files.push({ rel, abs: path.join(root, rel), name: e.name });
      }
    }
  }
  files.sort((a, b) => a.rel.localeCompare(b.rel));
  return { files, dirs: dirs.sort(), truncated };
}

function readText(abs: string): string | undefined {
  try {
    const st = fs.statSync(abs);
    if (st.size > MAX_BYTES) return undefined;
    const buf = fs.readFileSync(abs);
    if (buf.subarray(0, 8000).includes(0)) return undefined;
    return buf.toString('utf8');
  } catch {
    return undefined;
  }
}

const dirOf = (rel: string) => (path.posix.dirname(rel) === '.' ? '.' : path.posix.dirname(rel));

let hclParse: ((name: string, src: string) => Promise<any>) | undefined;
async function parseHcl(name: string, src: string): Promise<any> {
  if (!hclParse) hclParse = require('@cdktf/hcl2json').parse;
  return hclParse!(name, src);
}

function firstBlock(x: any): any {
  return Array.isArray(x) ? x[0] : x;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

export interface ScanOptions {
  /** Called for files that could not be parsed (also recorded in problems). */
  onProblem?: (file: string, message: string) => void;
}

/** Scan ROOT. Never throws for a bad file: it is listed in problems and the rest goes on. */
export async function scanProject(root: string, opts: ScanOptions = {}): Promise<ProjectScan> {
  const YAML = require('yaml');
  const { files, dirs, truncated } = walk(root);
  const scan: ProjectScan = {
    version: SCAN_VERSION,
    name: path.basename(path.resolve(root)),
    files: files.length,
    truncated,
    languages: [],
    packageManagers: [],
    packages: [],
    terraform: [],
    kubernetes: { manifests: [], kustomizations: [] },
    helm: [],
    docker: { dockerfiles: [], compose: [] },
    ci: [],
    cloud: { aws: { profiles: [], regions: [], accounts: [] }, gcp: { projects: [], regions: [] }, azure: { subscriptions: [], locations: [] }, kubeContexts: [] },
    problems: [],
  };
  const problem = (file: string, message: string) => {
    scan.problems.push({ path: file, message: message.split('\n')[0]!.replace(/:\s*$/, '').slice(0, 300) });
    opts.onProblem?.(file, message);
  };
  const H = { awsProfiles: new HintSet(), awsRegions: new HintSet(), awsAccounts: new HintSet(), gcpProjects: new HintSet(), gcpRegions: new HintSet(), azSubs: new HintSet(), azLocations: new HintSet(), kube: new HintSet() };

  // Languages.
  const langs = new Map<string, number>();
  for (const f of files) {
    const l = LANGUAGES[path.extname(f.name).toLowerCase()];
    if (l) langs.set(l, (langs.get(l) ?? 0) + 1);
  }
  scan.languages = [...langs.entries()].map(([name, n]) => ({ name, files: n })).sort((a, b) => b.files - a.files || a.name.localeCompare(b.name));

  // Package managers and packages.
  const has = (dir: string, name: string) => files.some((f) => f.rel === (dir === '.' ? name : `${dir}/${name}`));
  const pm = (name: string, file: string) => {
    const d = dirOf(file);
    if (!scan.packageManagers.some((p) => p.name === name && p.path === d)) scan.packageManagers.push({ name, path: d });
  };
  for (const f of files) {
    const d = dirOf(f.rel);
    switch (f.name) {
      case 'package.json': {
        pm(has(d, 'pnpm-lock.yaml') ? 'pnpm' : has(d, 'yarn.lock') ? 'yarn' : has(d, 'bun.lockb') || has(d, 'bun.lock') ? 'bun' : 'npm', f.rel);
        try {
          const pj = JSON.parse(readText(f.abs) ?? '{}');
          scan.packages.push({ path: d, ...(typeof pj.name === 'string' ? { name: pj.name } : {}), scripts: Object.keys(pj.scripts ?? {}).sort() });
        } catch (e: any) {
          problem(f.rel, `invalid JSON: ${e.message}`);
        }
        break;
      }
      case 'requirements.txt':
        pm('pip', f.rel);
        break;
      case 'pyproject.toml':
        pm(has(d, 'poetry.lock') ? 'poetry' : has(d, 'uv.lock') ? 'uv' : has(d, 'pdm.lock') ? 'pdm' : 'pip (pyproject)', f.rel);
        break;
      case 'Pipfile':
        pm('pipenv', f.rel);
        break;
      case 'go.mod':
        pm('go modules', f.rel);
        break;
      case 'Cargo.toml':
        pm('cargo', f.rel);
        break;
      case 'Gemfile':
        pm('bundler', f.rel);
        break;
      case 'pom.xml':
        pm('maven', f.rel);
        break;
      case 'build.gradle':
      case 'build.gradle.kts':
        pm('gradle', f.rel);
        break;
      case 'composer.json':
        pm('composer', f.rel);
        break;
      default:
        if (f.name.endsWith('.csproj')) pm('nuget', f.rel);
    }
  }

  // Terraform: group .tf files by folder.
  const tfDirs = new Map<string, WalkEntry[]>();
  for (const f of files) if (f.name.endsWith('.tf') || f.name.endsWith('.tf.json')) (tfDirs.get(dirOf(f.rel)) ?? tfDirs.set(dirOf(f.rel), []).get(dirOf(f.rel))!).push(f);
  for (const [dir, tfFiles] of [...tfDirs.entries()].sort()) {
    const t: TerraformRoot = { path: dir, providers: [], modules: [], workspaces: [], usesWorkspaceName: false, resources: 0, resourceTypes: [], dataSources: 0, variables: [], outputs: [] };
    const types = new Set<string>();
    const provider = (name: string) => {
      let p = t.providers.find((x) => x.name === name);
      if (!p) t.providers.push((p = { name }));
      return p;
    };
    for (const f of tfFiles) {
      const src = readText(f.abs);
      if (src === undefined) continue;
      if (/\bterraform\.workspace\b/.test(src)) t.usesWorkspaceName = true;
      let doc: any;
      try {
        doc = f.name.endsWith('.json') ? JSON.parse(src) : await parseHcl(f.rel, src);
      } catch (e: any) {
        problem(f.rel, `cannot parse: ${String(e.message ?? e).replace(/^parse config: \[?/, '').replace(/\]$/, '')}`);
        continue;
      }
      for (const tb of [].concat(doc.terraform ?? [])) {
        const block: any = tb;
        if (block.required_version) t.requiredVersion = str(block.required_version);
        for (const rp of [].concat(block.required_providers ?? [])) {
          for (const [name, spec] of Object.entries(rp as any)) {
            const p = provider(name);
            if (typeof spec === 'string') p.version = spec;
            else if (spec && typeof spec === 'object') {
              if ((spec as any).source) p.source = str((spec as any).source);
              if ((spec as any).version) p.version = str((spec as any).version);
            }
          }
        }
        for (const [type, bodies] of Object.entries(block.backend ?? {})) {
          const body = firstBlock(bodies) ?? {};
          const config: Record<string, string> = {};
          for (const [k, v] of Object.entries(body)) if (SAFE_BACKEND_KEYS.has(k) && str(v) !== undefined) config[k] = str(v)!;
          t.backend = { type, config };
          if (type === 's3') {
            H.awsRegions.add(config.region, f.rel);
            H.awsProfiles.add(config.profile, f.rel);
          }
          if (type === 'gcs') H.gcpProjects.add(config.project, f.rel);
          if (type === 'azurerm') H.azSubs.add(config.subscription_id, f.rel);
          if (type === 'kubernetes') H.kube.add(config.config_context, f.rel);
        }
        for (const cloud of [].concat(block.cloud ?? [])) {
          const c: any = cloud;
          const ws = firstBlock(c.workspaces) ?? {};
          t.backend = { type: 'cloud', config: { ...(c.organization ? { organization: str(c.organization)! } : {}), ...(c.hostname ? { hostname: str(c.hostname)! } : {}), ...(ws.name ? { workspace: str(ws.name)! } : {}), ...(ws.tags ? { tags: [].concat(ws.tags).join(',') } : {}) } };
        }
      }
      for (const [name, blocks] of Object.entries(doc.provider ?? {})) {
        const p = provider(name);
        for (const b of [].concat(blocks as any)) {
          const blk: any = b;
          if (blk.alias) (p.aliases ??= []).push(String(blk.alias));
          if (name === 'aws') {
            H.awsRegions.add(str(blk.region), f.rel);
            H.awsProfiles.add(str(blk.profile), f.rel);
            for (const id of [].concat(blk.allowed_account_ids ?? [])) H.awsAccounts.add(str(id), f.rel);
            for (const ar of [].concat(blk.assume_role ?? [])) {
              const m = /arn:aws[\w-]*:iam::(\d{12}):/.exec(str((ar as any).role_arn) ?? '');
              if (m) H.awsAccounts.add(m[1], f.rel);
            }
          } else if (name === 'google' || name === 'google-beta') {
            H.gcpProjects.add(str(blk.project), f.rel);
            H.gcpRegions.add(str(blk.region), f.rel);
          } else if (name === 'azurerm') {
            H.azSubs.add(str(blk.subscription_id), f.rel);
          } else if (name === 'kubernetes' || name === 'helm' || name === 'kubectl') {
            H.kube.add(str(blk.config_context), f.rel);
            for (const k of [].concat(blk.kubernetes ?? [])) H.kube.add(str((k as any).config_context), f.rel);
          }
        }
      }
      for (const [name, blocks] of Object.entries(doc.module ?? {})) {
        const b: any = firstBlock(blocks) ?? {};
        if (typeof b.source === 'string') t.modules.push({ name, source: b.source, ...(b.version ? { version: str(b.version) } : {}) });
      }
      for (const [type, byName] of Object.entries(doc.resource ?? {})) {
        t.resources += Object.keys(byName as any).length;
        types.add(type);
        if (type === 'azurerm_resource_group') for (const b of Object.values(byName as any)) H.azLocations.add(str((firstBlock(b) as any)?.location), f.rel);
      }
      for (const byName of Object.values(doc.data ?? {})) t.dataSources += Object.keys(byName as any).length;
      t.variables.push(...Object.keys(doc.variable ?? {}));
      t.outputs.push(...Object.keys(doc.output ?? {}));
    }
    // Locked provider versions (.terraform.lock.hcl), workspaces (.terraform/environment, terraform.tfstate.d).
    const lock = readText(path.join(root, dir, '.terraform.lock.hcl'));
    if (lock) {
      try {
        const l = await parseHcl(`${dir}/.terraform.lock.hcl`, lock);
        for (const [addr, blocks] of Object.entries(l.provider ?? {})) {
          const name = addr.split('/').pop()!;
          const p = t.providers.find((x) => x.name === name || x.source === addr.split('/').slice(-2).join('/'));
          const v = str((firstBlock(blocks) as any)?.version);
          if (p && v) p.locked = v;
          else if (v) t.providers.push({ name, source: addr.replace(/^registry\.terraform\.io\//, ''), locked: v });
        }
      } catch (e: any) {
        problem(`${dir}/.terraform.lock.hcl`, `cannot parse: ${e.message}`);
      }
    }
    const envFile = readText(path.join(root, dir, '.terraform', 'environment'));
    if (envFile?.trim()) t.currentWorkspace = envFile.trim();
    try {
      t.workspaces = fs.readdirSync(path.join(root, dir, 'terraform.tfstate.d'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    } catch {
      /* none */
    }
    if (t.workspaces.length && !t.workspaces.includes('default')) t.workspaces.unshift('default');
    for (const p of t.providers) if (!p.source && ['aws', 'google', 'azurerm', 'kubernetes', 'helm', 'random', 'null', 'tls', 'local'].includes(p.name)) p.source = `hashicorp/${p.name}`;
    t.providers.sort((a, b) => a.name.localeCompare(b.name));
    t.resourceTypes = [...types].sort();
    t.variables.sort();
    t.outputs.sort();
    scan.terraform.push(t);
  }

  // Helm charts first, so their templates are not read as plain manifests.
  const chartDirs = new Set<string>();
  for (const f of files.filter((x) => x.name === 'Chart.yaml' || x.name === 'Chart.yml')) {
    const d = dirOf(f.rel);
    chartDirs.add(d);
    try {
      const c = YAML.parse(readText(f.abs) ?? '') ?? {};
      scan.helm.push({
        path: d,
        name: String(c.name ?? path.posix.basename(d)),
        version: String(c.version ?? ''),
        ...(c.appVersion !== undefined ? { appVersion: String(c.appVersion) } : {}),
        dependencies: (c.dependencies ?? []).map((x: any) => ({ name: String(x.name), ...(x.version ? { version: String(x.version) } : {}), ...(x.repository ? { repository: String(x.repository) } : {}) })),
        valuesFiles: files.filter((v) => dirOf(v.rel) === d && /^values.*\.ya?ml$/.test(v.name)).map((v) => v.name),
      });
    } catch (e: any) {
      problem(f.rel, `invalid YAML: ${e.message}`);
    }
  }
  const inChart = (rel: string) =>
    [...chartDirs].some((d) => {
      const prefix = d === '.' ? '' : d + '/';
      if (!rel.startsWith(prefix)) return false;
      const sub = rel.slice(prefix.length);
      return sub.startsWith('templates/') || sub.startsWith('charts/') || (!sub.includes('/') && /^values.*\.ya?ml$/.test(sub));
    });

  // YAML: CI, kustomize, compose, Kubernetes manifests.
  for (const f of files) {
    const ext = path.extname(f.name).toLowerCase();
    if (ext !== '.yaml' && ext !== '.yml') continue;
    if (f.name === 'Chart.yaml' || f.name === 'Chart.yml' || f.name === 'Chart.lock' || inChart(f.rel)) continue;
    const text = readText(f.abs);
    if (text === undefined) continue;
    let docs: any[];
    try {
      docs = YAML.parseAllDocuments(text).map((d: any) => {
        if (d.errors?.length) throw new Error(d.errors[0].message.split('\n')[0]);
        return d.toJS();
      });
    } catch (e: any) {
      problem(f.rel, `invalid YAML: ${e.message}`);
      continue;
    }
    const doc = docs[0] ?? {};
    if (/^\.github\/workflows\//.test(f.rel)) {
      const on = doc.on ?? doc.true; // YAML 1.1 parsers read `on` as true
      const triggers = typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : on && typeof on === 'object' ? Object.keys(on) : [];
      scan.ci.push({ system: 'GitHub Actions', path: f.rel, ...(doc.name ? { name: String(doc.name) } : {}), triggers, jobs: Object.keys(doc.jobs ?? {}) });
      continue;
    }
    if (f.rel === '.gitlab-ci.yml' || f.name === '.gitlab-ci.yml') {
      const reserved = new Set(['stages', 'variables', 'default', 'include', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script']);
      scan.ci.push({ system: 'GitLab CI', path: f.rel, triggers: (doc.workflow?.rules ?? []).length ? ['rules'] : ['push'], jobs: Object.keys(doc).filter((k) => !reserved.has(k) && !k.startsWith('.')) });
      continue;
    }
    if (f.rel === '.circleci/config.yml') {
      scan.ci.push({ system: 'CircleCI', path: f.rel, triggers: Object.keys(doc.workflows ?? {}).filter((k) => k !== 'version'), jobs: Object.keys(doc.jobs ?? {}) });
      continue;
    }
    if (f.name === 'azure-pipelines.yml' || f.name === 'bitbucket-pipelines.yml') {
      scan.ci.push({ system: f.name.startsWith('azure') ? 'Azure Pipelines' : 'Bitbucket Pipelines', path: f.rel, triggers: Object.keys(doc.trigger ?? doc.pipelines ?? {}), jobs: (doc.jobs ?? doc.stages ?? []).map((j: any) => String(j.job ?? j.stage ?? j.name ?? '')).filter(Boolean) });
      continue;
    }
    if (/^kustomization\.ya?ml$/.test(f.name)) {
      scan.kubernetes.kustomizations.push({ path: dirOf(f.rel), ...(doc.namespace ? { namespace: String(doc.namespace) } : {}), resources: [...(doc.resources ?? []), ...(doc.bases ?? []), ...(doc.components ?? [])].map(String) });
      continue;
    }
    if (/^(docker-)?compose([.-].*)?\.ya?ml$/.test(f.name) && doc.services && typeof doc.services === 'object') {
      scan.docker.compose.push({
        path: f.rel,
        services: Object.entries(doc.services).map(([name, s]: [string, any]) => ({
          name,
          ...(s?.image ? { image: String(s.image) } : {}),
          ...(s?.build ? { build: typeof s.build === 'string' ? s.build : String(s.build.context ?? '.') } : {}),
          ...(Array.isArray(s?.ports) ? { ports: s.ports.map(String) } : {}),
        })),
      });
      continue;
    }
    for (const d of docs) {
      for (const item of d?.kind === 'List' && Array.isArray(d.items) ? d.items : [d]) {
        if (item && typeof item === 'object' && typeof item.apiVersion === 'string' && typeof item.kind === 'string') {
          if (scan.kubernetes.manifests.length < 1000) {
            scan.kubernetes.manifests.push({ path: f.rel, kind: item.kind, name: String(item.metadata?.name ?? ''), ...(item.metadata?.namespace ? { namespace: String(item.metadata.namespace) } : {}), apiVersion: item.apiVersion });
          }
        }
      }
    }
  }
  if (files.some((f) => f.rel === 'Jenkinsfile')) scan.ci.push({ system: 'Jenkins', path: 'Jenkinsfile', triggers: [], jobs: [] });

  // Dockerfiles.
  for (const f of files) {
    if (!(f.name === 'Dockerfile' || f.name.endsWith('.Dockerfile') || f.name.startsWith('Dockerfile.') || f.name === 'Containerfile')) continue;
    const text = readText(f.abs);
    if (text === undefined) continue;
    const baseImages: string[] = [];
    const stages: string[] = [];
    const expose: string[] = [];
    for (const raw of text.replace(/\\\r?\n/g, ' ').split('\n')) {
      const line = raw.trim();
      const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
      if (from) {
        if (!stages.includes(from[1]!)) baseImages.push(from[1]!);
        if (from[2]) stages.push(from[2]);
      }
      const ex = /^EXPOSE\s+(.+)$/i.exec(line);
      if (ex) expose.push(...ex[1]!.split(/\s+/).filter(Boolean));
    }
    scan.docker.dockerfiles.push({ path: f.rel, baseImages: [...new Set(baseImages)], stages, expose });
  }

  // Cloud hints in text: CLI flags, environment variables, region names.
  for (const f of files) {
    const ext = path.extname(f.name).toLowerCase();
    if (!HINT_EXT.has(ext) && !HINT_NAMES.has(f.name) && !f.name.startsWith('.env')) continue;
    if (f.name === 'package-lock.json' || f.name.endsWith('.lock.json') || (ext === '.json' && inChart(f.rel))) continue;
    const text = readText(f.abs);
    if (text === undefined) continue;
    const grab = (re: RegExp, set: HintSet, group = 1) => {
      for (const m of text.matchAll(re)) set.add(m[group], f.rel);
    };
    grab(/(?:^|[\s"'])AWS_(?:DEFAULT_)?PROFILE\s*[:=]\s*["']?([A-Za-z0-9_.@-]+)/gm, H.awsProfiles);
    grab(/--profile[= ]["']?([A-Za-z0-9_.@-]+)/g, H.awsProfiles);
    grab(/^\s*\[profile ([A-Za-z0-9_.@-]+)\]/gm, H.awsProfiles);
    grab(/(?:^|[\s"'])AWS_(?:DEFAULT_)?REGION\s*[:=]\s*["']?([a-z]{2}-[a-z]+-\d)\b/gm, H.awsRegions);
    grab(/(?:aws-region|region)\s*[:=]\s*["']?([a-z]{2}-[a-z]+-\d)\b/g, H.awsRegions);
    grab(/\barn:aws[\w-]*:iam::(\d{12}):/g, H.awsAccounts);
    grab(/(?:GOOGLE_CLOUD_PROJECT|CLOUDSDK_CORE_PROJECT|GCP_PROJECT(?:_ID)?|GOOGLE_PROJECT)\s*[:=]\s*["']?([a-z][a-z0-9-]{4,28}[a-z0-9])/g, H.gcpProjects);
    grab(/gcloud\b[^\n]*?--project[= ]["']?([a-z][a-z0-9-]{4,28}[a-z0-9])/g, H.gcpProjects);
    grab(/gcloud config set project ["']?([a-z][a-z0-9-]{4,28}[a-z0-9])/g, H.gcpProjects);
    grab(/(?:ARM_SUBSCRIPTION_ID|AZURE_SUBSCRIPTION_ID)\s*[:=]\s*["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi, H.azSubs);
    grab(/az account set\s+(?:--subscription|-s)[= ]["']?([^\s"']+)/g, H.azSubs);
    grab(/(?:kubectl|helm|helmfile|k9s|kubectx)\b[^\n]*?--(?:kube-)?context[= ]["']?([A-Za-z0-9_.:@/-]+)/g, H.kube);
    grab(/kubectl config use-context ["']?([A-Za-z0-9_.:@/-]+)/g, H.kube);
    grab(/kubectx ([A-Za-z0-9_.:@/-]+)\s*$/gm, H.kube);
    grab(/(?:^|[\s"'])KUBE_?CONTEXT\s*[:=]\s*["']?([A-Za-z0-9_.:@/-]+)/gm, H.kube);
    grab(/config_context\s*=\s*"([^"]+)"/g, H.kube);
    if (ext === '.tf' || ext === '.tfvars' || ext === '.hcl' || ext === '.yaml' || ext === '.yml' || ext === '.sh' || f.name === 'Makefile' || f.name.startsWith('.env')) {
      for (const m of text.matchAll(AWS_REGION)) H.awsRegions.add(m[0], f.rel);
      if (/google|gcloud|gcp|gke/i.test(text)) for (const m of text.matchAll(GCP_REGION)) H.gcpRegions.add(m[0], f.rel);
    }
  }
  scan.cloud = {
    aws: { profiles: H.awsProfiles.list(), regions: H.awsRegions.list(), accounts: H.awsAccounts.list() },
    gcp: { projects: H.gcpProjects.list(), regions: H.gcpRegions.list() },
    azure: { subscriptions: H.azSubs.list(), locations: H.azLocations.list() },
    kubeContexts: H.kube.list(),
  };
  scan.problems.sort((a, b) => a.path.localeCompare(b.path));
  void dirs;
  return scan;
}
