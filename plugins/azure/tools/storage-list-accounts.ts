import { defineTool } from '../../../core/tool.js';
import { table } from '../../../tui/format.js';
import { azJson, type AzureInput } from '../lib/az.js';

interface Account {
  name: string;
  resourceGroup: string;
  location: string;
  kind: string;
  sku: string;
  accessTier?: string;
  publicBlobAccess: boolean;
  minTls?: string;
  httpsOnly: boolean;
}

export default defineTool<AzureInput & { resourceGroup?: string }, { accounts: Account[] }>({
  async run(input, ctx) {
    const out: any[] = (await azJson(['storage', 'account', 'list', ...(input.resourceGroup ? ['-g', input.resourceGroup] : [])], input, ctx, 'az storage account list')) ?? [];
    return {
      accounts: out.map((a) => ({
        name: a.name,
        resourceGroup: a.resourceGroup,
        location: a.location,
        kind: a.kind,
        sku: a.sku?.name ?? '',
        accessTier: a.accessTier,
        publicBlobAccess: a.allowBlobPublicAccess === true,
        minTls: a.minimumTlsVersion,
        httpsOnly: a.enableHttpsTrafficOnly !== false,
      })),
    };
  },
  render: (o) => (o.accounts.length ? table(['ACCOUNT', 'RESOURCE GROUP', 'LOCATION', 'KIND', 'SKU', 'TIER', 'PUBLIC BLOBS', 'MIN TLS'], o.accounts.map((a) => [a.name, a.resourceGroup, a.location, a.kind, a.sku, a.accessTier, a.publicBlobAccess ? 'allowed' : 'off', a.minTls])) : 'No storage accounts.\n'),
  summarize: (o) => `${o.accounts.length} storage accounts`,
});
