import { Command, Option } from 'clipanion';
import { ChangeCommand } from './change.js';

export default class HelmInstallCommand extends ChangeCommand {
  static override paths = [['helm', 'install']];
  static override usage = Command.Usage({
    category: 'Helm',
    description: 'Install a chart: shows the rendered manifests and asks [create]',
    details: '--dry-run shows the rendered manifests (server dry run) and stops. After the install, Nimbus checks that the release’s workloads become ready.',
    examples: [['Preview', '$0 helm install redis bitnami/redis --dry-run'], ['Install a local chart', '$0 helm install web ./charts/web -f values-prod.yaml -n shop']],
  });
  release = Option.String({ name: 'RELEASE' });
  chart = Option.String({ name: 'CHART' });
  values = Option.Array('-f,--values', { description: 'Values file (repeatable)' });
  set = Option.Array('--set', { description: 'KEY=VALUE override (repeatable)' });
  version = Option.String('--version', { description: 'Chart version' });
  createNamespace = Option.Boolean('--create-namespace', false, { description: 'Create the namespace if missing' });

  async run(): Promise<number> {
    return this.change('install', { release: this.release, chart: this.chart, values: this.values, set: this.set, version: this.version, createNamespace: this.createNamespace || undefined, showSecrets: this.showSecrets || undefined });
  }
}
