/**
 * Manifest generation from templates/k8s/*.mustache: resource requests and
 * limits, liveness/readiness probes, a non-root security context and the
 * standard app.kubernetes.io labels. Every manifest is validated with
 * kubernetes-models before anyone sees it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import YAML from 'yaml';
import { NimbusError } from '../../../core/errors.js';
import { TEMPLATES_DIR } from '../../../core/paths.js';

const require = createRequire(import.meta.url);

export const GEN_KINDS = ['deployment', 'service', 'ingress', 'configmap', 'secret', 'job', 'cronjob', 'hpa'] as const;
export type GenKind = (typeof GEN_KINDS)[number];

export interface GenOptions {
  kind: GenKind;
  name: string;
  namespace?: string;
  image?: string;
  replicas?: number;
  port?: number;
  cpuRequest?: string;
  memoryRequest?: string;
  cpuLimit?: string;
  memoryLimit?: string;
  /** http (default when there is a port), tcp, or none. */
  probe?: 'http' | 'tcp' | 'none';
  probePath?: string;
  readinessPath?: string;
  command?: string[];
  env?: string[];
  runAsUser?: number;
  serviceType?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  servicePort?: number;
  targetPort?: number;
  host?: string;
  path?: string;
  service?: string;
  ingressClass?: string;
  tlsSecret?: string;
  schedule?: string;
  restartPolicy?: 'Never' | 'OnFailure';
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  /** configmap: KEY=VALUE; secret: KEY (an empty value to fill in). */
  data?: string[];
  /** secret: KEY=ENV_VAR, the value read from that environment variable at generation time. */
  fromEnv?: string[];
  target?: string;
  minReplicas?: number;
  maxReplicas?: number;
  cpuPercent?: number;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUANTITY = /^([0-9]+(\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const q = (v: unknown) => JSON.stringify(String(v));

function bad(flag: string, msg: string): never {
  throw new NimbusError('NIMBUS_E_INPUT', `${flag}: ${msg}`);
}

const templateCache = new Map<string, string>();
function template(name: string): string {
  let t = templateCache.get(name);
  if (t === undefined) {
    const file = path.join(TEMPLATES_DIR, 'k8s', `${name}.mustache`);
    try {
      t = fs.readFileSync(file, 'utf8');
    } catch {
      throw new NimbusError('NIMBUS_E_TOOL', `template ${file} is missing`);
    }
    templateCache.set(name, t);
  }
  return t;
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

function pairs(list: string[] | undefined, flag: string): Array<[string, string]> {
  return (list ?? []).map((item) => {
    const i = item.indexOf('=');
    if (i <= 0) bad(flag, `"${item}" is not KEY=VALUE`);
    return [item.slice(0, i), item.slice(i + 1)];
  });
}

/** Check the options a user gives; throws a one-line error naming the flag. */
export function checkOptions(o: GenOptions): void {
  if (!GEN_KINDS.includes(o.kind)) bad('KIND', `"${o.kind}" is not one of ${GEN_KINDS.join(', ')}`);
  if (!o.name) bad('--name', 'is required');
  if (!DNS_LABEL.test(o.name) || o.name.length > 63) bad('--name', `"${o.name}" must be lower-case letters, digits and '-', start and end with a letter or digit, at most 63 characters`);
  if (o.namespace !== undefined && !DNS_LABEL.test(o.namespace)) bad('--namespace', `"${o.namespace}" is not a valid namespace name`);
  if (['deployment', 'job', 'cronjob'].includes(o.kind)) {
    if (!o.image) bad('--image', `is required for a ${o.kind}`);
    if (/\s/.test(o.image)) bad('--image', `"${o.image}" contains spaces`);
  }
  for (const [flag, v] of [['--cpu-request', o.cpuRequest], ['--memory-request', o.memoryRequest], ['--cpu-limit', o.cpuLimit], ['--memory-limit', o.memoryLimit]] as const) {
    if (v !== undefined && !QUANTITY.test(v)) bad(flag, `"${v}" is not a Kubernetes quantity (e.g. 250m, 0.5, 128Mi, 1Gi)`);
  }
  for (const [flag, v] of [['--port', o.port], ['--service-port', o.servicePort], ['--target-port', o.targetPort]] as const) {
    if (v !== undefined && !(Number.isInteger(v) && v > 0 && v < 65536)) bad(flag, `${v} is not a port (1-65535)`);
  }
  if (o.replicas !== undefined && !(Number.isInteger(o.replicas) && o.replicas >= 0)) bad('--replicas', `${o.replicas} must be a whole number ≥ 0`);
  if (o.kind === 'ingress' && !o.host) bad('--host', 'is required for an ingress');
  if (o.host !== undefined && !/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(o.host)) bad('--host', `"${o.host}" is not a DNS name`);
  if (o.path !== undefined && !o.path.startsWith('/')) bad('--path', `"${o.path}" must start with /`);
  if (o.schedule !== undefined && !(o.schedule.trim().split(/\s+/).length === 5 || /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(o.schedule))) bad('--schedule', `"${o.schedule}" is not a cron schedule (5 fields, e.g. "0 2 * * *")`);
  if (o.minReplicas !== undefined && o.maxReplicas !== undefined && o.minReplicas > o.maxReplicas) bad('--min', `${o.minReplicas} is more than --max ${o.maxReplicas}`);
  if (o.cpuPercent !== undefined && !(o.cpuPercent > 0 && o.cpuPercent <= 100)) bad('--cpu-percent', `${o.cpuPercent} must be between 1 and 100`);
  for (const [k] of pairs(o.env, '--env')) if (!ENV_NAME.test(k)) bad('--env', `"${k}" is not a valid variable name`);
  if (o.kind === 'configmap') for (const [k] of pairs(o.data, '--data')) if (!/^[-._a-zA-Z0-9]+$/.test(k)) bad('--data', `"${k}" is not a valid key`);
}

function labelsFor(o: GenOptions): Array<{ key: string; value: string }> {
  const tag = o.image?.includes('@') ? undefined : o.image?.split('/').pop()?.split(':')[1];
  const l: Array<[string, string]> = [
    ['app.kubernetes.io/name', o.name],
    ['app.kubernetes.io/instance', o.name],
    ...(tag && LABEL_VALUE.test(tag) && tag.length <= 63 ? [['app.kubernetes.io/version', tag] as [string, string]] : []),
    ['app.kubernetes.io/managed-by', 'nimbus'],
  ];
  return l.map(([key, value]) => ({ key, value: q(value) }));
}

function podSpec(o: GenOptions, view: Record<string, unknown>, job: boolean): string {
  const Mustache = require('mustache');
  return Mustache.render(template('_pod-spec'), { ...view, restartPolicy: job ? (o.restartPolicy ?? 'OnFailure') : undefined, probes: !job && view.port && o.probe !== 'none' });
}

/** Render, parse and validate one manifest. Returns the YAML text and the object. */
export function generateManifest(o: GenOptions, env: NodeJS.ProcessEnv = process.env): { yaml: string; object: any } {
  checkOptions(o);
  const Mustache = require('mustache');
  const job = o.kind === 'job' || o.kind === 'cronjob';
  const port = o.port ?? (o.kind === 'deployment' ? 8080 : undefined);
  let data: Array<{ key: string; value: string }> = [];
  if (o.kind === 'configmap') data = pairs(o.data, '--data').map(([key, value]) => ({ key: q(key), value: q(value) }));
  if (o.kind === 'secret') {
    data = (o.data ?? []).map((k) => {
      if (k.includes('=')) bad('--data', 'secret values are never taken on the command line; use --from-env KEY=ENV_VAR or --data KEY for an empty value to fill in');
      return { key: q(k), value: q('') };
    });
    for (const [key, v] of pairs(o.fromEnv, '--from-env')) {
      const val = env[v];
      if (val === undefined) bad('--from-env', `environment variable ${v} is not set`);
      data.push({ key: q(key), value: q(Buffer.from(val).toString('base64')) });
    }
  }
  const view: Record<string, unknown> = {
    nameJson: q(o.name),
    namespaceJson: o.namespace ? q(o.namespace) : undefined,
    labels: labelsFor(o),
    selector: [
      { key: 'app.kubernetes.io/name', value: q(o.name) },
      { key: 'app.kubernetes.io/instance', value: q(o.name) },
    ],
    replicas: o.replicas ?? 2,
    containerJson: q(o.name),
    imageJson: q(o.image ?? ''),
    port: job ? o.port : port,
    command: (o.command ?? []).map(q),
    env: pairs(o.env, '--env').map(([name, value]) => ({ name: q(name), value: q(value) })),
    cpuRequestJson: q(o.cpuRequest ?? '100m'),
    memoryRequestJson: q(o.memoryRequest ?? '128Mi'),
    cpuLimitJson: q(o.cpuLimit ?? '500m'),
    memoryLimitJson: q(o.memoryLimit ?? '256Mi'),
    httpProbe: (o.probe ?? 'http') === 'http',
    probePathJson: q(o.probePath ?? '/healthz'),
    readinessPathJson: q(o.readinessPath ?? o.probePath ?? '/readyz'),
    runAsUser: o.runAsUser ?? 10001,
    serviceType: o.serviceType ?? 'ClusterIP',
    servicePort: o.servicePort ?? 80,
    targetPort: o.targetPort ?? o.port ?? 8080,
    hostJson: q(o.host ?? ''),
    pathJson: q(o.path ?? '/'),
    serviceJson: q(o.service ?? o.name),
    ingressClassJson: o.ingressClass ? q(o.ingressClass) : undefined,
    tlsSecretJson: o.tlsSecret ? q(o.tlsSecret) : undefined,
    scheduleJson: q(o.schedule ?? '0 * * * *'),
    backoffLimit: o.backoffLimit ?? 3,
    activeDeadlineSeconds: o.activeDeadlineSeconds ?? 3600,
    data,
    targetJson: q(o.target ?? o.name),
    minReplicas: o.minReplicas ?? 2,
    maxReplicas: o.maxReplicas ?? 10,
    cpuPercent: o.cpuPercent ?? 70,
  };
  if (o.kind === 'deployment' || job) {
    const spec = podSpec(o, view, job);
    view.podSpec6 = indent(spec, 6);
    view.podSpec10 = indent(spec, 10);
  }
  const text = Mustache.render(template(o.kind), view, {}, { escape: (s: string) => s });
  let object: any;
  try {
    object = YAML.parse(text);
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_TOOL', `the ${o.kind} template produced invalid YAML: ${String(e.message).split('\n')[0]}`);
  }
  validateObject(object);
  return { yaml: YAML.stringify(object, { lineWidth: 0 }), object };
}

const MODELS: Record<string, [string, string]> = {
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'Deployment'],
  'v1/Service': ['kubernetes-models/v1/Service', 'Service'],
  'networking.k8s.io/v1/Ingress': ['kubernetes-models/networking.k8s.io/v1/Ingress', 'Ingress'],
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'ConfigMap'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'Secret'],
  'batch/v1/Job': ['kubernetes-models/batch/v1/Job', 'Job'],
  'batch/v1/CronJob': ['kubernetes-models/batch/v1/CronJob', 'CronJob'],
  'autoscaling/v2/HorizontalPodAutoscaler': ['kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', 'HorizontalPodAutoscaler'],
};

/** Validate against the Kubernetes OpenAPI schema (kubernetes-models). Throws naming the field. */
export function validateObject(object: any): void {
  const entry = MODELS[`${object?.apiVersion}/${object?.kind}`];
  if (!entry) throw new NimbusError('NIMBUS_E_TOOL', `no schema to validate ${object?.apiVersion} ${object?.kind}`);
  const mod = require(entry[0]);
  try {
    new mod[entry[1]](object).validate();
  } catch (e: any) {
    const msg = String(e?.message ?? e).split('\n')[0]!.replace(/^data\//, '');
    throw new NimbusError('NIMBUS_E_TOOL', `the generated ${object.kind} does not validate: ${msg}`);
  }
}
