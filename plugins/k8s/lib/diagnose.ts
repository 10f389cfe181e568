/**
 * Deterministic pod diagnosis: gather status, conditions, container states and
 * exit codes, events, logs, limits and the ConfigMaps/Secrets the pod needs,
 * then name the causes we can be certain of.
 */
import type { KubeClient } from './client.js';
import { KubeApiError } from './client.js';
import { lookupKind } from './kinds.js';
import { eventTime, podStatus } from './format.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  code: 'Unschedulable' | 'MissingConfigMap' | 'MissingSecret' | 'MissingKey' | 'ImagePullBackOff' | 'OOMKilled' | 'CrashLoopBackOff' | 'ProbeFailure' | 'CreateContainerConfigError' | 'NodeNotReady' | 'Pending' | 'Healthy';
  title: string;
  detail: string[];
  container?: string;
  suggestion?: string;
}

export interface ContainerReport {
  name: string;
  image: string;
  state: string;
  reason?: string;
  exitCode?: number;
  lastReason?: string;
  lastExitCode?: number;
  restarts: number;
  ready: boolean;
  limits?: Record<string, string>;
  requests?: Record<string, string>;
  previousLogs?: string;
  logs?: string;
}

export interface Diagnosis {
  pod: string;
  namespace: string;
  context: string;
  phase: string;
  status: string;
  ready: string;
  node?: string;
  owners: string[];
  conditions: Array<{ type: string; status: string; reason?: string; message?: string }>;
  containers: ContainerReport[];
  events: Array<{ type: string; reason: string; message: string; count: number; lastSeen?: string }>;
  findings: Finding[];
}

const EXIT_MEANING: Record<number, string> = {
  1: 'the application exited with an error',
  2: 'misuse of a shell builtin or bad arguments',
  126: 'the command is not executable',
  127: 'the command was not found in the image',
  128: 'invalid exit argument',
  134: 'aborted (SIGABRT)',
  137: 'killed (SIGKILL): out of memory or a failed liveness probe',
  139: 'segmentation fault (SIGSEGV)',
  143: 'terminated (SIGTERM)',
};

function doubleQuantity(q: string | undefined): string | undefined {
  const m = String(q ?? '').match(/^(\d+(?:\.\d+)?)([A-Za-z]*)$/);
  return m ? `${Number(m[1]) * 2}${m[2]}` : undefined;
}

const tail = (text: string | undefined, n: number) => (text ?? '').replace(/\n$/, '').split('\n').filter(Boolean).slice(-n);
const errorLines = (text: string | undefined) => tail(text, 200).filter((l) => /\b(error|fatal|panic|exception|failed|refused|denied|not found|required|invalid)\b/i.test(l)).slice(-3);

async function exists(c: KubeClient, kind: 'configmaps' | 'secrets', ns: string, name: string): Promise<any | null> {
  try {
    return await c.get(lookupKind(kind)!, ns, name);
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 404) return null;
    throw e;
  }
}

