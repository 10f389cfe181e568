import { Command, Option } from 'clipanion';
import { AnswersCommand } from '../answers-options.js';
import { CATEGORY, EXIT } from '../shared.js';

export default class TemplateSaveCommand extends AnswersCommand {
  static override paths = [['template', 'save']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Save a set of generator answers as a named template',
    details: 'The answers come from --answers FILE, the same flags as `generate terraform`, or the questionnaire. `nimbus generate terraform --template NAME` reuses them.',
    examples: [['Save from a file', '$0 template save eks-small --answers answers.yaml']],
  });
  templateName = Option.String({ required: true, name: 'NAME' });

  async run(): Promise<number> {
    const { NimbusError } = await import('../../../../core/errors.js');
    let answers = await this.answersFromOptions();
    if (!answers) {
      if (!this.interactive) throw new NimbusError('NIMBUS_E_USAGE', 'template save: no answers (give --answers FILE or flags; the questionnaire needs a terminal)');
      answers = await this.askQuestionnaire();
    }
    await this.callTool('terraform/template_save', { name: this.templateName, answers });
    return EXIT.OK;
  }
}
