import { Command, Option } from 'clipanion';
import { TfCommand, CATEGORY, EXIT } from '../shared.js';

export default class TemplateShowCommand extends TfCommand {
  static override paths = [['template', 'show']];
  static override usage = Command.Usage({ category: CATEGORY, description: 'Show a saved generator template (YAML answers)', examples: [['Show', '$0 template show eks-small']] });
  templateName = Option.String({ required: true, name: 'NAME' });

  async run(): Promise<number> {
    await this.callTool('terraform/template_show', { name: this.templateName });
    return EXIT.OK;
  }
}