/** Every ConfigMap/Secret the pod needs (optional references skipped), with where it is used. */
function references(pod: any): Array<{ kind: 'ConfigMap' | 'Secret'; name: string; key?: string; where: string; container?: string }> {
  const out: Array<{ kind: 'ConfigMap' | 'Secret'; name: string; key?: string; where: string; container?: string }> = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef && !e.configMapRef.optional) out.push({ kind: 'ConfigMap', name: e.configMapRef.name, where: `envFrom of container ${c.name}`, container: c.name });
      if (e.secretRef && !e.secretRef.optional) out.push({ kind: 'Secret', name: e.secretRef.name, where: `envFrom of container ${c.name}`, container: c.name });
    }
    for (const e of c.env ?? []) {
      const cm = e.valueFrom?.configMapKeyRef;
      const s = e.valueFrom?.secretKeyRef;
      if (cm && !cm.optional) out.push({ kind: 'ConfigMap', name: cm.name, key: cm.key, where: `env ${e.name} of container ${c.name}`, container: c.name });
      if (s && !s.optional) out.push({ kind: 'Secret', name: s.name, key: s.key, where: `env ${e.name} of container ${c.name}`, container: c.name });
    }
  }
  for (const v of pod.spec?.volumes ?? []) {
    if (v.configMap && !v.configMap.optional) out.push({ kind: 'ConfigMap', name: v.configMap.name, where: `volume ${v.name}` });
    if (v.secret && !v.secret.optional) out.push({ kind: 'Secret', name: v.secret.secretName, where: `volume ${v.name}` });
    for (const src of v.projected?.sources ?? []) {
      if (src.configMap && !src.configMap.optional) out.push({ kind: 'ConfigMap', name: src.configMap.name, where: `projected volume ${v.name}` });
      if (src.secret && !src.secret.optional) out.push({ kind: 'Secret', name: src.secret.name, where: `projected volume ${v.name}` });
    }
  }
  for (const s of pod.spec?.imagePullSecrets ?? []) out.push({ kind: 'Secret', name: s.name, where: 'imagePullSecrets' });
  return out;
}

