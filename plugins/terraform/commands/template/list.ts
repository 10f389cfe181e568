import { Command } from 'clipanion';
import { TfCommand, CATEGORY, EXIT } from '../shared.js';

export default class TemplateListCommand extends TfCommand {
  static override paths = [['template', 'list']];
  static override usage = Command.Usage({ category: CATEGORY, description: 'List the saved generator templates', examples: [['List', '$0 template list']] });

  async run(): Promise<number> {
    await this.callTool('terraform/template_list', {});
    return EXIT.OK;
  }
}
