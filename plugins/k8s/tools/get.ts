import YAML from 'yaml';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { clientFor, type KubeInput } from '../lib/common.js';
import { apiVersionOf } from '../lib/kinds.js';
import { maskSecrets, printTable } from '../lib/format.js';

interface Input extends KubeInput {
  kind: string;
  name?: string;
  allNamespaces?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  output?: 'table' | 'wide' | 'json' | 'yaml' | 'name';
  showLabels?: boolean;
  showSecrets?: boolean;
}

interface Output {
  kind: string;
  apiVersion: string;
  context: string;
  namespace?: string;
  allNamespaces: boolean;
  items: any[];
  single: boolean;
}

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const c = clientFor(input, ctx);
    const k = await c.kind(input.kind);
    if (input.name && input.allNamespaces) throw new NimbusError('NIMBUS_E_USAGE', 'a resource cannot be retrieved by name across all namespaces (drop -A or the name)');
    const ns = k.namespaced && !input.allNamespaces ? c.namespace : undefined;
    let items: any[];
    if (input.name) items = [{ apiVersion: apiVersionOf(k), kind: k.kind, ...(await c.get(k, ns, input.name)) }];
    else items = await c.list(k, ns, { labelSelector: input.labelSelector, fieldSelector: input.fieldSelector });
    return { kind: k.kind, apiVersion: apiVersionOf(k), context: c.target.context, namespace: k.namespaced ? ns : undefined, allNamespaces: !!input.allNamespaces && k.namespaced, items: maskSecrets(items, input.showSecrets), single: !!input.name };
  },
  render(o, input) {
    const out = input.output ?? 'table';
    if (out === 'json') return JSON.stringify(o.single ? o.items[0] : { apiVersion: 'v1', kind: 'List', items: o.items }, null, 2) + '\n';
    if (out === 'yaml') return YAML.stringify(o.single ? o.items[0] : { apiVersion: 'v1', kind: 'List', items: o.items });
    if (out === 'name') return o.items.map((i) => `${o.kind.toLowerCase()}${o.apiVersion.includes('/') ? '.' + o.apiVersion.split('/')[0] : ''}/${i.metadata.name}`).join('\n') + (o.items.length ? '\n' : '');
    if (!o.items.length) return o.namespace ? `No resources found in ${o.namespace} namespace.\n` : 'No resources found\n';
    return printTable(o.kind, o.items, { allNamespaces: o.allNamespaces, wide: out === 'wide', showLabels: input.showLabels });
  },
  summarize: (o, input) => (input.name ? `got ${o.kind.toLowerCase()}/${input.name}` : `listed ${o.items.length} ${o.kind.toLowerCase()}(s)${o.allNamespaces ? ' in all namespaces' : o.namespace ? ` in ${o.namespace}` : ''}`) + ` (context ${o.context})`,
});
