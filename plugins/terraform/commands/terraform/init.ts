import { Command, Option } from 'clipanion';
import { TfDirCommand, CATEGORY, EXIT } from '../shared.js';

export default class TerraformInitCommand extends TfDirCommand {
  static override paths = [['terraform', 'init']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Initialise a configuration (providers from the local mirror)',
    details: `Runs terraform init in DIR with a CLI config of its own: providers come from the local provider mirror (terraform.plugin_dir, NIMBUS_TF_PLUGIN_DIR, or /opt/tf-plugins). Effect: generate (writes DIR/.terraform only).`,
    examples: [['Initialise a configuration (providers from the local mirror)', '$0 terraform init infrastructure/environments/dev']],
  });
  noBackend = Option.Boolean('--no-backend', false, { description: 'Skip the backend (-backend=false)' });
  upgrade = Option.Boolean('--upgrade', false, { description: 'Upgrade providers and modules' });

  async run(): Promise<number> {
    const r = await this.callTool('terraform/init', { dir: this.dirArg, backend: !this.noBackend, upgrade: this.upgrade });
    return r.status === "success" || r.status === "noop" || r.status === "dry-run" ? EXIT.OK : EXIT.FAILED;
  }
}
