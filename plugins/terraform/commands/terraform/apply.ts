import { Command, Option } from 'clipanion';
import { TfDirCommand, CATEGORY, EXIT } from '../shared.js';

export default class TerraformApplyCommand extends TfDirCommand {
  static override paths = [['terraform', 'apply']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Apply exactly the saved plan, behind the blast-radius gate',
    details: `Applies the plan saved by \`nimbus terraform plan\` (its sha256 is recorded with the approval). A plan that only creates asks like a create (--yes approves); with updates, the diff and a confirmation; with any delete or replace, you type the name of the stateful resource that would be lost (or the folder's name when several are, or when only stateless resources go). --confirm-delete NAME approves such a plan non-interactively.`,
    examples: [
      ['Apply the saved plan', '$0 terraform apply infrastructure/environments/dev'],
      ['Apply a plan that replaces a bucket', '$0 terraform apply infra --confirm-delete my-bucket-name'],
    ],
  });
  plan = Option.String('--plan', { description: 'Plan file (default DIR/.nimbus/plan.tfplan)' });

  async run(): Promise<number> {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { NimbusError } = await import('../../../../core/errors.js');
    const { Config } = await import('../../../../core/config.js');
    const { terraformSetup } = await import('../../lib/terraform.js');
    const { sha256 } = await import('../../lib/plan.js');
    const { readPlan } = await import('../../tools/plan.js');
    const base = this.workspace ? path.resolve(this.cwd, this.workspace) : this.cwd;
    const dir = path.resolve(base, this.dirArg);
    const planFile = this.plan ? path.resolve(base, this.plan) : path.join(dir, '.nimbus', 'plan.tfplan');
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(planFile);
    } catch {
      throw new NimbusError('NIMBUS_E_PLAN', `${path.relative(this.cwd, planFile) || planFile}: no saved plan`, { hint: `run nimbus terraform plan ${this.dirArg} first` });
    }
    const sha = sha256(bytes);
    // The name to type comes from the plan itself (the tool checks it again against the bytes it applies).
    const summary = await readPlan(terraformSetup(Config.load({ env: this.env }), this.env), dir, planFile);
    const input: Record<string, unknown> = { dir: this.dirArg, sha256: sha, confirm_name: summary.confirmName };
    if (this.plan) input.plan = this.plan;
    const r = await this.callTool('terraform/apply', input, { metadata: { plan_sha256: sha } });
    return r.status === 'success' || r.status === 'noop' || r.status === 'dry-run' ? EXIT.OK : EXIT.FAILED;
  }
}
