import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { costPreview } from '../../../core/cost/index.js';
import { getDb, send } from '../lib/rds.js';
import type { AwsInput } from '../lib/session.js';

interface Input extends AwsInput {
  db: string;
}

export default defineTool<Input, { db: string; status: string }>({
  async preview(input, ctx) {
    const { s, db } = await getDb(input.db, input, ctx);
    if (db.status === 'available' || db.status === 'starting') return { summary: `DB instance ${db.id} is already ${db.status}`, noop: true };
    if (db.status !== 'stopped') throw new NimbusError('NIMBUS_E_INPUT', `DB instance ${db.id} is ${db.status}; only a stopped DB instance can be started`);
    const { cost, warnings } = costPreview({ cloud: 'aws', kind: 'database', type: db.class, engine: db.engine, region: s.region!, multiAz: db.multiAz }, ctx.config);
    return { summary: `start DB instance ${db.id} (${db.engine}, ${db.class}${db.multiAz ? ', Multi-AZ' : ''}) in ${s.region} (profile ${s.profile})`, cost, warnings, diff: `- status: stopped\n+ status: available\n` };
  },
  async run(input, ctx) {
    const { s, rds, sdk, db } = await getDb(input.db, input, ctx);
    const out: any = await send(s, rds, new sdk.StartDBInstanceCommand({ DBInstanceIdentifier: db.id }), 'rds start-db-instance', ctx.signal);
    return { db: db.id, status: out.DBInstance?.DBInstanceStatus ?? 'starting' };
  },
  render: (o) => `started DB instance ${o.db} (status: ${o.status})\n`,
});
