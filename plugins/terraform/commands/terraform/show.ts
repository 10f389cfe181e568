import { Command, Option } from 'clipanion';
import { TfDirCommand, CATEGORY, EXIT } from '../shared.js';

export default class TerraformShowCommand extends TfDirCommand {
  static override paths = [['terraform', 'show']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Show the saved plan or the state',
    details: `Without --plan: the resources in the state. With --plan: the saved plan (DIR/.nimbus/plan.tfplan) with its blast radius.`,
    examples: [['Show the saved plan or the state', '$0 terraform show infrastructure/environments/dev']],
  });
  plan = Option.Boolean('--plan', false, { description: 'Show the saved plan' });

  async run(): Promise<number> {
    const r = await this.callTool('terraform/show', { dir: this.dirArg, plan: this.plan });
    return EXIT.OK;
  }
}
