/**
 * The questionnaire as data: six steps, each a list of questions writing into
 * the answers object (the shape of answers.schema.json). The line-mode prompt
 * (commands/generate-terraform.ts) and the TUI form both walk these steps.
 */
import { DEFAULT_REGION, componentKey, parseCidr, COMPONENTS, type Cloud } from './answers.js';

export type Raw = Record<string, any>;

export interface Question {
  /** Dotted path into the answers, e.g. "networking.cidr". */
  key: string;
  prompt: string;
  kind: 'choice' | 'text' | 'list' | 'int' | 'bool';
  choices?: Array<{ value: string; label: string }>;
  /** Default shown in brackets, from the answers so far. */
  default(a: Raw): unknown;
  /** Ask only when this holds. */
  when?(a: Raw): boolean;
  /** An error message for a bad value, or undefined. */
  check?(value: any, a: Raw): string | undefined;
  min?: number;
  max?: number;
}

export interface Step {
  id: string;
  title: string;
  questions: Question[];
}

const has = (a: Raw, c: string) => ((a.components as string[] | undefined) ?? []).some((x) => componentKey(x) === c);
const cloud = (a: Raw): Cloud => (a.provider as Cloud) ?? 'aws';
const pick = (a: Raw, aws: unknown, gcp: unknown, azure: unknown) => ({ aws, gcp, azure })[cloud(a)];

const cidrCheck = (v: string) => {
  const c = parseCidr(v);
  if (!c) return `"${v}" is not a valid IPv4 CIDR (e.g. 10.0.0.0/16)`;
  if (c.prefix < 8 || c.prefix > 24) return 'the prefix must be between /8 and /24';
  return undefined;
};

