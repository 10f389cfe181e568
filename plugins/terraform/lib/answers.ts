/**
 * The generator's answers: reading (YAML/JSON), validating against the
 * published schema (plugins/terraform/answers.schema.json), resolving
 * component aliases and dependencies, and filling in defaults, including the
 * per-environment sizing. Every error is one line naming the source and field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { NimbusError } from '../../../core/errors.js';
import { BUILTIN_PLUGINS_DIR } from '../../../core/paths.js';
import { AJV_OPTIONS, schemaHash } from './answers-compile.js';
import precompiled, { SCHEMA_SHA256 as PRECOMPILED_SHA256 } from './answers-validator.js';

const require = createRequire(import.meta.url);

export type Cloud = 'aws' | 'gcp' | 'azure';
export const CLOUDS: Cloud[] = ['aws', 'gcp', 'azure'];
export const COMPONENTS = ['vpc', 'kms', 'iam', 'storage', 'database', 'compute', 'kubernetes', 'containers'] as const;
export type Component = (typeof COMPONENTS)[number];

/** Cloud-specific names accepted for each cloud-neutral component key. */
export const ALIASES: Record<string, Component> = {
  network: 'vpc', networking: 'vpc', vnet: 'vpc', subnets: 'vpc',
  ec2: 'compute', gce: 'compute', 'compute-engine': 'compute', vm: 'compute', vms: 'compute', 'virtual-machines': 'compute', instances: 'compute',
  eks: 'kubernetes', gke: 'kubernetes', aks: 'kubernetes', k8s: 'kubernetes',
  ecs: 'containers', fargate: 'containers', 'ecs-fargate': 'containers', cloudrun: 'containers', 'cloud-run': 'containers', 'container-apps': 'containers', containerapps: 'containers',
  rds: 'database', cloudsql: 'database', 'cloud-sql': 'database', sql: 'database', db: 'database', postgres: 'database', postgresql: 'database', mysql: 'database', 'flexible-server': 'database',
  s3: 'storage', gcs: 'storage', 'cloud-storage': 'storage', blob: 'storage', 'storage-account': 'storage', bucket: 'storage', buckets: 'storage',
  roles: 'iam', 'service-accounts': 'iam', 'managed-identity': 'iam', identity: 'iam',
  keyvault: 'kms', 'key-vault': 'kms', 'cloud-kms': 'kms', keys: 'kms',
};

/** What each component needs. */
const NEEDS: Record<Component, Component[]> = {
  vpc: [],
  kms: [],
  iam: [],
  storage: ['kms'],
  database: ['vpc', 'kms'],
  compute: ['vpc', 'kms'],
  kubernetes: ['vpc', 'kms'],
  containers: ['vpc'],
};

export interface Sizing {
  compute: { instance_type: string; count: number };
  kubernetes: { version: string; node_type: string; node_count: number; node_min: number; node_max: number };
  containers: { image: string; cpu: number; memory: number; desired_count: number };
  database: { engine: 'postgres' | 'mysql'; engine_version: string; instance_class: string; storage_gb: number; high_availability: boolean; deletion_protection: boolean };
  storage: { versioning: boolean; noncurrent_days: number };
}

export interface Resolved {
  provider: Cloud;
  region: string;
  name: string;
  project_id?: string;
  components: Component[];
  /** Components added because another needs them. */
  added: Array<{ component: Component; reason: string }>;
  networking: { cidr: string; az_count: number; public_subnets: boolean; private_subnets: boolean; nat: 'none' | 'single' | 'ha'; admin_cidrs: string[] };
  sizing: Sizing;
  environments: string[];
  envSizing: Record<string, Sizing>;
  backend: { type: 's3' | 'gcs' | 'azurerm' | 'local'; bucket: string; lock_table: string; resource_group: string; storage_account: string; container: string };
}

