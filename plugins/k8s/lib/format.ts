/**
 * kubectl-style output: ages, tables (columns padded like Go's tabwriter with
 * three spaces), and the per-kind columns kubectl prints.
 */
import crypto from 'node:crypto';

/** k8s.io/apimachinery duration.HumanDuration: 45s, 3m20s, 5h12m, 3d4h, 400d, 2y3d. */
export function age(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 ? `${minutes}m${seconds % 60}s` : `${minutes}m`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 ? `${hours}h${minutes % 60}m` : `${hours}h`;
  if (hours < 48) return `${hours}h`;
  if (hours < 192) return hours % 24 ? `${Math.floor(hours / 24)}d${hours % 24}h` : `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / 24 / 365);
  const days = Math.floor(hours / 24) % 365;
  if (hours < 24 * 365 * 8) return days ? `${years}y${days}d` : `${years}y`;
  return `${years}y`;
}

export function since(t: string | undefined, now = Date.now()): string {
  return t ? age(now - Date.parse(t)) : '<unknown>';
}

/** Columns separated like kubectl's tabwriter (3 spaces), the last one unpadded. */
export function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : (c ?? '').padEnd(widths[i]! + 3))).join('').trimEnd()).join('\n') + '\n';
}

const labelsText = (m: Record<string, string> | undefined) =>
  Object.entries(m ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** The pod's STATUS column, computed the way kubectl prints it. */
export function podStatus(pod: any): { ready: string; status: string; restarts: string; restartCount: number } {
  const statuses: any[] = pod.status?.containerStatuses ?? [];
  let reason: string = pod.status?.reason || pod.status?.phase || 'Unknown';
  let restarts = 0;
  let ready = 0;
  let lastRestart = 0;
  let initializing = false;
  const inits: any[] = pod.status?.initContainerStatuses ?? [];
  inits.forEach((c, i) => {
    restarts += c.restartCount ?? 0;
    if (c.state?.terminated?.exitCode === 0) return;
    if (c.state?.terminated) {
      reason = c.state.terminated.reason ? `Init:${c.state.terminated.reason}` : `Init:ExitCode:${c.state.terminated.exitCode}`;
      initializing = true;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
      initializing = true;
    } else if (!c.started) {
      reason = `Init:${i}/${inits.length}`;
      initializing = true;
    }
  });
  let hasRunning = false;
  if (!initializing) {
    restarts = 0;
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      const fin = c.lastState?.terminated?.finishedAt;
      if (fin && Date.parse(fin) > lastRestart) lastRestart = Date.parse(fin);
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }
  if (pod.metadata?.deletionTimestamp) reason = 'Terminating';
  const restartText = restarts && lastRestart ? `${restarts} (${age(Date.now() - lastRestart)} ago)` : String(restarts);
  return { ready: `${ready}/${(pod.spec?.containers ?? []).length}`, status: reason, restarts: restartText, restartCount: restarts };
}

function servicePorts(s: any): string {
  const ports: any[] = s.spec?.ports ?? [];
  return ports.length ? ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',') : '<none>';
}

function externalIp(s: any): string {
  const lb = (s.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip ?? i.hostname).filter(Boolean);
  if (lb.length) return lb.join(',');
  if (s.spec?.externalIPs?.length) return s.spec.externalIPs.join(',');
  if (s.spec?.type === 'LoadBalancer') return '<pending>';
  if (s.spec?.type === 'ExternalName') return s.spec.externalName ?? '<none>';
  return '<none>';
}

function jobStatus(j: any): string {
  const conds: any[] = j.status?.conditions ?? [];
  if (conds.some((c) => c.type === 'Complete' && c.status === 'True')) return 'Complete';
  if (conds.some((c) => c.type === 'Failed' && c.status === 'True')) return 'Failed';
  if (j.spec?.suspend) return 'Suspended';
  return 'Running';
}

function nodeStatus(n: any): string {
  const ready = (n.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  const s = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
  return n.spec?.unschedulable ? `${s},SchedulingDisabled` : s;
}

function hpaTargets(h: any): string {
  const metrics: any[] = h.spec?.metrics ?? [];
  if (!metrics.length) return '<none>';
  return metrics
    .map((m, i) => {
      if (m.type !== 'Resource') return `<${m.type}>`;
      const cur = (h.status?.currentMetrics ?? [])[i]?.resource?.current;
      const target = m.resource?.target;
      const curText = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : cur?.averageValue ?? '<unknown>';
      const tText = target?.averageUtilization !== undefined ? `${target.averageUtilization}%` : target?.averageValue ?? target?.value ?? '<unknown>';
      return `${m.resource?.name}: ${curText}/${tText}`;
    })
    .join(', ');
}

interface Printer {
  header: string[];
  wide?: string[];
  row(o: any): string[];
  wideRow?(o: any): string[];
}

export const PRINTERS: Record<string, Printer> = {
  Pod: {
    header: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    wide: ['IP', 'NODE'],
    row: (p) => {
      const s = podStatus(p);
      return [p.metadata.name, s.ready, s.status, s.restarts, since(p.metadata.creationTimestamp)];
    },
    wideRow: (p) => [p.status?.podIP ?? '<none>', p.spec?.nodeName ?? '<none>'],
  },
  Deployment: {
    header: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (d) => [d.metadata.name, `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, String(d.status?.updatedReplicas ?? 0), String(d.status?.availableReplicas ?? 0), since(d.metadata.creationTimestamp)],
    wideRow: (d) => [(d.spec?.template?.spec?.containers ?? []).map((c: any) => c.name).join(','), (d.spec?.template?.spec?.containers ?? []).map((c: any) => c.image).join(','), labelsText(d.spec?.selector?.matchLabels)],
  },
  StatefulSet: {
    header: ['NAME', 'READY', 'AGE'],
    row: (s) => [s.metadata.name, `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`, since(s.metadata.creationTimestamp)],
  },
  DaemonSet: {
    header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
    row: (d) => [d.metadata.name, String(d.status?.desiredNumberScheduled ?? 0), String(d.status?.currentNumberScheduled ?? 0), String(d.status?.numberReady ?? 0), String(d.status?.updatedNumberScheduled ?? 0), String(d.status?.numberAvailable ?? 0), labelsText(d.spec?.template?.spec?.nodeSelector) || '<none>', since(d.metadata.creationTimestamp)],
  },
  ReplicaSet: {
    header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    row: (r) => [r.metadata.name, String(r.spec?.replicas ?? 0), String(r.status?.replicas ?? 0), String(r.status?.readyReplicas ?? 0), since(r.metadata.creationTimestamp)],
  },
  Service: {
    header: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    wide: ['SELECTOR'],
    row: (s) => [s.metadata.name, s.spec?.type ?? 'ClusterIP', s.spec?.clusterIP ?? '<none>', externalIp(s), servicePorts(s), since(s.metadata.creationTimestamp)],
    wideRow: (s) => [labelsText(s.spec?.selector) || '<none>'],
  },
  Ingress: {
    header: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
    row: (i) => [
      i.metadata.name,
      i.spec?.ingressClassName ?? '<none>',
      (i.spec?.rules ?? []).map((r: any) => r.host ?? '*').join(',') || '*',
      (i.status?.loadBalancer?.ingress ?? []).map((x: any) => x.ip ?? x.hostname).join(','),
      i.spec?.tls?.length ? '80, 443' : '80',
      since(i.metadata.creationTimestamp),
    ],
  },
  ConfigMap: {
    header: ['NAME', 'DATA', 'AGE'],
    row: (c) => [c.metadata.name, String(Object.keys(c.data ?? {}).length + Object.keys(c.binaryData ?? {}).length), since(c.metadata.creationTimestamp)],
  },
  Secret: {
    header: ['NAME', 'TYPE', 'DATA', 'AGE'],
    row: (s) => [s.metadata.name, s.type ?? 'Opaque', String(Object.keys(s.data ?? {}).length), since(s.metadata.creationTimestamp)],
  },
  Job: {
    header: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
    row: (j) => [
      j.metadata.name,
      jobStatus(j),
      `${j.status?.succeeded ?? 0}/${j.spec?.completions ?? 1}`,
      j.status?.startTime ? age((j.status.completionTime ? Date.parse(j.status.completionTime) : Date.now()) - Date.parse(j.status.startTime)) : '',
      since(j.metadata.creationTimestamp),
    ],
  },
  CronJob: {
    header: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
    row: (c) => [c.metadata.name, c.spec?.schedule ?? '', c.spec?.timeZone ?? '<none>', String(!!c.spec?.suspend), String((c.status?.active ?? []).length), c.status?.lastScheduleTime ? since(c.status.lastScheduleTime) : '<none>', since(c.metadata.creationTimestamp)],
  },
  Namespace: {
    header: ['NAME', 'STATUS', 'AGE'],
    row: (n) => [n.metadata.name, n.status?.phase ?? 'Active', since(n.metadata.creationTimestamp)],
  },
  Node: {
    header: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    row: (n) => [
      n.metadata.name,
      nodeStatus(n),
      Object.keys(n.metadata.labels ?? {})
        .filter((l) => l.startsWith('node-role.kubernetes.io/'))
        .map((l) => l.slice('node-role.kubernetes.io/'.length))
        .join(',') || '<none>',
      since(n.metadata.creationTimestamp),
      n.status?.nodeInfo?.kubeletVersion ?? '',
    ],
  },
  PersistentVolumeClaim: {
    header: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'AGE'],
    row: (p) => [
      p.metadata.name,
      p.status?.phase ?? 'Pending',
      p.spec?.volumeName ?? '',
      p.status?.capacity?.storage ?? '',
      (p.status?.accessModes ?? p.spec?.accessModes ?? []).map((m: string) => ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[m] ?? m).join(','),
      p.spec?.storageClassName ?? '<unset>',
      since(p.metadata.creationTimestamp),
    ],
  },
  HorizontalPodAutoscaler: {
    header: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
    row: (h) => [h.metadata.name, `${h.spec?.scaleTargetRef?.kind}/${h.spec?.scaleTargetRef?.name}`, hpaTargets(h), String(h.spec?.minReplicas ?? 1), String(h.spec?.maxReplicas ?? ''), String(h.status?.currentReplicas ?? 0), since(h.metadata.creationTimestamp)],
  },
  Event: {
    header: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
    row: (e) => [since(eventTime(e)), e.type ?? '', e.reason ?? '', `${(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`, (e.message ?? '').trim()],
  },
};

