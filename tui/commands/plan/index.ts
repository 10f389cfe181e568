import { Command, Option } from 'clipanion';
import { NimbusCommand } from '../base.js';
import { NimbusError } from '../../../core/errors.js';

export default class PlanCommand extends NimbusCommand {
  static override paths = [['plan']];
  static override usage = Command.Usage({
    category: 'Plans',
    description: 'Have the agent write a plan for a goal, without changing anything',
    details: 'The model may run read tools to look around; nothing that changes the world runs. The plan is validated (every step against its tool\'s schema), shown with its effects, targets and costs, and written to --out (default: a file under $NIMBUS_HOME/plans). Run it with `nimbus apply` (interactive) or `nimbus run` (CI).',
    examples: [
      ['Write a plan', '$0 plan "scale the api deployment to 3 replicas and bump its image tag" --out plan.json'],
      ['Then review and run it', '$0 apply plan.json'],
    ],
  });
  goal = Option.Rest({ required: 1, name: 'GOAL' });
  outPath = Option.String('-o,--out', { description: 'Write the plan to FILE' });
  force = Option.Boolean('--force', false, { description: 'Overwrite --out if it exists' });
  model = Option.String('-m,--model', { description: 'PROVIDER/MODEL for the planner' });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print the plan (and where it was written) as JSON' });
  workspace = Option.String('--workspace', { description: 'Workspace root (default: the current directory)' });

  async run(): Promise<number> {
    const path = await import('node:path');
    const fs = await import('node:fs');
    const goal = this.goal.join(' ').trim();
    if (!goal) throw new NimbusError('NIMBUS_E_USAGE', 'GOAL: empty; describe what the plan should achieve');
    const outFile = this.outPath ? path.resolve(this.cwd, this.outPath) : undefined;
    if (outFile && fs.existsSync(outFile) && !this.force) throw new NimbusError('NIMBUS_E_USAGE', `--out ${this.outPath}: exists (use --force to replace it)`);
    const k = await this.kernel({ workspace: this.workspace ? path.resolve(this.cwd, this.workspace) : undefined });
    try {
      const { chooseModel } = await import('../../../core/llm/models.js');
      const { LlmClient, sessionRedactor } = await import('../../../core/llm/client.js');
      const choice = await chooseModel({ spec: this.model, task: 'planning', config: k.config, env: k.env });
      const client = LlmClient.forModel(choice, k.config, k.env, sessionRedactor(k.config, k.env));
      const { authorPlan } = await import('../../../core/plan/author.js');
      if (!this.jsonOutput) this.err(`planning with ${client.label}…`);
      const result = await authorPlan({ kernel: k, client, goal, onRead: (t) => !this.jsonOutput && this.err(`  read: ${t}`) });
      const text = JSON.stringify(result.plan, null, 2) + '\n';
      const { nimbusHome } = await import('../../../core/paths.js');
      const slug = result.plan.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'plan';
      const file = outFile ?? path.join(nimbusHome(this.env), 'plans', `${new Date().toISOString().replace(/[:.]/g, '-')}-${slug}.json`);
      const { writeFileAtomic } = await import('../../../core/config.js');
      writeFileAtomic(file, text);
      const { loadPlan } = await import('../../../core/plan/plan.js');
      const loaded = loadPlan(file);
      const { openState } = await import('../../../core/state.js');
      const state = await openState(this.env);
      state.data.lastPlan = { file, sha256: loaded.sha256, savedAt: new Date().toISOString() };
      await state.write();
      k.history?.record({ type: 'plan', command: 'plan', input: { goal }, output: `wrote ${file} (${loaded.plan.steps.length} steps)`, status: 'success', model: result.model, tokens_used: result.usage.inputTokens + result.usage.outputTokens, cost_usd: result.costUsd, metadata: { file, sha256: loaded.sha256, reads: result.readsRun } });
      const { renderPlan } = await import('../../plan-view.js');
      const view = await renderPlan(k, loaded);
      if (this.jsonOutput) this.json({ file, sha256: loaded.sha256, plan: loaded.plan, steps: view.steps });
      else {
        this.out(view.text);
        this.out(`written to ${file}\nreview it, then: nimbus apply${outFile ? ' ' + (this.outPath ?? '') : ''}   (or in CI: nimbus run <plan> --expect-sha256 ${loaded.sha256})`);
      }
      return 0;
    } finally {
      await k.dispose();
    }
  }
}