export const STEPS: Step[] = [
  {
    id: 'provider',
    title: 'Cloud provider',
    questions: [
      {
        key: 'provider',
        prompt: 'Which cloud provider?',
        kind: 'choice',
        choices: [
          { value: 'aws', label: 'AWS' },
          { value: 'gcp', label: 'Google Cloud Platform' },
          { value: 'azure', label: 'Microsoft Azure' },
        ],
        default: (a) => a.provider ?? 'aws',
      },
    ],
  },
  {
    id: 'region',
    title: 'Region and name',
    questions: [
      { key: 'region', prompt: 'Region', kind: 'text', default: (a) => a.region ?? DEFAULT_REGION[cloud(a)] },
      {
        key: 'name',
        prompt: 'Project name (lowercase letters, digits, dashes)',
        kind: 'text',
        default: (a) => a.name ?? 'my-infra',
        check: (v) => (/^[a-z][a-z0-9-]{1,22}[a-z0-9]$/.test(v) ? undefined : 'use 3–24 lowercase letters, digits and dashes, starting with a letter'),
      },
      {
        key: 'project_id',
        prompt: 'Google Cloud project ID',
        kind: 'text',
        when: (a) => cloud(a) === 'gcp',
        default: (a) => a.project_id ?? a.name,
        check: (v) => (/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(v) ? undefined : 'a project ID has 6–30 lowercase letters, digits and dashes'),
      },
    ],
  },
  {
    id: 'components',
    title: 'Components',
    questions: [
      {
        key: 'components',
        prompt: `Components, comma-separated (${COMPONENTS.join(', ')}; aliases like eks, rds, s3 work)`,
        kind: 'list',
        default: (a) => a.components ?? ['vpc', 'storage', 'kms'],
        check: (v: string[]) => {
          if (!v.length) return 'choose at least one component';
          const bad = v.filter((x) => !componentKey(x));
          return bad.length ? `unknown component${bad.length > 1 ? 's' : ''}: ${bad.join(', ')}` : undefined;
        },
      },
    ],
  },
  {
    id: 'networking',
    title: 'Networking',
    questions: [
      { key: 'networking.cidr', prompt: 'Network address space (CIDR)', kind: 'text', default: (a) => a.networking?.cidr ?? '10.0.0.0/16', check: cidrCheck },
      { key: 'networking.az_count', prompt: 'Availability zones', kind: 'int', min: 1, max: 6, default: (a) => a.networking?.az_count ?? 3 },
      { key: 'networking.public_subnets', prompt: 'Public subnets?', kind: 'bool', default: (a) => a.networking?.public_subnets ?? true },
      { key: 'networking.private_subnets', prompt: 'Private subnets?', kind: 'bool', default: (a) => a.networking?.private_subnets ?? true },
      {
        key: 'networking.nat',
        prompt: 'NAT for private subnets',
        kind: 'choice',
        choices: [
          { value: 'ha', label: 'one NAT gateway per zone (high availability)' },
          { value: 'single', label: 'a single NAT gateway (cheaper)' },
          { value: 'none', label: 'no NAT' },
        ],
        when: (a) => a.networking?.public_subnets !== false,
        default: (a) => a.networking?.nat ?? 'ha',
      },
      {
        key: 'networking.admin_cidrs',
        prompt: 'Admin CIDRs allowed to reach the Kubernetes API (blank: private access only)',
        kind: 'list',
        when: (a) => has(a, 'kubernetes'),
        default: (a) => a.networking?.admin_cidrs ?? [],
        check: (v: string[]) => {
          for (const c of v) {
            const p = parseCidr(c);
            if (!p) return `"${c}" is not a valid IPv4 CIDR`;
            if (p.prefix === 0) return '0.0.0.0/0 would open the API to the whole internet';
          }
          return undefined;
        },
      },
    ],
  },
  {
    id: 'sizing',
    title: 'Sizing',
    questions: [
      { key: 'sizing.compute.instance_type', prompt: 'VM instance type', kind: 'text', when: (a) => has(a, 'compute'), default: (a) => a.sizing?.compute?.instance_type ?? pick(a, 't3.medium', 'e2-medium', 'Standard_B2s') },
      { key: 'sizing.compute.count', prompt: 'Number of VMs (production)', kind: 'int', min: 1, max: 100, when: (a) => has(a, 'compute'), default: (a) => a.sizing?.compute?.count ?? 2 },
      { key: 'sizing.kubernetes.version', prompt: 'Kubernetes version', kind: 'text', when: (a) => has(a, 'kubernetes'), default: (a) => a.sizing?.kubernetes?.version ?? '1.31', check: (v) => (/^1\.\d{2}$/.test(v) ? undefined : 'give a minor version such as 1.31') },
      { key: 'sizing.kubernetes.node_type', prompt: 'Node machine type', kind: 'text', when: (a) => has(a, 'kubernetes'), default: (a) => a.sizing?.kubernetes?.node_type ?? pick(a, 't3.large', 'e2-standard-4', 'Standard_D4s_v5') },
      { key: 'sizing.kubernetes.node_count', prompt: 'Nodes (production)', kind: 'int', min: 1, max: 1000, when: (a) => has(a, 'kubernetes'), default: (a) => a.sizing?.kubernetes?.node_count ?? 3 },
      { key: 'sizing.containers.image', prompt: 'Container image', kind: 'text', when: (a) => has(a, 'containers'), default: (a) => a.sizing?.containers?.image ?? pick(a, 'public.ecr.aws/nginx/nginx:stable', 'us-docker.pkg.dev/cloudrun/container/hello', 'mcr.microsoft.com/k8se/quickstart:latest') },
      { key: 'sizing.containers.desired_count', prompt: 'Running copies (production)', kind: 'int', min: 1, max: 100, when: (a) => has(a, 'containers'), default: (a) => a.sizing?.containers?.desired_count ?? pick(a, 2, 1, 1) },
      {
        key: 'sizing.database.engine',
        prompt: 'Database engine',
        kind: 'choice',
        choices: [
          { value: 'postgres', label: 'PostgreSQL' },
          { value: 'mysql', label: 'MySQL' },
        ],
        when: (a) => has(a, 'database'),
        default: (a) => a.sizing?.database?.engine ?? ((a.components ?? []).some((c: string) => /^mysql$/i.test(c)) ? 'mysql' : 'postgres'),
      },
      { key: 'sizing.database.instance_class', prompt: 'Database instance size (production)', kind: 'text', when: (a) => has(a, 'database'), default: (a) => a.sizing?.database?.instance_class ?? pick(a, 'db.t3.medium', 'db-custom-2-7680', 'GP_Standard_D2ds_v5') },
      { key: 'sizing.database.storage_gb', prompt: 'Database storage (GB)', kind: 'int', min: 20, max: 65536, when: (a) => has(a, 'database'), default: (a) => a.sizing?.database?.storage_gb ?? pick(a, 50, 50, 64) },
      { key: 'sizing.storage.versioning', prompt: 'Keep object versions?', kind: 'bool', when: (a) => has(a, 'storage'), default: (a) => a.sizing?.storage?.versioning ?? true },
    ],
  },
  {
    id: 'environments',
    title: 'Environments and state backend',
    questions: [
      {
        key: 'environments',
        prompt: 'Environments, comma-separated',
        kind: 'list',
        default: (a) => a.environments ?? ['dev', 'staging', 'prod'],
        check: (v: string[]) => (!v.length ? 'give at least one environment' : v.find((e) => !/^[a-z][a-z0-9-]{0,15}$/.test(e)) ? 'environment names are lowercase letters, digits and dashes' : undefined),
      },
      {
        key: 'state_backend.type',
        prompt: 'State backend',
        kind: 'choice',
        choices: [
          { value: 'remote', label: 'remote with locking (S3 + DynamoDB / GCS / Azure Storage)' },
          { value: 'local', label: 'local file (not recommended)' },
        ],
        default: (a) => (a.state_backend?.type === 'local' ? 'local' : 'remote'),
      },
      { key: 'state_backend.bucket', prompt: 'State bucket', kind: 'text', when: (a) => cloud(a) !== 'azure' && a.state_backend?.type !== 'local', default: (a) => a.state_backend?.bucket ?? `${a.name}-tfstate` },
      { key: 'state_backend.lock_table', prompt: 'DynamoDB lock table', kind: 'text', when: (a) => cloud(a) === 'aws' && a.state_backend?.type !== 'local', default: (a) => a.state_backend?.lock_table ?? `${a.name}-tflock` },
      { key: 'state_backend.storage_account', prompt: 'State storage account', kind: 'text', when: (a) => cloud(a) === 'azure' && a.state_backend?.type !== 'local', default: (a) => a.state_backend?.storage_account ?? `${String(a.name).replace(/-/g, '').slice(0, 17)}tfstate`, check: (v) => (/^[a-z0-9]{3,24}$/.test(v) ? undefined : '3–24 lowercase letters and digits') },
    ],
  },
];

