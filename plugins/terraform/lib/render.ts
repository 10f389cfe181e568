/**
 * Render a resolved answer set into the output layout:
 *   README.md, main.tf, variables.tf, outputs.tf, versions.tf, backend.tf,
 *   terraform.tfvars.example, modules/<component>/{main,variables,outputs}.tf
 *   (+ node-groups.tf for EKS), environments/<env>/{main.tf,terraform.tfvars}
 * from the mustache templates under templates/terraform/<cloud>/. Pure and
 * in-process: no terraform, no file writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import Mustache from 'mustache';
import { TEMPLATES_DIR } from '../../../core/paths.js';
import { NimbusError } from '../../../core/errors.js';
import { formatHcl, hcl } from './hcl.js';
import { envKind, type Cloud, type Component, type Resolved, type Sizing } from './answers.js';

export const TERRAFORM_VERSION = '>= 1.5.0, < 2.0.0';
export const PROVIDERS: Record<Cloud, { name: string; source: string; version: string }> = {
  aws: { name: 'aws', source: 'hashicorp/aws', version: '~> 5.100' },
  gcp: { name: 'google', source: 'hashicorp/google', version: '~> 6.20' },
  azure: { name: 'azurerm', source: 'hashicorp/azurerm', version: '~> 4.20' },
};

/** Module folder name of each component, per cloud. */
export const MODULE_DIRS: Record<Cloud, Record<Component, string>> = {
  aws: { vpc: 'vpc', kms: 'kms', iam: 'iam', storage: 's3', database: 'rds', compute: 'ec2', kubernetes: 'eks', containers: 'ecs' },
  gcp: { vpc: 'vpc', kms: 'kms', iam: 'iam', storage: 'gcs', database: 'cloudsql', compute: 'gce', kubernetes: 'gke', containers: 'cloudrun' },
  azure: { vpc: 'vnet', kms: 'keyvault', iam: 'identity', storage: 'storage', database: 'database', compute: 'vm', kubernetes: 'aks', containers: 'containerapps' },
};
const EXTRA_MODULE_FILES: Partial<Record<string, string[]>> = { 'aws/eks': ['node-groups.tf'] };

export interface RenderedFile {
  path: string;
  content: string;
}

interface VarDef {
  name: string;
  type: string;
  description: string;
  /** Value per environment sizing (undefined: no default). */
  value?: (s: Sizing, env: string) => unknown;
  validation?: { condition: string; message: string };
}