export const DEFAULT_REGION: Record<Cloud, string> = { aws: 'us-east-1', gcp: 'us-central1', azure: 'eastus' };
const REGION_RE: Record<Cloud, RegExp> = {
  aws: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/,
  gcp: /^[a-z]+-[a-z]+\d$/,
  azure: /^[a-z][a-z0-9]{2,30}$/,
};
const REGION_EXAMPLE: Record<Cloud, string> = { aws: 'us-west-2', gcp: 'europe-west1', azure: 'westeurope' };

const DEFAULT_SIZING: Record<Cloud, Sizing> = {
  aws: {
    compute: { instance_type: 't3.medium', count: 2 },
    kubernetes: { version: '1.31', node_type: 't3.large', node_count: 3, node_min: 3, node_max: 6 },
    containers: { image: 'public.ecr.aws/nginx/nginx:stable', cpu: 512, memory: 1024, desired_count: 2 },
    database: { engine: 'postgres', engine_version: '16', instance_class: 'db.t3.medium', storage_gb: 50, high_availability: true, deletion_protection: true },
    storage: { versioning: true, noncurrent_days: 90 },
  },
  gcp: {
    compute: { instance_type: 'e2-medium', count: 2 },
    kubernetes: { version: '1.31', node_type: 'e2-standard-4', node_count: 3, node_min: 3, node_max: 6 },
    containers: { image: 'us-docker.pkg.dev/cloudrun/container/hello', cpu: 1000, memory: 512, desired_count: 1 },
    database: { engine: 'postgres', engine_version: '16', instance_class: 'db-custom-2-7680', storage_gb: 50, high_availability: true, deletion_protection: true },
    storage: { versioning: true, noncurrent_days: 90 },
  },
  azure: {
    compute: { instance_type: 'Standard_B2s', count: 2 },
    kubernetes: { version: '1.31', node_type: 'Standard_D4s_v5', node_count: 3, node_min: 3, node_max: 6 },
    containers: { image: 'mcr.microsoft.com/k8se/quickstart:latest', cpu: 500, memory: 1024, desired_count: 1 },
    database: { engine: 'postgres', engine_version: '16', instance_class: 'GP_Standard_D2ds_v5', storage_gb: 64, high_availability: true, deletion_protection: true },
    storage: { versioning: true, noncurrent_days: 90 },
  },
};
const SMALL_DB: Record<Cloud, string> = { aws: 'db.t3.micro', gcp: 'db-custom-1-3840', azure: 'B_Standard_B1ms' };
const DB_VERSION: Record<string, string> = { postgres: '16', mysql: '8.0' };

export type EnvKind = 'prod' | 'staging' | 'dev';
export function envKind(env: string): EnvKind {
  if (/^(prod|prd|production|live)/.test(env)) return 'prod';
  if (/^(stag|stage|uat|preprod|qa)/.test(env)) return 'staging';
  return 'dev';
}

let schemaValidator: any;
export function answersSchemaPath(): string {
  return path.join(BUILTIN_PLUGINS_DIR, 'terraform', 'answers.schema.json');
}
export function answersSchema(): any {
  return JSON.parse(fs.readFileSync(answersSchemaPath(), 'utf8'));
}
/**
 * The schema validator: the precompiled one (lib/answers-validator.ts) while it
 * was built from this very schema text, else ajv compiles the schema here
 * (about a second on a small machine: loading ajv and compiling).
 */
function validator(): any {
  if (!schemaValidator) {
    const text = fs.readFileSync(answersSchemaPath(), 'utf8');
    if (schemaHash(text) === PRECOMPILED_SHA256) schemaValidator = precompiled;
    else {
      const Ajv2020 = require('ajv/dist/2020').default;
      schemaValidator = new Ajv2020({ ...AJV_OPTIONS }).compile(JSON.parse(text));
    }
  }
  return schemaValidator;
}

