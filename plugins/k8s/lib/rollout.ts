/**
 * Rollout status (kubectl's rules, plus early failure when new pods cannot start),
 * waiting for a rollout, revision history, and the undo patch.
 */
import YAML from 'yaml';
import { NimbusError } from '../../../core/errors.js';
import type { KubeClient } from './client.js';
import { lookupKind, type KindInfo } from './kinds.js';

export interface RolloutState {
  kind: string;
  name: string;
  namespace: string;
  done: boolean;
  failed: boolean;
  message: string;
  /** Pods of the new revision that cannot start: "web-abc-123: ImagePullBackOff (Back-off pulling image …)". */
  problems: string[];
}

const BAD_WAITING = new Set(['ImagePullBackOff', 'ErrImagePull', 'CrashLoopBackOff', 'CreateContainerConfigError', 'CreateContainerError', 'InvalidImageName', 'RunContainerError']);

export function workloadKind(kind: string): KindInfo {
  const k = lookupKind(kind);
  if (!k || !['Deployment', 'StatefulSet', 'DaemonSet'].includes(k.kind)) throw new NimbusError('NIMBUS_E_INPUT', `rollout works on deployments, statefulsets and daemonsets, not "${kind}"`);
  return k;
}

function ownedBy(list: any[], owner: any): any[] {
  return list.filter((o) => (o.metadata?.ownerReferences ?? []).some((r: any) => r.uid === owner.metadata.uid));
}

function selectorText(sel: any): string {
  return Object.entries(sel?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** Pods of the workload's current revision that are stuck. */
async function podProblems(c: KubeClient, k: KindInfo, obj: any): Promise<string[]> {
  const ns = obj.metadata.namespace;
  const pods = await c.list(lookupKind('pods')!, ns, { labelSelector: selectorText(obj.spec?.selector) });
  let owners: string[] = [obj.metadata.uid];
  if (k.kind === 'Deployment') {
    const sets = ownedBy(await c.list(lookupKind('replicasets')!, ns, { labelSelector: selectorText(obj.spec?.selector) }), obj);
    const rev = obj.metadata.annotations?.['deployment.kubernetes.io/revision'];
    const cur = sets.filter((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === rev);
    owners = cur.map((rs) => rs.metadata.uid);
  }
  const out: string[] = [];
  for (const p of pods) {
    if (!(p.metadata.ownerReferences ?? []).some((r: any) => owners.includes(r.uid))) continue;
    for (const s of p.status?.containerStatuses ?? []) {
      const w = s.state?.waiting;
      if (w && BAD_WAITING.has(w.reason)) out.push(`${p.metadata.name}: ${w.reason}${w.message ? ` (${w.message})` : ''}`);
    }
    const unsched = (p.status?.conditions ?? []).find((x: any) => x.type === 'PodScheduled' && x.status === 'False' && x.reason === 'Unschedulable');
    if (unsched) out.push(`${p.metadata.name}: Unschedulable (${unsched.message ?? ''})`);
  }
  return out;
}

export async function rolloutState(c: KubeClient, kind: string, name: string, namespace: string): Promise<RolloutState> {
  const k = workloadKind(kind);
  const o = await c.get(k, namespace, name);
  const st = o.status ?? {};
  const gen = o.metadata?.generation ?? 0;
  const base = { kind: k.kind, name, namespace, problems: [] as string[] };
  const waiting = async (message: string): Promise<RolloutState> => {
    const problems = await podProblems(c, k, o);
    if (problems.length) return { ...base, done: false, failed: true, message: `${k.kind.toLowerCase()} "${name}" rollout failed: new pods cannot start`, problems };
    return { ...base, done: false, failed: false, message };
  };
  if (k.kind === 'Deployment') {
    if (gen > (st.observedGeneration ?? 0)) return waiting('Waiting for deployment spec update to be observed...');
    const progressing = (st.conditions ?? []).find((x: any) => x.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
      return { ...base, done: false, failed: true, message: `deployment "${name}" exceeded its progress deadline`, problems: await podProblems(c, k, o) };
    }
    const want = o.spec?.replicas ?? 1;
    if ((st.updatedReplicas ?? 0) < want) return waiting(`Waiting for deployment "${name}" rollout to finish: ${st.updatedReplicas ?? 0} out of ${want} new replicas have been updated...`);
    if ((st.replicas ?? 0) > (st.updatedReplicas ?? 0)) return waiting(`Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - (st.updatedReplicas ?? 0)} old replicas are pending termination...`);
    if ((st.availableReplicas ?? 0) < (st.updatedReplicas ?? 0)) return waiting(`Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${st.updatedReplicas ?? 0} updated replicas are available...`);
    return { ...base, done: true, failed: false, message: `deployment "${name}" successfully rolled out` };
  }
  if (k.kind === 'StatefulSet') {
    if (o.spec?.updateStrategy?.type && o.spec.updateStrategy.type !== 'RollingUpdate') return { ...base, done: true, failed: false, message: 'rollout status is only available for RollingUpdate strategy type' };
    if (!st.observedGeneration || gen > st.observedGeneration) return waiting('Waiting for statefulset spec update to be observed...');
    const want = o.spec?.replicas ?? 1;
    if ((st.readyReplicas ?? 0) < want) return waiting(`Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...`);
    if (st.updateRevision !== st.currentRevision) return waiting(`waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...`);
    return { ...base, done: true, failed: false, message: `statefulset rolling update complete ${st.currentReplicas ?? want} pods at revision ${st.currentRevision}...` };
  }
  if (gen > (st.observedGeneration ?? 0)) return waiting('Waiting for daemon set spec update to be observed...');
  if ((st.updatedNumberScheduled ?? 0) < (st.desiredNumberScheduled ?? 0)) return waiting(`Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${st.desiredNumberScheduled} new pods have been updated...`);
  if ((st.numberAvailable ?? 0) < (st.desiredNumberScheduled ?? 0)) return waiting(`Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${st.desiredNumberScheduled} updated pods are available...`);
  return { ...base, done: true, failed: false, message: `daemon set "${name}" successfully rolled out` };
}

/** Poll until the rollout finishes, fails, or TIMEOUT passes. */
export async function waitRollout(c: KubeClient, kind: string, name: string, namespace: string, opts: { timeoutMs: number; pollMs?: number; signal?: AbortSignal; onProgress?: (s: RolloutState) => void }): Promise<RolloutState & { timedOut: boolean }> {
  const end = Date.now() + opts.timeoutMs;
  let last = '';
  for (;;) {
    const s = await rolloutState(c, kind, name, namespace);
    if (s.message !== last) opts.onProgress?.(s);
    last = s.message;
    if (s.done || s.failed) return { ...s, timedOut: false };
    if (Date.now() >= end || opts.signal?.aborted) return { ...s, failed: true, timedOut: true, message: `${s.message} (gave up after ${Math.round(opts.timeoutMs / 1000)}s)` };
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 500));
  }
}

export interface Revision {
  revision: number;
  changeCause?: string;
  images: string[];
  name: string;
  template: any;
}

export async function history(c: KubeClient, kind: string, name: string, namespace: string): Promise<{ obj: any; revisions: Revision[]; current?: number }> {
  const k = workloadKind(kind);
  const obj = await c.get(k, namespace, name);
  const images = (t: any) => (t?.spec?.containers ?? []).map((x: any) => x.image);
  let revisions: Revision[];
  if (k.kind === 'Deployment') {
    const sets = ownedBy(await c.list(lookupKind('replicasets')!, namespace, { labelSelector: selectorText(obj.spec?.selector) }), obj);
    revisions = sets.map((rs) => {
      const t = structuredClone(rs.spec?.template ?? {});
      if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
      return { revision: Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0), changeCause: rs.metadata.annotations?.['kubernetes.io/change-cause'], images: images(t), name: rs.metadata.name, template: t };
    });
  } else {
    const crs = ownedBy(await c.list(lookupKind('controllerrevisions')!, namespace, { labelSelector: selectorText(obj.spec?.selector) }), obj);
    revisions = crs.map((cr) => {
      const t = structuredClone(cr.data?.spec?.template ?? {});
      delete t.$patch;
      return { revision: Number(cr.revision ?? 0), changeCause: cr.metadata.annotations?.['kubernetes.io/change-cause'], images: images(t), name: cr.metadata.name, template: t };
    });
  }
  revisions.sort((a, b) => a.revision - b.revision);
  const current = k.kind === 'Deployment' ? Number(obj.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? revisions.at(-1)?.revision ?? 0) : revisions.at(-1)?.revision;
  return { obj, revisions, current };
}

