import { Command } from 'clipanion';
import { TfDirCommand, CATEGORY, EXIT } from '../shared.js';

export default class TerraformDestroyCommand extends TfDirCommand {
  static override paths = [['terraform', 'destroy']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Destroy everything a configuration manages (type the folder name)',
    details: "A delete of the whole configuration: the destroy plan and its blast radius are shown, and you type the configuration folder's name (or pass --confirm-delete NAME). --yes never approves it.",
    examples: [['Destroy the dev environment', '$0 terraform destroy infrastructure/environments/dev']],
  });

  async run(): Promise<number> {
    const path = await import('node:path');
    const base = this.workspace ? path.resolve(this.cwd, this.workspace) : this.cwd;
    const name = path.basename(path.resolve(base, this.dirArg));
    await this.callTool('terraform/destroy', { dir: this.dirArg, confirm_name: name });
    return EXIT.OK;
  }
}
