import { defineTool } from '../../../core/tool.js';
import { table, age } from '../../../tui/format.js';
import { resolveSession, client, send, type AwsInput } from '../lib/session.js';

interface Policy {
  name: string;
  arn: string;
  attachments: number;
  updated?: string;
}

export default defineTool<AwsInput & { scope: 'Local' | 'AWS' | 'All'; attachedOnly?: boolean }, { policies: Policy[] }>({
  async run(input, ctx) {
    const s = resolveSession(input, ctx.env, ctx.config);
    const { IAMClient, ListPoliciesCommand } = await import('@aws-sdk/client-iam');
    const iam = await client(s, 'iam', IAMClient);
    const policies: Policy[] = [];
    let marker: string | undefined;
    do {
      const out: any = await send(s, iam, new ListPoliciesCommand({ Scope: input.scope, OnlyAttached: input.attachedOnly || undefined, Marker: marker }), 'iam list-policies', ctx.signal);
      for (const p of out.Policies ?? []) policies.push({ name: p.PolicyName, arn: p.Arn, attachments: p.AttachmentCount ?? 0, updated: p.UpdateDate ? new Date(p.UpdateDate).toISOString() : undefined });
      marker = out.IsTruncated ? out.Marker : undefined;
    } while (marker);
    policies.sort((a, b) => a.name.localeCompare(b.name));
    return { policies };
  },
  render: (o) => (o.policies.length ? table(['POLICY', 'ATTACHED TO', 'UPDATED', 'ARN'], o.policies.map((p) => [p.name, p.attachments, age(p.updated), p.arn])) : 'No IAM policies in this scope.\n'),
  summarize: (o) => `${o.policies.length} policies`,
});