function variables(r: Resolved): VarDef[] {
  const has = (c: Component) => r.components.includes(c);
  const v: VarDef[] = [
    { name: 'name', type: 'string', description: 'Project name, used in resource names and the project tag.', value: () => r.name },
    { name: 'environment', type: 'string', description: 'Environment name (dev, staging, prod …).', value: (_s, env) => env },
    { name: 'region', type: 'string', description: 'Region to deploy into.', value: () => r.region },
  ];
  if (r.provider === 'gcp') v.push({ name: 'project_id', type: 'string', description: 'Google Cloud project ID.', value: () => r.project_id });
  if (r.provider === 'azure') v.push({ name: 'subscription_id', type: 'string', description: 'Azure subscription ID (empty: taken from ARM_SUBSCRIPTION_ID or the Azure CLI).', value: () => '' });
  v.push({ name: 'tags', type: 'map(string)', description: 'Extra tags for every resource (project, environment and managed-by are always set).', value: () => ({}) });
  if (has('vpc')) {
    v.push(
      { name: 'vpc_cidr', type: 'string', description: 'Address space of the network.', value: () => r.networking.cidr, validation: { condition: 'can(cidrhost(var.vpc_cidr, 0))', message: 'vpc_cidr must be a valid IPv4 CIDR block.' } },
      { name: 'az_count', type: 'number', description: 'Number of availability zones to spread subnets over.', value: () => r.networking.az_count },
      { name: 'public_subnets', type: 'bool', description: 'Create public subnets.', value: () => r.networking.public_subnets },
      { name: 'private_subnets', type: 'bool', description: 'Create private subnets.', value: () => r.networking.private_subnets },
      { name: 'nat_mode', type: 'string', description: 'NAT for private subnets: none, single or ha (one per zone).', value: () => r.networking.nat, validation: { condition: 'contains(["none", "single", "ha"], var.nat_mode)', message: 'nat_mode must be none, single or ha.' } },
    );
  }
  if (has('kubernetes')) {
    v.push(
      { name: 'admin_cidrs', type: 'list(string)', description: 'CIDRs allowed to reach the Kubernetes API endpoint (empty: private access only).', value: () => r.networking.admin_cidrs },
      { name: 'kubernetes_version', type: 'string', description: 'Kubernetes minor version.', value: (s) => s.kubernetes.version },
      { name: 'node_type', type: 'string', description: 'Machine type of the nodes.', value: (s) => s.kubernetes.node_type },
      { name: 'node_count', type: 'number', description: 'Desired number of nodes.', value: (s) => s.kubernetes.node_count },
      { name: 'node_min', type: 'number', description: 'Minimum number of nodes.', value: (s) => s.kubernetes.node_min },
      { name: 'node_max', type: 'number', description: 'Maximum number of nodes.', value: (s) => s.kubernetes.node_max },
    );
  }
  if (has('compute')) {
    if (r.provider === 'azure') v.push({ name: 'vm_admin_ssh_public_key', type: 'string', description: 'SSH public key of the VM admin user (password login is disabled).', value: () => '' });
    v.push(
      { name: 'instance_type', type: 'string', description: 'Machine type of the virtual machines.', value: (s) => s.compute.instance_type },
      { name: 'instance_count', type: 'number', description: 'Number of virtual machines.', value: (s) => s.compute.count },
    );
  }
  if (has('containers')) {
    v.push(
      { name: 'container_image', type: 'string', description: 'Container image to run.', value: (s) => s.containers.image },
      { name: 'container_cpu', type: 'number', description: 'CPU for each copy of the container.', value: (s) => s.containers.cpu },
      { name: 'container_memory', type: 'number', description: 'Memory (MiB) for each copy of the container.', value: (s) => s.containers.memory },
      { name: 'container_count', type: 'number', description: 'Number of running copies.', value: (s) => s.containers.desired_count },
    );
  }
  if (has('database')) {
    v.push(
      { name: 'db_engine', type: 'string', description: 'Database engine: postgres or mysql.', value: (s) => s.database.engine, validation: { condition: 'contains(["postgres", "mysql"], var.db_engine)', message: 'db_engine must be postgres or mysql.' } },
      { name: 'db_engine_version', type: 'string', description: 'Major version of the database engine.', value: (s) => s.database.engine_version },
      { name: 'db_instance_class', type: 'string', description: 'Database instance size.', value: (s) => s.database.instance_class },
      { name: 'db_storage_gb', type: 'number', description: 'Allocated database storage in GB.', value: (s) => s.database.storage_gb },
      { name: 'db_high_availability', type: 'bool', description: 'Run the database across zones (required in production).', value: (s) => s.database.high_availability },
      { name: 'db_deletion_protection', type: 'bool', description: 'Protect the database from deletion.', value: (s) => s.database.deletion_protection },
    );
  }
  if (has('storage')) {
    v.push(
      { name: 'storage_versioning', type: 'bool', description: 'Keep previous versions of objects.', value: (s) => s.storage.versioning },
      { name: 'storage_noncurrent_days', type: 'number', description: 'Delete previous object versions after this many days.', value: (s) => s.storage.noncurrent_days },
    );
  }
  return v;
}

/** Variables with a default everywhere and no tfvars entry. */
const LOCAL_ONLY = new Set(['tags', 'subscription_id', 'vm_admin_ssh_public_key']);

const templateCache = new Map<string, string>();
function tpl(rel: string): string {
  let t = templateCache.get(rel);
  if (t === undefined) {
    const file = path.join(TEMPLATES_DIR, 'terraform', rel);
    try {
      t = fs.readFileSync(file, 'utf8');
    } catch (e: any) {
      throw new NimbusError('NIMBUS_E_TOOL', `template ${path.join('templates/terraform', rel)} is missing (${e.code ?? e.message})`);
    }
    templateCache.set(rel, t);
  }
  return t;
}
function tplExists(rel: string): boolean {
  return templateCache.has(rel) || fs.existsSync(path.join(TEMPLATES_DIR, 'terraform', rel));
}

const noEscape = { escape: (s: string) => s };