const DEFAULT_PRINTER: Printer = { header: ['NAME', 'AGE'], row: (o) => [o.metadata.name, since(o.metadata.creationTimestamp)] };

export function eventTime(e: any): string | undefined {
  return e.lastTimestamp ?? e.eventTime ?? e.series?.lastObservedTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
}

/** kubectl's table for a list of objects of one kind. */
export function printTable(kind: string, items: any[], opts: { allNamespaces?: boolean; wide?: boolean; showLabels?: boolean } = {}): string {
  const p = PRINTERS[kind] ?? DEFAULT_PRINTER;
  const header = [...(opts.allNamespaces ? ['NAMESPACE'] : []), ...p.header, ...(opts.wide && p.wide ? p.wide : []), ...(opts.showLabels ? ['LABELS'] : [])];
  const rows = items.map((o) => [
    ...(opts.allNamespaces ? [o.metadata?.namespace ?? ''] : []),
    ...p.row(o),
    ...(opts.wide && p.wideRow ? p.wideRow(o) : []),
    ...(opts.showLabels ? [labelsText(o.metadata?.labels) || '<none>'] : []),
  ]);
  return table(header, rows);
}

/** Secret values shown as their size and a short fingerprint, never the value. */
export function maskSecretValue(base64: string): string {
  const bytes = Buffer.from(String(base64), 'base64');
  return `<hidden: ${bytes.length} bytes, sha256:${crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 8)}>`;
}

