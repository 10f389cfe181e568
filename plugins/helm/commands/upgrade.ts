import { Command, Option } from 'clipanion';
import { ChangeCommand } from './change.js';

export default class HelmUpgradeCommand extends ChangeCommand {
  static override paths = [['helm', 'upgrade']];
  static override usage = Command.Usage({
    category: 'Helm',
    description: "Upgrade a release: shows the diff of manifests and values against the current revision and asks [update]",
    details: 'On failure (workloads that do not become ready) Nimbus offers `helm rollback` to the previous revision, asked like any update.',
    examples: [['Upgrade', '$0 helm upgrade redis bitnami/redis'], ['New values', '$0 helm upgrade web ./charts/web --set replicaCount=4']],
  });
  release = Option.String({ name: 'RELEASE' });
  chart = Option.String({ name: 'CHART' });
  values = Option.Array('-f,--values', { description: 'Values file (repeatable)' });
  set = Option.Array('--set', { description: 'KEY=VALUE override (repeatable)' });
  version = Option.String('--version', { description: 'Chart version' });
  reuseValues = Option.Boolean('--reuse-values', false, { description: "Start from the release's current values" });

  async run(): Promise<number> {
    return this.change('upgrade', { release: this.release, chart: this.chart, values: this.values, set: this.set, version: this.version, reuseValues: this.reuseValues || undefined, showSecrets: this.showSecrets || undefined });
  }
}
