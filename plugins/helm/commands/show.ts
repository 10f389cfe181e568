import { Command, Option } from 'clipanion';
import { HelmCommand } from './base.js';

export default class HelmShowCommand extends HelmCommand {
  static override paths = [['helm', 'show']];
  static override usage = Command.Usage({ category: 'Helm', description: "Show a chart's values, chart, readme or all [read]", examples: [['Values', '$0 helm show values bitnami/redis']] });
  what = Option.String({ name: 'values|chart|readme|all' });
  chart = Option.String({ name: 'CHART' });
  version = Option.String('--version', { description: 'Chart version' });
  async run(): Promise<number> {
    return this.callHelm('show', { what: this.what, chart: this.chart, version: this.version }, { kube: false });
  }
}
