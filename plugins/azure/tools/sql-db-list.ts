import { defineTool } from '../../../core/tool.js';
import { table } from '../../../tui/format.js';
import { azJson, type AzureInput } from '../lib/az.js';

interface Db {
  name: string;
  status: string;
  sku: string;
  tier: string;
  maxSizeGb?: number;
  zoneRedundant: boolean;
}

export default defineTool<AzureInput & { server: string; resourceGroup: string }, { server: string; databases: Db[] }>({
  async run(input, ctx) {
    const out: any[] = (await azJson(['sql', 'db', 'list', '-g', input.resourceGroup, '-s', input.server], input, ctx, `az sql db list ${input.server}`)) ?? [];
    return {
      server: input.server,
      databases: out.map((d) => ({
        name: d.name,
        status: d.status,
        sku: d.currentSku?.name ?? d.sku?.name ?? '',
        tier: d.currentSku?.tier ?? d.sku?.tier ?? '',
        maxSizeGb: d.maxSizeBytes ? Math.round(Number(d.maxSizeBytes) / 1024 ** 3) : undefined,
        zoneRedundant: Boolean(d.zoneRedundant),
      })),
    };
  },
  render: (o) => (o.databases.length ? table(['DATABASE', 'STATUS', 'SKU', 'TIER', 'MAX SIZE', 'ZONE REDUNDANT'], o.databases.map((d) => [d.name, d.status, d.sku, d.tier, d.maxSizeGb !== undefined ? `${d.maxSizeGb} GiB` : '', d.zoneRedundant ? 'yes' : 'no'])) : `No databases on ${o.server}.\n`),
  summarize: (o) => `${o.databases.length} databases on ${o.server}`,
});
