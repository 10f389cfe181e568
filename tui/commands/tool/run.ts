import { Command, Option } from 'clipanion';
import { ToolCallCommand } from '../base.js';
import { NimbusError } from '../../../core/errors.js';

export default class ToolRunCommand extends ToolCallCommand {
  static override paths = [['tool', 'run']];
  static override usage = Command.Usage({
    category: 'Plugins and tools',
    description: 'Run one tool through the safety path',
    details: 'The input is checked against the tool\'s schema; the effect from its manifest decides what is shown and asked. Exit code 3 when the safety policy refuses.',
    examples: [
      ['Read a file', `$0 tool run fs/read --input '{"path":"README.md"}'`],
      ['Preview a write', `$0 tool run fs/write --input '{"path":"a.txt","content":"hi"}' --dry-run`],
      ['Delete in a script', `$0 tool run fs/delete --input '{"path":"a.txt"}' --confirm-delete a.txt`],
    ],
  });
  tool = Option.String({ required: true, name: 'PLUGIN/TOOL' });
  input = Option.String('--input', '{}', { description: 'Tool input as a JSON object' });

  async run(): Promise<number> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.input);
    } catch (e: any) {
      throw new NimbusError('NIMBUS_E_INPUT', `--input: not valid JSON (${e.message})`);
    }
    if (!/^[a-z][a-z0-9-]*\/[a-z][a-z0-9_-]*$/.test(this.tool)) throw new NimbusError('NIMBUS_E_USAGE', `"${this.tool}" is not a tool id; use PLUGIN/TOOL, e.g. fs/read`);
    return this.callAndPrint(this.tool, parsed);
  }
}
