import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { getDb, send } from '../lib/rds.js';
import type { AwsInput } from '../lib/session.js';

interface Input extends AwsInput {
  db: string;
  snapshot?: string;
}

export default defineTool<Input, { db: string; status: string }>({
  async preview(input, ctx) {
    const { s, db } = await getDb(input.db, input, ctx);
    if (db.status === 'stopped' || db.status === 'stopping') return { summary: `DB instance ${db.id} is already ${db.status}`, noop: true };
    if (db.status !== 'available') throw new NimbusError('NIMBUS_E_INPUT', `DB instance ${db.id} is ${db.status}; only an available DB instance can be stopped`);
    return {
      summary: `stop DB instance ${db.id} (${db.engine}, ${db.class}) in ${s.region} (profile ${s.profile})`,
      warnings: ['AWS starts a stopped DB instance again automatically after 7 days', 'storage and backups are still billed while it is stopped'],
      diff: `- status: available\n+ status: stopped${input.snapshot ? `\n+ snapshot: ${input.snapshot}` : ''}\n`,
    };
  },
  async run(input, ctx) {
    const { s, rds, sdk, db } = await getDb(input.db, input, ctx);
    const out: any = await send(s, rds, new sdk.StopDBInstanceCommand({ DBInstanceIdentifier: db.id, DBSnapshotIdentifier: input.snapshot }), 'rds stop-db-instance', ctx.signal);
    return { db: db.id, status: out.DBInstance?.DBInstanceStatus ?? 'stopping' };
  },
  render: (o) => `stopped DB instance ${o.db} (status: ${o.status}); AWS restarts it automatically after 7 days\n`,
});