function fail(source: string, pointer: string, reason: string): never {
  throw new NimbusError('NIMBUS_E_INPUT', `${source}: ${pointer}: ${reason}`, { details: { source, field: pointer } });
}

/** Read an answers file (YAML or JSON). */
export function readAnswersFile(file: string, shown = file): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e: any) {
    throw new NimbusError(e.code === 'ENOENT' ? 'NIMBUS_E_NOT_FOUND' : 'NIMBUS_E_INPUT', `${shown}: cannot read the answers file (${e.code ?? e.message})`);
  }
  let data: unknown;
  if (/\.json$/i.test(file)) {
    try {
      data = JSON.parse(text);
    } catch (e: any) {
      throw new NimbusError('NIMBUS_E_INPUT', `${shown}: not valid JSON (${e.message})`);
    }
  } else {
    const YAML = require('yaml');
    const doc = YAML.parseDocument(text, { prettyErrors: true });
    if (doc.errors.length) {
      const err = doc.errors[0];
      const line = err.linePos?.[0]?.line;
      throw new NimbusError('NIMBUS_E_INPUT', `${shown}: ${line ? `line ${line}: ` : ''}not valid YAML (${String(err.message).split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')})`);
    }
    data = doc.toJS();
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new NimbusError('NIMBUS_E_INPUT', `${shown}: the answers must be a mapping (provider, name, components …)`);
  return data as Record<string, unknown>;
}

/** Parse "10.0.0.0/16" → [address as uint32, prefix]; undefined when invalid. */
export function parseCidr(s: string): { addr: number; prefix: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  const prefix = Number(m[5]);
  if (prefix > 32) return undefined;
  const addr = ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
  return { addr, prefix };
}

function checkCidr(source: string, pointer: string, value: string, min: number, max: number): string {
  const c = parseCidr(value);
  if (!c) fail(source, pointer, `"${value}" is not a valid IPv4 CIDR (e.g. 10.0.0.0/16)`);
  if (c.prefix < min || c.prefix > max) fail(source, pointer, `"${value}": the prefix must be between /${min} and /${max}`);
  const mask = c.prefix === 0 ? 0 : (~0 << (32 - c.prefix)) >>> 0;
  if ((c.addr & mask) >>> 0 !== c.addr) {
    const net = (c.addr & mask) >>> 0;
    const fixed = `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${c.prefix}`;
    fail(source, pointer, `"${value}" has host bits set (did you mean ${fixed}?)`);
  }
  return value.trim();
}

/** A component key or alias → the cloud-neutral key (undefined when unknown). */
export function componentKey(s: string): Component | undefined {
  const k = s.trim().toLowerCase().replace(/[_\s]+/g, '-');
  if ((COMPONENTS as readonly string[]).includes(k)) return k as Component;
  return ALIASES[k];
}

function merge<T>(base: T, over: any): T {
  if (!over || typeof over !== 'object') return base;
  const out: any = Array.isArray(base) ? [...(base as any)] : { ...(base as any) };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' ? merge(out[k], v) : v;
  }
  return out;
}

/**
 * Validate raw answers (from a file, flags, the questionnaire or the model) and
 * resolve them. SOURCE names where they came from in error messages.
 */
