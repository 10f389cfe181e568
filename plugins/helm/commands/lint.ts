import { Command, Option } from 'clipanion';
import { HelmCommand } from './base.js';

export default class HelmLintCommand extends HelmCommand {
  static override paths = [['helm', 'lint']];
  static override usage = Command.Usage({ category: 'Helm', description: 'Lint a chart [read]', examples: [['Lint', '$0 helm lint ./charts/web']] });
  chart = Option.String({ name: 'CHART' });
  values = Option.Array('-f,--values', { description: 'Values file (repeatable)' });
  strict = Option.Boolean('--strict', false, { description: 'Warnings fail' });
  async run(): Promise<number> {
    const k = await this.k8sKernel();
    try {
      const r = await k.call<any>('helm/lint', { chart: this.chart, values: this.values, strict: this.strict || undefined }, this.callOptions());
      this.printResult(r);
      return r.output.ok ? 0 : 1;
    } finally {
      await k.dispose();
    }
  }
}
