import { Command, Option } from 'clipanion';
import { TfCommand, CATEGORY, EXIT } from '../shared.js';

export default class TemplateDeleteCommand extends TfCommand {
  static override paths = [['template', 'delete']];
  static override usage = Command.Usage({ category: CATEGORY, description: "Delete a saved generator template (type its name)", examples: [['Delete', '$0 template delete eks-small']] });
  templateName = Option.String({ required: true, name: 'NAME' });

  async run(): Promise<number> {
    await this.callTool('terraform/template_delete', { name: this.templateName });
    return EXIT.OK;
  }
}