export function resolveAnswers(raw: Record<string, unknown>, source = 'answers'): Resolved {
  const v = validator();
  if (!v(raw)) {
    const errs = [...(v.errors ?? [])].sort((a: any, b: any) => b.instancePath.split('/').length - a.instancePath.split('/').length);
    const e = errs.find((x: any) => x.keyword !== 'if') ?? errs[0];
    let pointer = e.instancePath || '/';
    let reason = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') {
      pointer = `${e.instancePath}/${e.params.additionalProperty}`;
      reason = 'is not a known field';
    } else if (e.keyword === 'required') {
      pointer = `${e.instancePath}/${e.params.missingProperty}`;
      reason = 'is required';
    } else if (e.keyword === 'enum') reason = `must be one of ${e.params.allowedValues.join(', ')}`;
    else if (e.keyword === 'pattern') reason = `"${String(pointer.split('/').reduce((o: any, k: string) => (k ? o?.[k] : o), raw))}" does not match ${e.params.pattern}`;
    fail(source, pointer, reason);
  }
  const provider = raw.provider as Cloud;
  const name = raw.name as string;
  const region = ((raw.region as string | undefined) ?? DEFAULT_REGION[provider]).trim();
  if (!REGION_RE[provider].test(region)) fail(source, '/region', `"${region}" is not a ${provider} region name (e.g. ${REGION_EXAMPLE[provider]})`);

  // Components: aliases, unknown names, dependencies.
  const rawComponents = (raw.components as string[] | undefined) ?? ['vpc', 'storage', 'kms'];
  const chosen = new Set<Component>();
  let engineFromAlias: 'postgres' | 'mysql' | undefined;
  rawComponents.forEach((c, i) => {
    const k = componentKey(c);
    if (!k) {
      const known = [...COMPONENTS].join(', ');
      fail(source, `/components/${i}`, `unknown component "${c}" (known: ${known}; aliases such as eks, gke, aks, rds, cloudsql, s3, gcs, ecs, ec2 also work)`);
    }
    if (/^mysql$/i.test(c)) engineFromAlias = 'mysql';
    if (/^postgres(ql)?$/i.test(c)) engineFromAlias = 'postgres';
    chosen.add(k);
  });
  const added: Resolved['added'] = [];
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of [...chosen]) {
      for (const need of NEEDS[c]) {
        if (!chosen.has(need)) {
          chosen.add(need);
          added.push({ component: need, reason: `needed by ${c}` });
          grew = true;
        }
      }
    }
  }
  const components = COMPONENTS.filter((c) => chosen.has(c));

  // Networking.
  const n = (raw.networking ?? {}) as Record<string, any>;
  const networking: Resolved['networking'] = {
    cidr: checkCidr(source, '/networking/cidr', n.cidr ?? '10.0.0.0/16', 8, 24),
    az_count: n.az_count ?? (provider === 'aws' ? 3 : 3),
    public_subnets: n.public_subnets ?? true,
    private_subnets: n.private_subnets ?? true,
    nat: n.nat ?? 'ha',
    admin_cidrs: ((n.admin_cidrs as string[] | undefined) ?? []).map((c, i) => checkCidr(source, `/networking/admin_cidrs/${i}`, c, 0, 32)),
  };
  networking.admin_cidrs.forEach((c, i) => {
    if (parseCidr(c)!.prefix === 0) fail(source, `/networking/admin_cidrs/${i}`, `"${c}" opens the API and SSH/RDP to the whole internet; give your office or VPN ranges`);
  });
  if (components.includes('vpc')) {
    if (!networking.public_subnets && !networking.private_subnets) fail(source, '/networking', 'at least one of public_subnets and private_subnets must be true');
    if (networking.nat !== 'none' && !networking.public_subnets) fail(source, '/networking/nat', `a NAT gateway needs public subnets (set public_subnets: true or nat: none)`);
    for (const c of ['database', 'kubernetes', 'compute', 'containers'] as const) {
      if (components.includes(c) && !networking.private_subnets) fail(source, '/networking/private_subnets', `${c} runs in private subnets; set private_subnets: true`);
    }
  }

  // Sizing: prod = the given sizing; staging and dev are derived smaller.
  const sz = (raw.sizing ?? {}) as any;
  if (engineFromAlias && !sz.database?.engine) sz.database = { ...(sz.database ?? {}), engine: engineFromAlias };
  let sizing = merge(DEFAULT_SIZING[provider], sz) as Sizing;
  if (sz.database?.engine && !sz.database?.engine_version) sizing = merge(sizing, { database: { engine_version: DB_VERSION[sizing.database.engine] } });
  const k = sizing.kubernetes;
  if (sz.kubernetes?.node_count !== undefined) {
    if (sz.kubernetes.node_min === undefined) k.node_min = Math.min(k.node_min, k.node_count);
    if (sz.kubernetes.node_max === undefined) k.node_max = Math.max(k.node_max, k.node_count * 2);
  }
  if (k.node_min > k.node_count) fail(source, '/sizing/kubernetes/node_min', `${k.node_min} is more than node_count ${k.node_count}`);
  if (k.node_max < k.node_count) fail(source, '/sizing/kubernetes/node_max', `${k.node_max} is less than node_count ${k.node_count}`);

  const environments = (raw.environments as string[] | undefined) ?? ['dev', 'staging', 'prod'];
  const overrides = (raw.environment_sizing ?? {}) as Record<string, any>;
  for (const env of Object.keys(overrides)) {
    if (!environments.includes(env)) fail(source, `/environment_sizing/${env}`, `"${env}" is not one of the environments (${environments.join(', ')})`);
  }
  const envSizing: Record<string, Sizing> = {};
  for (const env of environments) {
    const kind = envKind(env);
    let s: Sizing = structuredClone(sizing);
    if (kind === 'staging') {
      s.compute.count = Math.max(1, Math.ceil(sizing.compute.count / 2));
      s.kubernetes.node_count = Math.max(2, Math.ceil(sizing.kubernetes.node_count / 2));
      s.kubernetes.node_min = Math.min(s.kubernetes.node_count, Math.max(1, Math.ceil(sizing.kubernetes.node_min / 2)));
      s.kubernetes.node_max = Math.max(s.kubernetes.node_count, Math.ceil(sizing.kubernetes.node_max / 2));
      s.containers.desired_count = Math.max(1, Math.ceil(sizing.containers.desired_count / 2));
      s.database.high_availability = false;
    } else if (kind === 'dev') {
      s.compute.count = 1;
      s.kubernetes.node_count = 1;
      s.kubernetes.node_min = 1;
      s.kubernetes.node_max = Math.max(2, Math.ceil(sizing.kubernetes.node_max / 3));
      s.containers.desired_count = 1;
      s.database.instance_class = SMALL_DB[provider];
      s.database.storage_gb = 20;
      s.database.high_availability = false;
      s.database.deletion_protection = false;
      s.storage.noncurrent_days = Math.min(30, sizing.storage.noncurrent_days);
    }
    s = merge(s, overrides[env]);
    envSizing[env] = s;
  }

  const b = (raw.state_backend ?? {}) as Record<string, any>;
  const nativeBackend = provider === 'aws' ? 's3' : provider === 'gcp' ? 'gcs' : 'azurerm';
  const type = b.type ?? nativeBackend;
  if (type !== 'local' && type !== nativeBackend) fail(source, '/state_backend/type', `"${type}" is not a ${provider} backend (use ${nativeBackend} or local)`);
  const backend: Resolved['backend'] = {
    type,
    bucket: b.bucket ?? `${name}-tfstate`,
    lock_table: b.lock_table ?? `${name}-tflock`,
    resource_group: b.resource_group ?? `${name}-tfstate-rg`,
    storage_account: b.storage_account ?? `${name.replace(/-/g, '').slice(0, 17)}tfstate`.slice(0, 24),
    container: b.container ?? 'tfstate',
  };
  return {
    provider,
    region,
    name,
    project_id: provider === 'gcp' ? ((raw.project_id as string | undefined) ?? name) : undefined,
    components,
    added,
    networking,
    sizing,
    environments,
    envSizing,
    backend,
  };
}

/** Answers in their canonical raw form (what `template save` stores and `--answers` accepts). */
export function canonicalAnswers(r: Resolved, raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw, provider: r.provider, name: r.name, region: r.region, components: r.components, environments: r.environments };
  if (r.project_id) out.project_id = r.project_id;
  return out;
}
