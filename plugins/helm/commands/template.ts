import { Command, Option } from 'clipanion';
import { HelmCommand } from './base.js';

export default class HelmTemplateCommand extends HelmCommand {
  static override paths = [['helm', 'template']];
  static override usage = Command.Usage({ category: 'Helm', description: 'Render a chart locally [read]', examples: [['Render', '$0 helm template web ./charts/web -f values-dev.yaml']] });
  release = Option.String({ name: 'RELEASE' });
  chart = Option.String({ name: 'CHART' });
  values = Option.Array('-f,--values', { description: 'Values file (repeatable)' });
  set = Option.Array('--set', { description: 'KEY=VALUE override (repeatable)' });
  async run(): Promise<number> {
    return this.callHelm('template', { release: this.release, chart: this.chart, values: this.values, set: this.set, namespace: this.namespace, showSecrets: this.showSecrets || undefined }, { kube: false });
  }
}
