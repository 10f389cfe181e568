import { defineTool } from '../../../core/tool.js';
import { table, age, clipLine } from '../../../tui/format.js';
import { resolveSession, client, send, type AwsInput } from '../lib/session.js';

interface Role {
  name: string;
  arn: string;
  created?: string;
  description?: string;
  path: string;
}

export default defineTool<AwsInput & { pathPrefix?: string }, { roles: Role[] }>({
  async run(input, ctx) {
    const s = resolveSession(input, ctx.env, ctx.config);
    const { IAMClient, ListRolesCommand } = await import('@aws-sdk/client-iam');
    const iam = await client(s, 'iam', IAMClient);
    const roles: Role[] = [];
    let marker: string | undefined;
    do {
      const out: any = await send(s, iam, new ListRolesCommand({ Marker: marker, PathPrefix: input.pathPrefix }), 'iam list-roles', ctx.signal);
      for (const r of out.Roles ?? []) roles.push({ name: r.RoleName, arn: r.Arn, created: r.CreateDate ? new Date(r.CreateDate).toISOString() : undefined, description: r.Description, path: r.Path ?? '/' });
      marker = out.IsTruncated ? out.Marker : undefined;
    } while (marker);
    return { roles };
  },
  render: (o) => (o.roles.length ? table(['ROLE', 'AGE', 'PATH', 'DESCRIPTION'], o.roles.map((r) => [r.name, age(r.created), r.path, clipLine(r.description, 60)])) : 'No IAM roles.\n'),
  summarize: (o) => `${o.roles.length} roles`,
});
