import { defineTool } from '../../../core/tool.js';
import { table } from '../../../tui/format.js';
import { gcloudJson, type GcpInput } from '../lib/gcloud.js';

interface Account {
  email: string;
  displayName?: string;
  disabled: boolean;
}

export default defineTool<GcpInput, { accounts: Account[] }>({
  async run(input, ctx) {
    const out: any[] = await gcloudJson(['iam', 'service-accounts', 'list'], input, ctx, 'gcloud iam service-accounts list');
    return { accounts: out.map((a) => ({ email: a.email, displayName: a.displayName, disabled: Boolean(a.disabled) })) };
  },
  render: (o) => (o.accounts.length ? table(['EMAIL', 'DISPLAY NAME', 'DISABLED'], o.accounts.map((a) => [a.email, a.displayName, a.disabled ? 'yes' : 'no'])) : 'No service accounts.\n'),
  summarize: (o) => `${o.accounts.length} service accounts`,
});