export function templateYaml(t: any): string {
  const copy = structuredClone(t ?? {});
  if (copy.metadata?.labels) {
    delete copy.metadata.labels['pod-template-hash'];
    delete copy.metadata.labels['controller-revision-hash'];
  }
  return YAML.stringify(copy);
}

/** The revision undo goes to: TO, or the one before the current. */
export function undoTarget(h: { revisions: Revision[]; current?: number }, to?: number): Revision {
  if (to) {
    const r = h.revisions.find((x) => x.revision === to);
    if (!r) throw new NimbusError('NIMBUS_E_INPUT', `unable to find specified revision ${to} in history`, { hint: `revisions: ${h.revisions.map((x) => x.revision).join(', ') || 'none'}` });
    return r;
  }
  const older = h.revisions.filter((x) => x.revision !== h.current && x.revision < (h.current ?? Infinity));
  const r = older.at(-1);
  if (!r) throw new NimbusError('NIMBUS_E_INPUT', 'no rollout history found: there is no earlier revision to roll back to');
  return r;
}

const SKIP_ANNOTATIONS = new Set(['deployment.kubernetes.io/revision', 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'kubectl.kubernetes.io/last-applied-configuration']);

/** Roll the workload back to REV (the same patches kubectl sends). */
export async function undo(c: KubeClient, kind: string, obj: any, rev: Revision): Promise<void> {
  const k = workloadKind(kind);
  const ns = obj.metadata.namespace;
  if (k.kind === 'Deployment') {
    const sets = ownedBy(await c.list(lookupKind('replicasets')!, ns, { labelSelector: selectorText(obj.spec?.selector) }), obj);
    const rs = sets.find((s) => s.metadata.name === rev.name);
    const annotations: Record<string, string> = {};
    for (const [a, v] of Object.entries(obj.metadata.annotations ?? {})) if (SKIP_ANNOTATIONS.has(a)) annotations[a] = String(v);
    for (const [a, v] of Object.entries(rs?.metadata?.annotations ?? {})) if (!SKIP_ANNOTATIONS.has(a)) annotations[a] = String(v);
    const patch = [
      { op: 'replace', path: '/spec/template', value: rev.template },
      { op: obj.metadata.annotations ? 'replace' : 'add', path: '/metadata/annotations', value: annotations },
    ];
    await c.patch(k, ns, obj.metadata.name, patch, 'json', { manager: 'nimbus-rollout' });
    return;
  }
  await c.patch(k, ns, obj.metadata.name, { spec: { template: { ...rev.template, $patch: 'replace' } } }, 'strategic', { manager: 'nimbus-rollout' });
}
