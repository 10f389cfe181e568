import { Command } from 'clipanion';
import { TfDirCommand, CATEGORY, EXIT } from '../shared.js';

export default class TerraformFmtCommand extends TfDirCommand {
  static override paths = [['terraform', 'fmt']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Reformat the Terraform files of a configuration',
    details: `Shows the terraform fmt diff, then asks (effect: update; --yes approves).`,
    examples: [['Reformat the Terraform files of a configuration', '$0 terraform fmt infrastructure/environments/dev']],
  });

  async run(): Promise<number> {
    const r = await this.callTool('terraform/fmt', { dir: this.dirArg });
    return EXIT.OK;
  }
}
