import { Command, Option } from 'clipanion';
import { TfDirCommand, CATEGORY, EXIT } from '../shared.js';

export default class TerraformPlanCommand extends TfDirCommand {
  static override paths = [['terraform', 'plan']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Plan, save the plan, and show its blast radius',
    details: 'Runs terraform plan -out DIR/.nimbus/plan.tfplan and summarises terraform show -json: create / update / delete / replace counts, each resource, and the blast radius — resources holding data (databases, buckets, disks, keys …) that would be deleted or replaced, listed first. `nimbus terraform apply DIR` then applies exactly that plan.',
    examples: [['Plan the dev environment', '$0 terraform plan infrastructure/environments/dev']],
  });
  varFile = Option.String('--var-file', { description: 'A .tfvars file' });

  async run(): Promise<number> {
    await this.callTool('terraform/plan', { dir: this.dirArg, ...(this.varFile ? { var_file: this.varFile } : {}) });
    return EXIT.OK;
  }
}
