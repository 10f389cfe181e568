import { Command, Option } from 'clipanion';
import { NimbusCommand } from '../base.js';
import { NimbusError } from '../../../core/errors.js';
import { table, clipLine } from '../../format.js';

export default class HistoryCommand extends NimbusCommand {
  static override paths = [['history']];
  static override usage = Command.Usage({
    category: 'History',
    description: 'Show past operations',
    details: 'Every command and tool call is recorded (inputs with secrets redacted). Filter by type, status and date.',
    examples: [
      ['The last 20 operations', '$0 history --limit 20'],
      ['Refused changes since a date', '$0 history --status refused --since 2026-11-01'],
      ['Everything the fs plugin did, as JSON', '$0 history --type fs --json'],
    ],
  });
  type = Option.String('--type', { description: 'Only this type (a plugin name, config, chat …)' });
  status = Option.String('--status', { description: 'Only this status: success, error, refused, dry-run, cancelled' });
  since = Option.String('--since', { description: 'Only operations at or after this date (YYYY-MM-DD or ISO time)' });
  limit = Option.String('--limit', '50', { description: 'At most this many rows' });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print as JSON' });

  async run(): Promise<number> {
    const limit = Number(this.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new NimbusError('NIMBUS_E_USAGE', `--limit: "${this.limit}" is not a positive integer`);
    let since: string | undefined;
    if (this.since) {
      const t = Date.parse(this.since);
      if (!Number.isFinite(t)) throw new NimbusError('NIMBUS_E_USAGE', `--since: "${this.since}" is not a date (use YYYY-MM-DD)`);
      since = new Date(t).toISOString();
    }
    const statuses = ['success', 'error', 'refused', 'dry-run', 'cancelled', 'running'];
    if (this.status && !statuses.includes(this.status)) throw new NimbusError('NIMBUS_E_USAGE', `--status: "${this.status}" is not one of ${statuses.join(', ')}`);
    const { History } = await import('../../../core/history.js');
    const h = History.open({ env: this.env });
    try {
      const rows = h.query({ type: this.type, status: this.status, since, limit });
      if (this.jsonOutput) {
        this.json(rows.map((r) => ({ ...r, input: parse(r.input), metadata: parse(r.metadata) })));
        return 0;
      }
      if (!rows.length) {
        this.out('No operations recorded yet.');
        return 0;
      }
      this.out(
        table(
          ['ID', 'TIME', 'TYPE', 'COMMAND', 'STATUS', 'MS', 'OUTPUT'],
          rows.map((r) => [r.id.slice(0, 8), r.timestamp.replace('T', ' ').slice(0, 19), r.type, r.command, r.status, r.duration_ms, clipLine(r.output, 50)]),
        ),
      );
      return 0;
    } finally {
      h.close();
    }
  }
}

function parse(s: string | null): unknown {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