/** A copy of OBJ with Secret data replaced by masks (unless SHOW). Works on lists too. */
export function maskSecrets<T>(obj: T, show = false): T {
  if (show) return obj;
  const walk = (o: any): any => {
    if (Array.isArray(o)) return o.map(walk);
    if (!o || typeof o !== 'object') return o;
    if (o.kind === 'Secret') {
      const out = { ...o };
      if (o.data) out.data = Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, maskSecretValue(String(v))]));
      if (o.stringData) out.stringData = Object.fromEntries(Object.entries(o.stringData).map(([k, v]) => [k, maskSecretValue(Buffer.from(String(v)).toString('base64'))]));
      const lastApplied = o.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
      if (lastApplied) out.metadata = { ...o.metadata, annotations: { ...o.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': '<hidden: contains secret data>' } };
      return out;
    }
    if (Array.isArray(o.items)) return { ...o, items: o.items.map(walk) };
    return o;
  };
  return walk(obj);
}

/** Fields the server manages that are noise in a manifest or a diff. */
export function cleanForDiff(obj: any): any {
  if (!obj) return obj;
  const o = structuredClone(obj);
  delete o.status;
  if (o.metadata) {
    for (const k of ['managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'selfLink']) delete o.metadata[k];
    if (o.metadata.annotations) {
      delete o.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
      delete o.metadata.annotations['deployment.kubernetes.io/revision'];
      if (!Object.keys(o.metadata.annotations).length) delete o.metadata.annotations;
    }
  }
  return o;
}
