import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { clientFor, type KubeInput } from '../lib/common.js';
import { lookupKind } from '../lib/kinds.js';

interface Input extends KubeInput {
  pod: string;
  container?: string;
  previous?: boolean;
  tail?: number;
  since?: string;
  timestamps?: boolean;
}

interface Output {
  pod: string;
  container: string;
  namespace: string;
  text: string;
}

/** "10s", "5m", "1h30m" → seconds. */
export function parseSince(s: string): number {
  const m = s.match(/^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/);
  if (!s || !m || (!m[1] && !m[2] && !m[3])) throw new NimbusError('NIMBUS_E_INPUT', `--since: "${s}" is not a duration (use e.g. 30s, 5m, 1h)`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** The pod's container to read: the given one, or the only one, or an error listing them. */
export function pickContainer(pod: any, container?: string): string {
  const names: string[] = (pod.spec?.containers ?? []).map((c: any) => c.name);
  const inits: string[] = (pod.spec?.initContainers ?? []).map((c: any) => c.name);
  if (container) {
    if (!names.includes(container) && !inits.includes(container)) throw new NimbusError('NIMBUS_E_INPUT', `container "${container}" is not in pod ${pod.metadata.name}`, { hint: `containers: ${names.join(', ')}` });
    return container;
  }
  if (names.length === 1) return names[0]!;
  const def = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (def && names.includes(def)) return def;
  throw new NimbusError('NIMBUS_E_INPUT', `pod ${pod.metadata.name} has ${names.length} containers: choose one with -c`, { hint: `containers: ${names.join(', ')}` });
}

export function logQuery(input: Input, container: string, follow = false): Record<string, string | number | boolean | undefined> {
  return {
    container,
    previous: input.previous ? true : undefined,
    tailLines: input.tail !== undefined && input.tail >= 0 ? input.tail : undefined,
    sinceSeconds: input.since ? parseSince(input.since) : undefined,
    timestamps: input.timestamps ? true : undefined,
    follow: follow ? true : undefined,
  };
}

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const c = clientFor(input, ctx);
    const podKind = lookupKind('pods')!;
    const name = input.pod.replace(/^(pods?|po)\//, '');
    const pod = await c.get(podKind, c.namespace, name);
    const container = pickContainer(pod, input.container);
    const text = await c.request<string>('GET', c.path(podKind, c.namespace, name, 'log'), { query: logQuery(input, container), text: true, accept: 'text/plain' });
    return { pod: name, container, namespace: c.namespace, text };
  },
  render: (o) => o.text,
  summarize: (o, input) => `${input.previous ? 'previous ' : ''}logs of ${o.namespace}/${o.pod} (${o.container}): ${o.text ? o.text.split('\n').length - 1 : 0} lines`,
});
