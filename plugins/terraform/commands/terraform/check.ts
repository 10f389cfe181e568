import { Command } from 'clipanion';
import { TfDirCommand, CATEGORY, EXIT } from '../shared.js';

export default class TerraformCheckCommand extends TfDirCommand {
  static override paths = [['terraform', 'check']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Run the checks: fmt, validate, policy rules, tflint/checkov',
    details: `Runs terraform fmt -check, terraform validate where the provider is available, the built-in policy rules (rule ID, severity, file and line) and tflint/checkov when they are on PATH, on any Terraform folder. Exits 1 on a blocking result (a fmt or validate failure, or a high finding).`,
    examples: [['Run the checks: fmt, validate, policy rules, tflint/checkov', '$0 terraform check infrastructure/environments/dev']],
  });

  async run(): Promise<number> {
    const r = await this.callTool('terraform/check', { dir: this.dirArg });
    return r.output?.blocking ? EXIT.FAILED : EXIT.OK;
  }
}
