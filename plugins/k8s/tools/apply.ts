import YAML from 'yaml';
import { defineTool, type Preview } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { unifiedDiff } from '../../../core/diff.js';
import { clientFor, type KubeInput } from '../lib/common.js';
import { KubeApiError, type KubeClient } from '../lib/client.js';
import { readManifests, refOf } from '../lib/manifests.js';
import { cleanForDiff, maskSecrets } from '../lib/format.js';
import { WORKLOAD_KINDS } from '../lib/kinds.js';

interface Input extends KubeInput {
  file: string;
  forceConflicts?: boolean;
  showSecrets?: boolean;
}

export interface AppliedObject {
  ref: string;
  kind: string;
  name: string;
  namespace?: string;
  action: 'created' | 'configured' | 'unchanged';
}

interface Output {
  context: string;
  objects: AppliedObject[];
  /** Workloads whose rollout should be watched. */
  workloads: Array<{ kind: string; name: string; namespace: string }>;
}

interface PlannedObject {
  ref: string;
  namespace?: string;
  action: 'create' | 'update' | 'unchanged';
  diff: string;
}

function explain(e: unknown, ref: string, forceHint: boolean): never {
  if (e instanceof KubeApiError) {
    const hint = e.status === 409 && e.reason === 'Conflict' && forceHint ? 'other field managers own these fields; re-run with --force-conflicts to take them over' : undefined;
    throw new NimbusError(e.status === 422 || e.status === 400 ? 'NIMBUS_E_INPUT' : e.code, `${ref}: ${e.message.replace(/\n/g, '; ')}`, { hint });
  }
  throw e;
}

async function plan(c: KubeClient, input: Input, workspace: string): Promise<PlannedObject[]> {
  const objects = readManifests(input.file, workspace);
  const out: PlannedObject[] = [];
  for (const { obj } of objects) {
    const ref = refOf(obj);
    const k = await c.kindOf(obj.apiVersion, obj.kind).catch((e) => explain(e, ref, false));
    const ns = k.namespaced ? obj.metadata.namespace ?? c.namespace : undefined;
    const live = await c.find(k, ns, obj.metadata.name).catch((e) => explain(e, ref, false));
    const desired = await c.apply(obj, { dryRun: true, force: input.forceConflicts }).catch((e) => explain(e, ref, true));
    const before = live ? YAML.stringify(maskSecrets(cleanForDiff({ apiVersion: obj.apiVersion, kind: obj.kind, ...live }), input.showSecrets)) : '';
    const after = YAML.stringify(maskSecrets(cleanForDiff({ apiVersion: obj.apiVersion, kind: obj.kind, ...desired }), input.showSecrets));
    const shown = `${ref}${ns ? ` (namespace ${ns})` : ''}`;
    if (!live) out.push({ ref, namespace: ns, action: 'create', diff: unifiedDiff('/dev/null', `desired/${shown}`, '', after) });
    else if (before === after) out.push({ ref, namespace: ns, action: 'unchanged', diff: '' });
    else out.push({ ref, namespace: ns, action: 'update', diff: unifiedDiff(`live/${shown}`, `desired/${shown}`, before, after) });
  }
  return out;
}

export default defineTool<Input, Output>({
  async preview(input, ctx): Promise<Preview> {
    const c = clientFor(input, ctx);
    const planned = await plan(c, input, ctx.workspace);
    const n = (a: string) => planned.filter((p) => p.action === a).length;
    const summary = `apply ${planned.length} object${planned.length === 1 ? '' : 's'} from ${input.file} (context ${c.target.context}): ${n('create')} to create, ${n('update')} to update, ${n('unchanged')} unchanged`;
    const warnings: string[] = [];
    if (planned.some((p) => p.ref.startsWith('secret/')) && !input.showSecrets) warnings.push('Secret values are hidden in this diff (--show-secrets shows them)');
    if (input.forceConflicts) warnings.push('--force-conflicts: fields owned by other managers (kubectl, helm, controllers) will be taken over');
    if (!n('create') && !n('update')) return { summary, noop: true };
    return {
      summary,
      effect: n('update') ? 'update' : 'create',
      diff: planned
        .filter((p) => p.diff)
        .map((p) => p.diff)
        .join(''),
      warnings,
    };
  },
  async run(input, ctx) {
    const c = clientFor(input, ctx);
    const objects: AppliedObject[] = [];
    const workloads: Output['workloads'] = [];
    for (const { obj } of readManifests(input.file, ctx.workspace)) {
      const ref = refOf(obj);
      const k = await c.kindOf(obj.apiVersion, obj.kind);
      const ns = k.namespaced ? obj.metadata.namespace ?? c.namespace : undefined;
      const live = await c.find(k, ns, obj.metadata.name);
      const res = await c.apply(obj, { force: input.forceConflicts }).catch((e) => explain(e, ref, true));
      const action = !live ? 'created' : live.metadata?.resourceVersion === res?.metadata?.resourceVersion ? 'unchanged' : 'configured';
      objects.push({ ref, kind: obj.kind, name: obj.metadata.name, namespace: ns, action });
      ctx.log(`${ref} ${action}`);
      if (WORKLOAD_KINDS.has(obj.kind) && action !== 'unchanged') workloads.push({ kind: obj.kind, name: obj.metadata.name, namespace: ns! });
    }
    return { context: c.target.context, objects, workloads };
  },
  render: (o) => o.objects.map((x) => `${x.ref} ${x.action === 'created' ? 'created' : x.action === 'configured' ? 'configured' : 'unchanged'}`).join('\n') + '\n',
  summarize: (o) => `applied ${o.objects.length} objects (context ${o.context}): ` + o.objects.map((x) => `${x.ref} ${x.action}`).join(', '),
});
