import { defineTool } from '../../../core/tool.js';
import { table } from '../../../tui/format.js';
import { gcloudJson, type GcpInput } from '../lib/gcloud.js';

interface SqlInstance {
  name: string;
  databaseVersion: string;
  region: string;
  tier: string;
  state: string;
  ip?: string;
}

export default defineTool<GcpInput, { instances: SqlInstance[] }>({
  async run(input, ctx) {
    const out: any[] = await gcloudJson(['sql', 'instances', 'list'], input, ctx, 'gcloud sql instances list');
    return { instances: out.map((s) => ({ name: s.name, databaseVersion: s.databaseVersion, region: s.region, tier: s.settings?.tier ?? '', state: s.state, ip: s.ipAddresses?.find((a: any) => a.type === 'PRIMARY')?.ipAddress })) };
  },
  render: (o) => (o.instances.length ? table(['INSTANCE', 'VERSION', 'REGION', 'TIER', 'STATE', 'IP'], o.instances.map((s) => [s.name, s.databaseVersion, s.region, s.tier, s.state, s.ip])) : 'No Cloud SQL instances.\n'),
  summarize: (o) => `${o.instances.length} Cloud SQL instances`,
});
