import { Command, Option } from 'clipanion';
import { NimbusCommand } from '../base.js';
import { NimbusError } from '../../../core/errors.js';

export default class HistoryShowCommand extends NimbusCommand {
  static override paths = [['history', 'show']];
  static override usage = Command.Usage({
    category: 'History',
    description: 'Show one operation in full',
    examples: [['By id (a unique prefix is enough)', '$0 history show 3f2a9c1e']],
  });
  id = Option.String({ required: true, name: 'ID' });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print as JSON' });

  async run(): Promise<number> {
    const { History } = await import('../../../core/history.js');
    const h = History.open({ env: this.env });
    try {
      const r = h.get(this.id);
      if (!r) throw new NimbusError('NIMBUS_E_NOT_FOUND', `no operation with id "${this.id}" (nimbus history lists them)`);
      const parsed = { ...r, input: tryParse(r.input), metadata: tryParse(r.metadata) };
      if (this.jsonOutput) {
        this.json(parsed);
        return 0;
      }
      const lines = [
        `id:        ${r.id}`,
        `time:      ${r.timestamp}`,
        `type:      ${r.type}`,
        `command:   ${r.command}`,
        `status:    ${r.status}`,
        `duration:  ${r.duration_ms ?? '-'} ms`,
      ];
      if (r.model) lines.push(`model:     ${r.model}`, `tokens:    ${r.tokens_used ?? '-'}`, `cost:      ${r.cost_usd != null ? '$' + r.cost_usd.toFixed(4) : '-'}`);
      if (r.input) lines.push('input:', indent(JSON.stringify(parsed.input, null, 2)));
      if (r.output) lines.push('output:', indent(r.output));
      if (r.metadata) lines.push('metadata:', indent(JSON.stringify(parsed.metadata, null, 2)));
      this.out(lines.join('\n'));
      const cps = h.checkpoints(r.id);
      if (cps.length) this.out(`checkpoints: ${cps.length}\n` + cps.map((c) => `  step ${c.step}: ${JSON.stringify(c.state)}`).join('\n'));
      return 0;
    } finally {
      h.close();
    }
  }
}

function tryParse(s: string | null): unknown {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
function indent(s: string): string {
  return s.split('\n').map((l) => '  ' + l).join('\n');
}
