import { defineTool } from '../../../core/tool.js';
import { table } from '../../../tui/format.js';
import { azJson, type AzureInput } from '../lib/az.js';

interface Server {
  name: string;
  resourceGroup: string;
  location: string;
  fqdn: string;
  admin?: string;
  publicNetworkAccess?: string;
  version?: string;
}

export default defineTool<AzureInput & { resourceGroup?: string }, { servers: Server[] }>({
  async run(input, ctx) {
    const out: any[] = (await azJson(['sql', 'server', 'list', ...(input.resourceGroup ? ['-g', input.resourceGroup] : [])], input, ctx, 'az sql server list')) ?? [];
    return { servers: out.map((s) => ({ name: s.name, resourceGroup: s.resourceGroup, location: s.location, fqdn: s.fullyQualifiedDomainName, admin: s.administratorLogin, publicNetworkAccess: s.publicNetworkAccess, version: s.version })) };
  },
  render: (o) => (o.servers.length ? table(['SERVER', 'RESOURCE GROUP', 'LOCATION', 'FQDN', 'ADMIN', 'PUBLIC ACCESS'], o.servers.map((s) => [s.name, s.resourceGroup, s.location, s.fqdn, s.admin, s.publicNetworkAccess])) : 'No Azure SQL servers.\n'),
  summarize: (o) => `${o.servers.length} SQL servers`,
});
