import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY, defined } from './common.js';
import { NimbusError } from '../../../core/errors.js';

export default class GitTagCommand extends GitCommand {
  static override paths = [['git', 'tag']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'List, create or delete tags [read / create / delete]',
    examples: [['List tags', '$0 git tag'], ['Annotated tag on HEAD', '$0 git tag v1.3.0 -m "Release 1.3.0"'], ['Delete a tag', '$0 git tag --delete v1.3.0-rc1']],
  });
  name = Option.String({ required: false, name: 'NAME' });
  ref = Option.String('--ref', { description: 'Commit to tag (default HEAD)' });
  message = Option.String('-m,--message', { description: 'Annotation message (makes an annotated tag)' });
  delete = Option.String('-d,--delete', { description: 'Delete the tag NAME' });
  async run() {
    if (this.delete !== undefined) {
      if (this.name) throw new NimbusError('NIMBUS_E_USAGE', `--delete takes the tag name; "${this.name}" is extra`);
      return this.callAndPrint('git/tag-delete', { name: this.delete });
    }
    if (!this.name) return this.callAndPrint('git/tags', {});
    return this.callAndPrint('git/tag', defined({ name: this.name, ref: this.ref, message: this.message }));
  }
}
