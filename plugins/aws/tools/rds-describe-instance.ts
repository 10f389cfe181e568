import { defineTool } from '../../../core/tool.js';
import { getDb, type DbRow } from '../lib/rds.js';
import type { AwsInput } from '../lib/session.js';

export default defineTool<AwsInput & { db: string }, DbRow>({
  async run(input, ctx) {
    return (await getDb(input.db, input, ctx)).db;
  },
  render: (d) =>
    [
      ['DB instance', d.id],
      ['Engine', `${d.engine} ${d.engineVersion}`],
      ['Class', d.class],
      ['Status', d.status],
      ['Zone', `${d.az ?? ''}${d.multiAz ? ' (Multi-AZ)' : ''}`],
      ['Endpoint', d.endpoint ?? ''],
      ['Storage', d.storageGb ? `${d.storageGb} GiB` : ''],
      ['Created', d.created ?? ''],
    ]
      .map(([k, v]) => `${(k + ':').padEnd(13)}${v}`)
      .join('\n') + '\n',
});