/** Render the whole layout. Deterministic: the same answers give the same bytes. */
export function renderLayout(r: Resolved): RenderedFile[] {
  const cloud = r.provider;
  const dirs = MODULE_DIRS[cloud];
  const vars = variables(r);
  const first = r.environments[0]!;
  const c: Record<string, boolean> = {};
  for (const k of r.components) c[k] = true;
  const partials: Record<string, string> = {
    provider: tpl(`${cloud}/_provider.mustache`),
    backend: tpl(`${cloud}/_backend.mustache`),
    stack: tpl(`${cloud}/_stack.mustache`),
    outputs: tpl(`${cloud}/_outputs.mustache`),
    required: tpl(`${cloud}/_required.mustache`),
    variables: tpl('_variables.mustache'),
  };
  const base = {
    name: r.name,
    region: r.region,
    project_id: r.project_id,
    c,
    mod: dirs,
    engine: { postgres: r.sizing.database.engine === 'postgres', mysql: r.sizing.database.engine === 'mysql' },
    backend: { ...r.backend, [r.backend.type]: true },
    tfVersion: hcl(TERRAFORM_VERSION),
    provider: PROVIDERS[cloud],
    providerSource: hcl(PROVIDERS[cloud].source),
    providerVersion: hcl(PROVIDERS[cloud].version),
    components: r.components.map((k) => ({ key: k, dir: dirs[k] })),
    environments: r.environments.map((e) => ({ name: e, kind: envKind(e) })),
    firstEnv: first,
  };
  const varView = (env: string | undefined) =>
    vars.map((d) => {
      const val = env === undefined ? (LOCAL_ONLY.has(d.name) ? d.value!(r.envSizing[first]!, first) : undefined) : d.value?.(r.envSizing[env]!, env);
      return { name: d.name, type: d.type, description: hcl(d.description), hasDefault: val !== undefined, default: val === undefined ? '' : hcl(val), validation: d.validation ? { condition: d.validation.condition, message: hcl(d.validation.message) } : undefined };
    });
  const tfvars = (env: string) => vars.filter((d) => !LOCAL_ONLY.has(d.name)).map((d) => ({ key: d.name, value: hcl(d.value!(r.envSizing[env]!, env)) }));

  const files: RenderedFile[] = [];
  const add = (p: string, content: string) => files.push({ path: p, content: /\.(tf|tfvars|example)$/.test(p) ? formatHcl(content) : content });
  const render = (rel: string, view: object) => Mustache.render(tpl(rel), view, partials, noEscape as any);

  const rootView = { ...base, modules: './modules', stateKey: `${r.name}/terraform.tfstate`, environment: first, vars: varView(first), root: true };
  add('versions.tf', render(`${cloud}/versions.tf.mustache`, rootView));
  add('backend.tf', render(`${cloud}/backend.tf.mustache`, rootView));
  add('main.tf', render(`${cloud}/main.tf.mustache`, rootView));
  add('variables.tf', render('_variables.mustache', rootView));
  add('outputs.tf', render(`${cloud}/_outputs.mustache`, rootView));
  add('terraform.tfvars.example', render('_tfvars.mustache', { ...rootView, tfvars: tfvars(first), header: `Example values (the ${first} environment). Copy to terraform.tfvars and adjust.` }));
  for (const k of r.components) {
    const dir = dirs[k];
    const mview = { ...base, component: k, dir };
    for (const f of ['main.tf', 'variables.tf', 'outputs.tf', ...(EXTRA_MODULE_FILES[`${cloud}/${dir}`] ?? [])]) {
      const rel = `${cloud}/modules/${dir}/${f}.mustache`;
      if (f === 'outputs.tf' && !tplExists(rel)) continue;
      add(`modules/${dir}/${f}`, render(rel, mview));
    }
  }
  for (const env of r.environments) {
    const ev = { ...base, modules: '../../modules', stateKey: `${r.name}/${env}/terraform.tfstate`, environment: env, vars: varView(undefined), root: false, kind: envKind(env) };
    add(`environments/${env}/main.tf`, render(`${cloud}/env-main.tf.mustache`, ev));
    add(`environments/${env}/terraform.tfvars`, render('_tfvars.mustache', { ...ev, tfvars: tfvars(env), header: `${env} environment (${envKind(env)} sizing).` }));
  }
  add('README.md', render('README.md.mustache', { ...rootView, cloudName: { aws: 'AWS', gcp: 'Google Cloud', azure: 'Azure' }[cloud], added: r.added, files: files.map((f) => f.path).concat('README.md').sort() }));
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
