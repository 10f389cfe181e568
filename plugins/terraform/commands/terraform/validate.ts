import { Command } from 'clipanion';
import { TfDirCommand, CATEGORY, EXIT } from '../shared.js';

export default class TerraformValidateCommand extends TfDirCommand {
  static override paths = [['terraform', 'validate']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Validate each root module of a configuration',
    details: `Runs terraform init -backend=false and terraform validate on a private copy of DIR, for each root module whose providers the local mirror has; says so when validation is skipped for lack of a provider. Exits 1 when a module is invalid.`,
    examples: [['Validate each root module of a configuration', '$0 terraform validate infrastructure/environments/dev']],
  });

  async run(): Promise<number> {
    const r = await this.callTool('terraform/validate', { dir: this.dirArg });
    return r.output?.valid === false ? EXIT.FAILED : EXIT.OK;
  }
}