export async function diagnosePod(c: KubeClient, name: string, opts: { logLines?: number } = {}): Promise<Diagnosis> {
  const ns = c.namespace;
  const podKind = lookupKind('pods')!;
  const pod = await c.get(podKind, ns, name);
  const n = opts.logLines ?? 20;
  const ps = podStatus(pod);
  const findings: Finding[] = [];

  // Owners: Pod → ReplicaSet → Deployment (as far as they exist).
  const owners: string[] = [];
  let ref = (pod.metadata.ownerReferences ?? []).find((r: any) => r.controller) ?? pod.metadata.ownerReferences?.[0];
  for (let depth = 0; ref && depth < 3; depth++) {
    owners.push(`${ref.kind}/${ref.name}`);
    const k = lookupKind(ref.kind);
    if (!k) break;
    const o = await c.find(k, ns, ref.name);
    ref = (o?.metadata?.ownerReferences ?? []).find((r: any) => r.controller);
  }

  const evKind = lookupKind('events')!;
  const rawEvents = await c.list(evKind, ns, { fieldSelector: `involvedObject.name=${name},involvedObject.kind=Pod` });
  const events = rawEvents
    .filter((e) => !e.involvedObject?.uid || e.involvedObject.uid === pod.metadata.uid)
    .sort((a, b) => Date.parse(eventTime(a) ?? '') - Date.parse(eventTime(b) ?? ''))
    .map((e) => ({ type: e.type ?? 'Normal', reason: e.reason ?? '', message: String(e.message ?? '').trim(), count: e.count ?? 1, lastSeen: eventTime(e) }));

  // Containers, with logs where they help.
  const containers: ContainerReport[] = [];
  for (const spec of pod.spec?.containers ?? []) {
    const st = (pod.status?.containerStatuses ?? []).find((s: any) => s.name === spec.name) ?? {};
    const state = st.state?.running ? 'running' : st.state?.waiting ? 'waiting' : st.state?.terminated ? 'terminated' : 'unknown';
    const r: ContainerReport = {
      name: spec.name,
      image: spec.image,
      state,
      reason: st.state?.waiting?.reason ?? st.state?.terminated?.reason,
      exitCode: st.state?.terminated?.exitCode,
      lastReason: st.lastState?.terminated?.reason,
      lastExitCode: st.lastState?.terminated?.exitCode,
      restarts: st.restartCount ?? 0,
      ready: !!st.ready,
      limits: spec.resources?.limits,
      requests: spec.resources?.requests,
    };
    const logPath = c.path(podKind, ns, name, 'log');
    if (st.lastState?.terminated) r.previousLogs = await c.request<string>('GET', logPath, { query: { container: spec.name, previous: true, tailLines: n }, text: true, accept: 'text/plain' }).catch(() => undefined);
    if (st.state?.running || st.state?.terminated) r.logs = await c.request<string>('GET', logPath, { query: { container: spec.name, tailLines: n }, text: true, accept: 'text/plain' }).catch(() => undefined);
    containers.push(r);
  }

  // 1. Scheduling.
  const sched = (pod.status?.conditions ?? []).find((x: any) => x.type === 'PodScheduled');
  if (sched?.status === 'False') {
    const msg = sched.message ?? events.find((e) => e.reason === 'FailedScheduling')?.message ?? '';
    const req = containers.map((x) => `${x.name}: ${Object.entries(x.requests ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || 'no requests'}`).join('; ');
    findings.push({
      severity: 'error',
      code: 'Unschedulable',
      title: `the pod cannot be scheduled: ${msg || sched.reason}`,
      detail: [`requests: ${req}`],
      suggestion: /Insufficient (memory|cpu)/.test(msg) ? `lower the pod's ${msg.match(/Insufficient (memory|cpu)/)![1]} requests to what a node can offer, or add nodes with more capacity` : /taint/i.test(msg) ? 'add a toleration for the node taints, or schedule onto untainted nodes' : /affinity|selector/i.test(msg) ? 'check nodeSelector/affinity: no node matches them' : undefined,
    });
  }

  // 2. ConfigMaps and Secrets the pod needs.
  const seen = new Set<string>();
  for (const ref of references(pod)) {
    const key = `${ref.kind}/${ref.name}/${ref.key ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const obj = await exists(c, ref.kind === 'ConfigMap' ? 'configmaps' : 'secrets', ns, ref.name);
    if (!obj) {
      findings.push({ severity: 'error', code: ref.kind === 'ConfigMap' ? 'MissingConfigMap' : 'MissingSecret', container: ref.container, title: `${ref.kind} "${ref.name}" does not exist in namespace ${ns} (needed by ${ref.where})`, detail: [], suggestion: `create ${ref.kind.toLowerCase()} ${ref.name} in ${ns}, fix the name in the pod template, or mark the reference optional` });
    } else if (ref.key && !(ref.key in (obj.data ?? {})) && !(ref.key in (obj.binaryData ?? {}))) {
      findings.push({ severity: 'error', code: 'MissingKey', container: ref.container, title: `${ref.kind} "${ref.name}" has no key "${ref.key}" (needed by ${ref.where})`, detail: [`keys: ${Object.keys(obj.data ?? {}).join(', ') || 'none'}`], suggestion: `add the key ${ref.key} to ${ref.kind.toLowerCase()} ${ref.name}` });
    }
  }
  const missingNamed = (kind: string, nm: string) => findings.some((f) => (f.code === 'MissingConfigMap' || f.code === 'MissingSecret') && f.title.startsWith(`${kind} "${nm}"`));
  for (const e of events) {
    const m = e.message.match(/(configmap|secret) "([^"]+)" not found/i);
    if (m) {
      const kind = m[1]!.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap';
      if (!missingNamed(kind, m[2]!)) findings.push({ severity: 'error', code: kind === 'Secret' ? 'MissingSecret' : 'MissingConfigMap', title: `${kind} "${m[2]}" was not found (${e.reason}: ${e.message})`, detail: [], suggestion: `create ${kind.toLowerCase()} ${m[2]} in ${ns}` });
    }
  }

  // 3. Container states.
  for (const r of containers) {
    if (r.reason === 'ImagePullBackOff' || r.reason === 'ErrImagePull' || r.reason === 'InvalidImageName') {
      const ev = [...events].reverse().find((e) => e.reason === 'Failed' && /pull/i.test(e.message));
      const why = ev?.message ?? '';
      const cause = /not found|manifest unknown/i.test(why) ? 'the image or tag does not exist in the registry' : /unauthorized|denied|authentication required|403/i.test(why) ? 'the registry refused access: add or fix imagePullSecrets' : /no such host|dial tcp|i\/o timeout|connection refused/i.test(why) ? 'the registry cannot be reached from the node' : 'the image cannot be pulled';
      findings.push({ severity: 'error', code: 'ImagePullBackOff', container: r.name, title: `${r.reason}: image "${r.image}" of container ${r.name} cannot be pulled: ${cause}`, detail: why ? [why] : [], suggestion: /does not exist/.test(cause) ? `check the image name and tag (${r.image}); push it, or point the pod at a tag that exists` : undefined });
    }
    if (r.reason === 'CreateContainerConfigError' && !findings.some((f) => f.code === 'MissingConfigMap' || f.code === 'MissingSecret' || f.code === 'MissingKey')) {
      const st = (pod.status?.containerStatuses ?? []).find((s: any) => s.name === r.name);
      findings.push({ severity: 'error', code: 'CreateContainerConfigError', container: r.name, title: `container ${r.name} cannot be created: ${st?.state?.waiting?.message ?? 'configuration error'}`, detail: [] });
    }
    const oom = r.lastReason === 'OOMKilled' || r.reason === 'OOMKilled';
    if (oom) {
      const lim = r.limits?.memory;
      findings.push({
        severity: 'error',
        code: 'OOMKilled',
        container: r.name,
        title: `OOMKilled: container ${r.name} exceeded its memory limit${lim ? ` (${lim})` : ''} and was killed (exit code ${r.lastExitCode ?? r.exitCode ?? 137}); restarted ${r.restarts} times`,
        detail: tail(r.previousLogs, 3).map((l) => `last output: ${l}`),
        suggestion: lim ? `raise resources.limits.memory of container ${r.name} (for example ${lim} → ${doubleQuantity(lim)}) or reduce the app's memory use` : 'set a memory request/limit that fits the app, or reduce its memory use',
      });
    }
    if (r.reason === 'CrashLoopBackOff' && !oom) {
      const code = r.lastExitCode;
      const lines = errorLines(r.previousLogs);
      findings.push({
        severity: 'error',
        code: 'CrashLoopBackOff',
        container: r.name,
        title: `CrashLoopBackOff: container ${r.name} keeps exiting${code !== undefined ? ` with exit code ${code}` : ''}${r.lastReason ? ` (${r.lastReason})` : ''}; restarted ${r.restarts} times`,
        detail: [...(code !== undefined && EXIT_MEANING[code] ? [`exit code ${code}: ${EXIT_MEANING[code]}`] : []), ...lines.map((l) => `log: ${l}`)],
        suggestion: code === 127 ? 'fix the command/entrypoint: the binary is not in the image' : lines.length ? 'fix the error the app logs before it exits (above)' : 'read the previous logs (nimbus k8s logs POD --previous) for the reason',
      });
    }
  }

  // 4. Probes.
  for (const kind of ['Liveness', 'Readiness', 'Startup']) {
    const evs = events.filter((e) => e.reason === 'Unhealthy' && e.message.startsWith(`${kind} probe failed`));
    if (!evs.length) continue;
    const last = evs[evs.length - 1]!;
    const total = evs.reduce((s, e) => s + e.count, 0);
    const killed = events.filter((e) => e.reason === 'Killing' && /failed (liveness|startup) probe/.test(e.message)).reduce((s, e) => s + e.count, 0);
    findings.push({
      severity: kind === 'Readiness' ? 'warning' : 'error',
      code: 'ProbeFailure',
      title: `${kind} probe failing (${total} times): ${last.message.replace(`${kind} probe failed: `, '')}`,
      detail: kind === 'Liveness' && killed ? [`the kubelet restarted the container ${killed} times because of it`] : kind === 'Readiness' ? ['the pod receives no Service traffic while it is not ready'] : [],
      suggestion: /connection refused/.test(last.message) ? 'the app is not listening on the probed port yet: check the port, or give it time with initialDelaySeconds or a startupProbe' : /statuscode: 5\d\d/.test(last.message) ? 'the endpoint answers with a server error: check what the app reports there (logs)' : 'check the probe path, port and timeouts against the app',
    });
  }

  // 5. Node health.
  if (pod.spec?.nodeName) {
    const node = await c.find(lookupKind('nodes')!, undefined, pod.spec.nodeName).catch(() => undefined);
    const ready = (node?.status?.conditions ?? []).find((x: any) => x.type === 'Ready');
    if (node && ready?.status !== 'True') findings.push({ severity: 'error', code: 'NodeNotReady', title: `node ${pod.spec.nodeName} is not Ready (${ready?.reason ?? 'unknown'})`, detail: [] });
  }

  if (!findings.length) {
    if (ps.status === 'Running' && ps.ready.split('/')[0] === ps.ready.split('/')[1]) findings.push({ severity: 'info', code: 'Healthy', title: 'no problem found: the pod is Running and all its containers are ready', detail: [] });
    else findings.push({ severity: 'warning', code: 'Pending', title: `the pod is ${ps.status} and no known cause was found`, detail: events.filter((e) => e.type === 'Warning').slice(-3).map((e) => `${e.reason}: ${e.message}`) });
  }
  const rank = { error: 0, warning: 1, info: 2 };
  findings.sort((a, b) => rank[a.severity] - rank[b.severity]);

  return {
    pod: name,
    namespace: ns,
    context: c.target.context,
    phase: pod.status?.phase ?? 'Unknown',
    status: ps.status,
    ready: ps.ready,
    node: pod.spec?.nodeName,
    owners,
    conditions: (pod.status?.conditions ?? []).map((x: any) => ({ type: x.type, status: x.status, reason: x.reason, message: x.message })),
    containers,
    events,
    findings,
  };
}

