/** The kinds Nimbus knows by name, with kubectl's aliases (plural, singular, short names, Kind). */

export interface KindInfo {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  aliases: string[];
}

export const KINDS: KindInfo[] = [
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, aliases: ['pod', 'po'] },
  { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true, aliases: ['deployment', 'deploy'] },
  { group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet', namespaced: true, aliases: ['statefulset', 'sts'] },
  { group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet', namespaced: true, aliases: ['daemonset', 'ds'] },
  { group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet', namespaced: true, aliases: ['replicaset', 'rs'] },
  { group: 'apps', version: 'v1', resource: 'controllerrevisions', kind: 'ControllerRevision', namespaced: true, aliases: ['controllerrevision'] },
  { group: '', version: 'v1', resource: 'services', kind: 'Service', namespaced: true, aliases: ['service', 'svc'] },
  { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', kind: 'Ingress', namespaced: true, aliases: ['ingress', 'ing'] },
  { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true, aliases: ['configmap', 'cm'] },
  { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true, aliases: ['secret'] },
  { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', namespaced: true, aliases: ['job'] },
  { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob', namespaced: true, aliases: ['cronjob', 'cj'] },
  { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false, aliases: ['namespace', 'ns'] },
  { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false, aliases: ['node', 'no'] },
  { group: '', version: 'v1', resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', namespaced: true, aliases: ['persistentvolumeclaim', 'pvc'] },
  { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true, aliases: ['horizontalpodautoscaler', 'hpa'] },
  { group: '', version: 'v1', resource: 'events', kind: 'Event', namespaced: true, aliases: ['event', 'ev'] },
  { group: '', version: 'v1', resource: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, aliases: ['serviceaccount', 'sa'] },
];

export function apiVersionOf(k: { group: string; version: string }): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

/** Find a kind by any of kubectl's names: pods, pod, po, Pod, deployments.apps, deploy … (case-insensitive). */
export function lookupKind(name: string): KindInfo | undefined {
  const n = name.toLowerCase();
  for (const k of KINDS) {
    if (k.resource === n || k.kind.toLowerCase() === n || k.aliases.includes(n)) return k;
    if (k.group && (n === `${k.resource}.${k.group}` || n === `${k.aliases[0]}.${k.group}`)) return k;
  }
  return undefined;
}

/** Split "deployment/web" or "deploy web" forms: returns [kind, name]. */
export function splitRef(kind: string, name?: string): [string, string | undefined] {
  if (name === undefined && kind.includes('/')) {
    const i = kind.indexOf('/');
    return [kind.slice(0, i), kind.slice(i + 1) || undefined];
  }
  return [kind, name];
}

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
