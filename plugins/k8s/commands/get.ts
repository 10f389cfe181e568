import { Command, Option } from 'clipanion';
import { K8sCommand } from './base.js';

export default class K8sGetCommand extends K8sCommand {
  static override paths = [
    ['k8s', 'get'],
    ['k8s', 'list'],
  ];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: 'List or get objects, as kubectl get does [read]',
    details: 'Tables like kubectl (pods: NAME READY STATUS RESTARTS AGE), or -o json|yaml|wide|name. Secret values stay hidden unless --show-secrets.',
    examples: [
      ['List pods in a namespace', '$0 k8s list pods -n shop'],
      ['Get one deployment as YAML', '$0 k8s get deployment web -o yaml'],
      ['Pods with a label, all namespaces', '$0 k8s get pods -l app.kubernetes.io/name=web -A'],
      ['Pods that are not running', '$0 k8s get pods --field-selector status.phase!=Running'],
    ],
  });
  kind = Option.String({ name: 'KIND' });
  name = Option.String({ required: false, name: 'NAME' });
  output = Option.String('-o,--output', { description: 'table (default), wide, json, yaml or name' });
  selector = Option.String('-l,--selector', { description: 'Label selector, e.g. app=web,tier!=db' });
  fieldSelector = Option.String('--field-selector', { description: 'Field selector, e.g. status.phase=Running' });
  allNamespaces = Option.Boolean('-A,--all-namespaces', false, { description: 'All namespaces' });
  showLabels = Option.Boolean('--show-labels', false, { description: 'Add a LABELS column' });
  showSecrets = Option.Boolean('--show-secrets', false, { description: 'Show Secret values' });

  async run(): Promise<number> {
    const { splitRef } = await import('../lib/kinds.js');
    const [kind, name] = splitRef(this.kind, this.name);
    return this.callK8s('get', { kind, name, output: this.output ?? 'table', labelSelector: this.selector, fieldSelector: this.fieldSelector, allNamespaces: this.allNamespaces || undefined, showLabels: this.showLabels || undefined, showSecrets: this.showSecrets || undefined });
  }
}