export function renderDiagnosis(d: Diagnosis, opts: { color?: boolean } = {}): string {
  const mark = { error: '✗', warning: '!', info: '✓' };
  const out: string[] = [];
  out.push(`Pod ${d.namespace}/${d.pod}${d.owners.length ? `  (${[...d.owners].reverse().join(' → ')})` : ''}  context ${d.context}`);
  out.push(`Status: ${d.status}   Ready: ${d.ready}   Restarts: ${d.containers.reduce((s, c) => s + c.restarts, 0)}   Node: ${d.node ?? '<none>'}`);
  out.push('', 'Findings:');
  for (const f of d.findings) {
    out.push(`  ${mark[f.severity]} ${f.title}`);
    for (const l of f.detail) out.push(`      ${l}`);
    if (f.suggestion) out.push(`      → ${f.suggestion}`);
  }
  out.push('', 'Containers:');
  for (const c of d.containers) {
    const res = [c.limits && `limits ${Object.entries(c.limits).map(([k, v]) => `${k}=${v}`).join(',')}`, c.requests && `requests ${Object.entries(c.requests).map(([k, v]) => `${k}=${v}`).join(',')}`].filter(Boolean).join('  ');
    out.push(`  ${c.name}  ${c.image}  ${c.state}${c.reason ? ` (${c.reason})` : ''}${c.lastReason ? `  last: ${c.lastReason}${c.lastExitCode !== undefined ? ` exit ${c.lastExitCode}` : ''}` : ''}  restarts ${c.restarts}${res ? `  ${res}` : ''}`);
  }
  const warn = d.events.slice(-6);
  if (warn.length) {
    out.push('', 'Recent events:');
    for (const e of warn) out.push(`  ${e.type === 'Warning' ? '!' : ' '} ${e.reason}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
  }
  for (const c of d.containers) {
    if (c.previousLogs?.trim()) out.push('', `Previous logs (${c.name}, before the last restart):`, ...tail(c.previousLogs, 10).map((l) => `  ${l}`));
  }
  void opts;
  return out.join('\n') + '\n';
}
