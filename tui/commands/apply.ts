import { Command, Option } from 'clipanion';
import { NimbusCommand } from './base.js';
import { NimbusError } from '../../core/errors.js';

export default class ApplyCommand extends NimbusCommand {
  static override paths = [['apply']];
  static override usage = Command.Usage({
    category: 'Plans',
    description: 'Run a plan interactively, with the usual approvals for every step',
    details: 'Shows the plan, then runs its steps in order: reads run, creates ask, updates show their diff and ask, deletes ask you to type the name. With no PLAN it runs the last plan written by `nimbus plan` or applied here.',
    examples: [['The last plan', '$0 apply'], ['A plan file', '$0 apply plan.json'], ['Preview only', '$0 apply plan.json --dry-run']],
  });
  file = Option.String({ required: false, name: 'PLAN' });
  yes = Option.Boolean('-y,--yes', false, { description: 'Approve create and update steps without asking (never deletes)' });
  confirmDelete = Option.Array('--confirm-delete', { description: 'Approve the delete whose target is exactly NAME (repeatable)' });
  dryRun = Option.Boolean('--dry-run', false, { description: 'Preview every step; change nothing' });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print the report as JSON' });

  async run(): Promise<number> {
    const path = await import('node:path');
    const { openState } = await import('../../core/state.js');
    const state = await openState(this.env);
    let file = this.file ? path.resolve(this.cwd, this.file) : state.data.lastPlan?.file;
    if (!file) throw new NimbusError('NIMBUS_E_USAGE', 'no plan given and no last plan (write one with nimbus plan "GOAL" --out plan.json, or name a file)');
    const { loadPlan } = await import('../../core/plan/plan.js');
    const loaded = loadPlan(file);
    if (!this.file && state.data.lastPlan && state.data.lastPlan.sha256 !== loaded.sha256) {
      this.err(`note: ${file} changed since it was written (sha256 ${state.data.lastPlan.sha256.slice(0, 12)}… → ${loaded.sha256.slice(0, 12)}…)`);
    }
    const { runPlan, planEnv } = await import('../../core/plan/runner.js');
    const workspace = loaded.plan.context?.workspace ? path.resolve(path.dirname(file), loaded.plan.context.workspace) : this.cwd;
    // A plan that declares its context runs in it (the runner adds it); otherwise in the current one.
    const kernel = await this.kernel({ workspace, env: planEnv(loaded.plan.context, this.env), detectContexts: !loaded.plan.context });
    try {
      const { renderPlan } = await import('../plan-view.js');
      if (!this.jsonOutput) this.err((await renderPlan(kernel, loaded)).text);
      const report = await runPlan(kernel, loaded, {
        yes: this.yes,
        confirmDelete: this.confirmDelete,
        dryRun: this.dryRun,
        onStep: (ev, s) => {
          if (ev === 'start' && !this.jsonOutput) this.err(`→ ${s.id}: ${s.tool}${s.target ? ` ${s.target}` : ''}`);
        },
      });
      state.data.lastPlan = { file, sha256: loaded.sha256, savedAt: new Date().toISOString() };
      await state.write();
      const { summary, jsonReport } = await import('../../core/plan/report.js');
      if (this.jsonOutput) this.json(jsonReport(report));
      else this.out(summary(report));
      return report.exitCode;
    } finally {
      await kernel.dispose();
    }
  }
}
