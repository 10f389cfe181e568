import { Command, Option } from 'clipanion';
import { TfDirCommand, CATEGORY, EXIT } from '../shared.js';

export default class TerraformOutputCommand extends TfDirCommand {
  static override paths = [['terraform', 'output']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Show the outputs of a configuration',
    details: `terraform output, with sensitive values hidden.`,
    examples: [['Show the outputs of a configuration', '$0 terraform output infrastructure/environments/dev']],
  });
  name = Option.String('--name', { description: 'Only this output' });

  async run(): Promise<number> {
    const r = await this.callTool('terraform/output', { dir: this.dirArg, ...(this.name ? { name: this.name } : {}) });
    return EXIT.OK;
  }
}
