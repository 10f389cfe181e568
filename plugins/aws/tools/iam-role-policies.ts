import { defineTool } from '../../../core/tool.js';
import { resolveSession, client, send, type AwsInput } from '../lib/session.js';

interface Output {
  role: string;
  attached: Array<{ name: string; arn: string }>;
  inline: Array<{ name: string; document: unknown }>;
  trust?: unknown;
}

export default defineTool<AwsInput & { role: string }, Output>({
  async run(input, ctx) {
    const s = resolveSession(input, ctx.env, ctx.config);
    const sdk = await import('@aws-sdk/client-iam');
    const iam = await client(s, 'iam', sdk.IAMClient);
    const role: any = await send(s, iam, new sdk.GetRoleCommand({ RoleName: input.role }), `iam get-role ${input.role}`, ctx.signal);
    const attached: Output['attached'] = [];
    let marker: string | undefined;
    do {
      const out: any = await send(s, iam, new sdk.ListAttachedRolePoliciesCommand({ RoleName: input.role, Marker: marker }), 'iam list-attached-role-policies', ctx.signal);
      for (const p of out.AttachedPolicies ?? []) attached.push({ name: p.PolicyName, arn: p.PolicyArn });
      marker = out.IsTruncated ? out.Marker : undefined;
    } while (marker);
    const names: string[] = [];
    do {
      const out: any = await send(s, iam, new sdk.ListRolePoliciesCommand({ RoleName: input.role, Marker: marker }), 'iam list-role-policies', ctx.signal);
      names.push(...(out.PolicyNames ?? []));
      marker = out.IsTruncated ? out.Marker : undefined;
    } while (marker);
    const inline = await Promise.all(
      names.map(async (name) => {
        const out: any = await send(s, iam, new sdk.GetRolePolicyCommand({ RoleName: input.role, PolicyName: name }), 'iam get-role-policy', ctx.signal);
        return { name, document: parseDoc(out.PolicyDocument) };
      }),
    );
    return { role: input.role, attached, inline, trust: parseDoc(role.Role?.AssumeRolePolicyDocument) };
  },
  render(o) {
    const out = [`Role ${o.role}`, '', 'Attached policies:'];
    out.push(...(o.attached.length ? o.attached.map((p) => `  ${p.name}  ${p.arn}`) : ['  (none)']));
    out.push('', 'Inline policies:');
    if (!o.inline.length) out.push('  (none)');
    for (const p of o.inline) out.push(`  ${p.name}:`, ...JSON.stringify(p.document, null, 2).split('\n').map((l) => '    ' + l));
    return out.join('\n') + '\n';
  },
  summarize: (o) => `${o.role}: ${o.attached.length} attached, ${o.inline.length} inline`,
});

function parseDoc(d: unknown): unknown {
  if (typeof d !== 'string') return d;
  try {
    return JSON.parse(decodeURIComponent(d));
  } catch {
    return d;
  }
}
