import { defineTool } from '../../../core/tool.js';
import { clientFor, type KubeInput } from '../lib/common.js';
import { eventTime, since, table } from '../lib/format.js';
import { splitRef } from '../lib/kinds.js';

interface Input extends KubeInput {
  allNamespaces?: boolean;
  for?: string;
  warningsOnly?: boolean;
}

interface Output {
  namespace?: string;
  events: Array<{ namespace: string; lastSeen?: string; type: string; reason: string; object: string; message: string; count: number }>;
}

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const c = clientFor(input, ctx);
    const ev = await c.kind('events');
    const fields: string[] = [];
    if (input.warningsOnly) fields.push('type=Warning');
    if (input.for) {
      const [kind, name] = splitRef(input.for);
      const k = await c.kind(kind);
      fields.push(`involvedObject.kind=${k.kind}`);
      if (name) fields.push(`involvedObject.name=${name}`);
    }
    const ns = input.allNamespaces ? undefined : c.namespace;
    const list = await c.list(ev, ns, { fieldSelector: fields.join(',') || undefined });
    const events = list
      .map((e) => ({ namespace: e.metadata?.namespace ?? '', lastSeen: eventTime(e), type: e.type ?? 'Normal', reason: e.reason ?? '', object: `${String(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`, message: String(e.message ?? '').trim(), count: e.count ?? 1 }))
      .sort((a, b) => Date.parse(a.lastSeen ?? '') - Date.parse(b.lastSeen ?? ''));
    return { namespace: ns, events };
  },
  render(o, input) {
    if (!o.events.length) return o.namespace ? `No events found in ${o.namespace} namespace.\n` : 'No events found.\n';
    const rows = o.events.map((e) => [...(input.allNamespaces ? [e.namespace] : []), since(e.lastSeen), e.type === 'Warning' ? '! Warning' : '  Normal', e.reason, e.object, e.message + (e.count > 1 ? ` (x${e.count})` : '')]);
    return table([...(input.allNamespaces ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], rows);
  },
  summarize: (o) => `${o.events.length} events (${o.events.filter((e) => e.type === 'Warning').length} warnings)${o.namespace ? ` in ${o.namespace}` : ''}`,
});
