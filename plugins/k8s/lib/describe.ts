/** kubectl describe-style text for the common kinds; other kinds show their spec as YAML. */
import YAML from 'yaml';
import { since, eventTime, podStatus, table } from './format.js';

const kv = (m: Record<string, string> | undefined, indent: number) => {
  const e = Object.entries(m ?? {});
  return e.length ? e.map(([k, v], i) => `${i ? ' '.repeat(indent) : ''}${k}=${v}`).join('\n') : '<none>';
};

function line(label: string, value: unknown, width = 14): string {
  return `${(label + ':').padEnd(width)}${value === undefined || value === '' ? '<none>' : value}`;
}

function resources(r: any, pad: string): string[] {
  const out: string[] = [];
  for (const [label, m] of [['Limits', r?.limits], ['Requests', r?.requests]] as const) {
    if (!m || !Object.keys(m).length) continue;
    out.push(`${pad}${label}:`);
    for (const [k, v] of Object.entries(m)) out.push(`${pad}  ${k}:  ${v}`);
  }
  return out;
}

function probe(p: any): string {
  if (!p) return '';
  const how = p.httpGet ? `http-get ${p.httpGet.scheme === 'HTTPS' ? 'https' : 'http'}://:${p.httpGet.port}${p.httpGet.path ?? '/'}` : p.tcpSocket ? `tcp-socket :${p.tcpSocket.port}` : p.exec ? `exec [${(p.exec.command ?? []).join(' ')}]` : p.grpc ? `grpc :${p.grpc.port}` : '?';
  return `${how} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
}

function state(s: any): string[] {
  if (!s) return ['<none>'];
  if (s.running) return ['Running', `  Started:      ${s.running.startedAt ?? ''}`];
  if (s.waiting) return ['Waiting', `  Reason:       ${s.waiting.reason ?? ''}`, ...(s.waiting.message ? [`  Message:      ${s.waiting.message}`] : [])];
  if (s.terminated) return ['Terminated', `  Reason:       ${s.terminated.reason ?? ''}`, `  Exit Code:    ${s.terminated.exitCode}`, `  Started:      ${s.terminated.startedAt ?? ''}`, `  Finished:     ${s.terminated.finishedAt ?? ''}`];
  return ['<none>'];
}

function containers(list: any[], statuses: any[] = [], pad = '  '): string[] {
  const out: string[] = [];
  for (const c of list ?? []) {
    const st = statuses.find((s) => s.name === c.name);
    out.push(`${pad}${c.name}:`);
    out.push(`${pad}  Image:          ${c.image}`);
    if (c.ports?.length) out.push(`${pad}  Port:           ${c.ports.map((p: any) => `${p.containerPort}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`).join(', ')}`);
    if (c.command?.length) out.push(`${pad}  Command:        ${c.command.join(' ')}`);
    if (st) {
      const [first, ...rest] = state(st.state);
      out.push(`${pad}  State:          ${first}`, ...rest.map((r) => `${pad}  ${r}`));
      if (st.lastState && Object.keys(st.lastState).length) {
        const [lf, ...lr] = state(st.lastState);
        out.push(`${pad}  Last State:     ${lf}`, ...lr.map((r) => `${pad}  ${r}`));
      }
      out.push(`${pad}  Ready:          ${st.ready ? 'True' : 'False'}`, `${pad}  Restart Count:  ${st.restartCount ?? 0}`);
    }
    out.push(...resources(c.resources, `${pad}  `));
    if (c.livenessProbe) out.push(`${pad}  Liveness:       ${probe(c.livenessProbe)}`);
    if (c.readinessProbe) out.push(`${pad}  Readiness:      ${probe(c.readinessProbe)}`);
    if (c.startupProbe) out.push(`${pad}  Startup:        ${probe(c.startupProbe)}`);
    if (c.envFrom?.length) out.push(`${pad}  Environment Variables from:`, ...c.envFrom.map((e: any) => `${pad}    ${e.configMapRef?.name ?? e.secretRef?.name}  ${e.configMapRef ? 'ConfigMap' : 'Secret'}  Optional: ${!!(e.configMapRef ?? e.secretRef)?.optional}`));
    if (c.env?.length) {
      out.push(`${pad}  Environment:`);
      for (const e of c.env) {
        const v = e.value !== undefined ? e.value : e.valueFrom?.secretKeyRef ? `<set to the key '${e.valueFrom.secretKeyRef.key}' in secret '${e.valueFrom.secretKeyRef.name}'>` : e.valueFrom?.configMapKeyRef ? `<set to the key '${e.valueFrom.configMapKeyRef.key}' of config map '${e.valueFrom.configMapKeyRef.name}'>` : '<from a field>';
        out.push(`${pad}    ${e.name}:  ${v}`);
      }
    }
    if (c.volumeMounts?.length) out.push(`${pad}  Mounts:`, ...c.volumeMounts.map((m: any) => `${pad}    ${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})`));
  }
  return out;
}

export function eventsTable(events: any[]): string {
  if (!events.length) return 'Events:  <none>\n';
  const rows = events.map((e) => [e.type ?? '', e.reason ?? '', `${since(eventTime(e))}${(e.count ?? 1) > 1 ? ` (x${e.count} over ${since(e.firstTimestamp ?? eventTime(e))})` : ''}`, e.source?.component ?? e.reportingComponent ?? '', (e.message ?? '').trim()]);
  return 'Events:\n' + table(['  Type', 'Reason', 'Age', 'From', 'Message'], rows.map((r) => ['  ' + r[0], ...r.slice(1)]));
}

export function describe(obj: any, events: any[], opts: { showSecrets?: boolean } = {}): string {
  const m = obj.metadata ?? {};
  const out: string[] = [line('Name', m.name), ...(m.namespace ? [line('Namespace', m.namespace)] : []), line('Labels', kv(m.labels, 14)), line('Annotations', kv(Object.fromEntries(Object.entries(m.annotations ?? {}).filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration')) as any, 14)), line('Created', `${m.creationTimestamp ?? ''} (${since(m.creationTimestamp)} ago)`)];
  if (m.ownerReferences?.length) out.push(line('Controlled By', m.ownerReferences.map((r: any) => `${r.kind}/${r.name}`).join(', ')));
  const s = obj.spec ?? {};
  switch (obj.kind) {
    case 'Pod': {
      const ps = podStatus(obj);
      out.push(line('Node', s.nodeName ? `${s.nodeName}/${obj.status?.hostIP ?? ''}` : '<none>'), line('Status', ps.status), line('IP', obj.status?.podIP), line('QoS Class', obj.status?.qosClass));
      out.push('Containers:', ...containers(s.containers, obj.status?.containerStatuses));
      if (s.initContainers?.length) out.push('Init Containers:', ...containers(s.initContainers, obj.status?.initContainerStatuses));
      out.push('Conditions:', ...(obj.status?.conditions ?? []).map((c: any) => `  ${c.type.padEnd(18)}${c.status}${c.reason ? `  (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''}`));
      if (s.volumes?.length) out.push('Volumes:', ...s.volumes.map((v: any) => `  ${v.name}: ${v.configMap ? `ConfigMap ${v.configMap.name}` : v.secret ? `Secret ${v.secret.secretName}` : v.persistentVolumeClaim ? `PVC ${v.persistentVolumeClaim.claimName}` : v.emptyDir ? 'EmptyDir' : Object.keys(v).filter((k) => k !== 'name')[0] ?? ''}`));
      break;
    }
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet': {
      out.push(line('Selector', kv(s.selector?.matchLabels, 14).replace(/\n\s+/g, ',')));
      const st = obj.status ?? {};
      if (obj.kind === 'DaemonSet') out.push(line('Pods', `${st.desiredNumberScheduled ?? 0} desired | ${st.currentNumberScheduled ?? 0} current | ${st.numberReady ?? 0} ready | ${st.numberAvailable ?? 0} available`));
      else out.push(line('Replicas', `${s.replicas ?? 0} desired | ${st.updatedReplicas ?? st.replicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`));
      if (s.strategy?.type) out.push(line('StrategyType', s.strategy.type));
      out.push('Pod Template:', `  Labels:  ${kv(s.template?.metadata?.labels, 11)}`, '  Containers:', ...containers(s.template?.spec?.containers, [], '   '));
      if (st.conditions?.length) out.push('Conditions:', ...st.conditions.map((c: any) => `  ${c.type.padEnd(14)}${c.status.padEnd(7)}${c.reason ?? ''}`));
      break;
    }
    case 'Service':
      out.push(line('Selector', kv(s.selector, 14).replace(/\n\s+/g, ',')), line('Type', s.type ?? 'ClusterIP'), line('IP', s.clusterIP));
      for (const p of s.ports ?? []) out.push(line('Port', `${p.name ?? '<unset>'}  ${p.port}/${p.protocol ?? 'TCP'}`), line('TargetPort', `${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`), ...(p.nodePort ? [line('NodePort', `${p.name ?? '<unset>'}  ${p.nodePort}/${p.protocol ?? 'TCP'}`)] : []));
      break;
    case 'Secret':
      out.push(line('Type', obj.type ?? 'Opaque'), '', 'Data', '====');
      for (const [k, v] of Object.entries(obj.data ?? {})) {
        const masked = String(v).match(/^<hidden: (\d+) bytes/);
        out.push(opts.showSecrets && !masked ? `${k}:  ${Buffer.from(String(v), 'base64').toString('utf8')}` : `${k}:  ${masked ? masked[1] : Buffer.from(String(v), 'base64').length} bytes`);
      }
      break;
    case 'ConfigMap':
      out.push('', 'Data', '====');
      for (const [k, v] of Object.entries(obj.data ?? {})) out.push(`${k}:`, '----', String(v), '');
      break;
    default:
      if (obj.spec) out.push('Spec:', ...YAML.stringify(obj.spec).trimEnd().split('\n').map((l) => '  ' + l));
      if (obj.status && Object.keys(obj.status).length) out.push('Status:', ...YAML.stringify(obj.status).trimEnd().split('\n').map((l) => '  ' + l));
  }
  return out.join('\n') + '\n' + eventsTable(events);
}
