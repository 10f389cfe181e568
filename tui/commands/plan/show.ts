import { Command, Option } from 'clipanion';
import { NimbusCommand } from '../base.js';

export default class PlanShowCommand extends NimbusCommand {
  static override paths = [['plan', 'show']];
  static override usage = Command.Usage({
    category: 'Plans',
    description: 'Validate a plan and show its steps, effects, targets and estimated cost',
    details: 'Nothing runs: each step is validated against its tool\'s schema and previewed. The sha256 printed is what `nimbus run --expect-sha256` checks.',
    examples: [['Review a plan', '$0 plan show plan.json'], ['As JSON', '$0 plan show plan.json --json']],
  });
  file = Option.String({ required: true, name: 'PLAN' });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print as JSON' });

  async run(): Promise<number> {
    const path = await import('node:path');
    const { loadPlan } = await import('../../../core/plan/plan.js');
    const { renderPlan } = await import('../../plan-view.js');
    const loaded = loadPlan(path.resolve(this.cwd, this.file));
    const k = await this.kernel();
    try {
      for (const [i, s] of loaded.plan.steps.entries()) {
        // Unknown tools and bad inputs are errors here, as in `nimbus run`.
        try {
          k.validateInput(k.registry.get(s.tool), s.input);
        } catch (e: any) {
          const { NimbusError } = await import('../../../core/errors.js');
          throw new NimbusError('NIMBUS_E_PLAN', `${this.file}: /steps/${i} (${s.id}): ${e.message}`, { exitCode: 2 });
        }
      }
      const view = await renderPlan(k, loaded);
      if (this.jsonOutput) this.json({ name: loaded.plan.name, sha256: loaded.sha256, context: loaded.plan.context ?? {}, steps: view.steps });
      else this.out(view.text);
      return 0;
    } finally {
      await k.dispose();
    }
  }
}