/** Read a dotted key. */
export function getKey(a: Raw, key: string): unknown {
  return key.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), a);
}

/** Write a dotted key (creating objects). The backend choice "remote" maps to the cloud's own backend. */
export function setKey(a: Raw, key: string, value: unknown): void {
  if (key === 'state_backend.type' && value === 'remote') value = { aws: 's3', gcp: 'gcs', azure: 'azurerm' }[cloud(a)];
  const parts = key.split('.');
  let cur = a;
  for (const p of parts.slice(0, -1)) cur = cur[p] ??= {};
  cur[parts[parts.length - 1]!] = value;
}

/** Parse what a person typed for QUESTION; returns the value or an error message. */
export function parseAnswer(q: Question, typed: string, a: Raw): { value: unknown } | { error: string } {
  const t = typed.trim();
  const dflt = q.default(a);
  if (t === '') return { value: dflt };
  let value: unknown;
  switch (q.kind) {
    case 'choice': {
      const byNumber = /^\d+$/.test(t) ? q.choices![Number(t) - 1] : undefined;
      const c = byNumber ?? q.choices!.find((x) => x.value === t.toLowerCase() || x.label.toLowerCase() === t.toLowerCase());
      if (!c) return { error: `choose one of ${q.choices!.map((x, i) => `${i + 1}) ${x.value}`).join(', ')}` };
      value = c.value;
      break;
    }
    case 'int': {
      if (!/^\d+$/.test(t)) return { error: 'give a whole number' };
      const n = Number(t);
      if ((q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max)) return { error: `give a number from ${q.min} to ${q.max}` };
      value = n;
      break;
    }
    case 'bool':
      if (/^(y|yes|true)$/i.test(t)) value = true;
      else if (/^(n|no|false)$/i.test(t)) value = false;
      else return { error: 'answer y or n' };
      break;
    case 'list':
      value = t === '-' ? [] : t.split(/[,\s]+/).map((x) => x.trim()).filter(Boolean);
      break;
    default:
      value = t;
  }
  const err = q.check?.(value, a);
  return err ? { error: err } : { value };
}

/** Fill every unanswered question of every step with its default (non-interactive runs). */
export function withDefaults(a: Raw): Raw {
  const out = structuredClone(a);
  for (const s of STEPS) for (const q of s.questions) if ((!q.when || q.when(out)) && getKey(out, q.key) === undefined) setKey(out, q.key, q.default(out));
  return out;
}
