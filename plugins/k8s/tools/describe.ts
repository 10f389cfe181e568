import { defineTool } from '../../../core/tool.js';
import { clientFor, type KubeInput } from '../lib/common.js';
import { apiVersionOf } from '../lib/kinds.js';
import { maskSecrets, eventTime } from '../lib/format.js';
import { describe } from '../lib/describe.js';

interface Input extends KubeInput {
  kind: string;
  name: string;
  showSecrets?: boolean;
}

interface Output {
  object: any;
  events: any[];
  context: string;
}

/** Events about one object, oldest first. */
export async function eventsFor(c: ReturnType<typeof clientFor>, obj: any): Promise<any[]> {
  const ev = await c.kind('events');
  const ns = obj.metadata?.namespace ?? 'default';
  const sel = [`involvedObject.name=${obj.metadata.name}`, obj.metadata.namespace ? `involvedObject.namespace=${ns}` : '', `involvedObject.kind=${obj.kind}`].filter(Boolean).join(',');
  const events = await c.list(ev, obj.metadata.namespace ? ns : undefined, { fieldSelector: sel });
  return events
    .filter((e) => !e.involvedObject?.uid || !obj.metadata.uid || e.involvedObject.uid === obj.metadata.uid)
    .sort((a, b) => Date.parse(eventTime(a) ?? '') - Date.parse(eventTime(b) ?? ''));
}

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const c = clientFor(input, ctx);
    const k = await c.kind(input.kind);
    const obj = { apiVersion: apiVersionOf(k), kind: k.kind, ...(await c.get(k, k.namespaced ? c.namespace : undefined, input.name)) };
    return { object: maskSecrets(obj, input.showSecrets), events: await eventsFor(c, obj), context: c.target.context };
  },
  render: (o, input) => describe(o.object, o.events, { showSecrets: input.showSecrets }),
  summarize: (o) => `described ${o.object.kind.toLowerCase()}/${o.object.metadata.name} (${o.events.length} events, context ${o.context})`,
});
