import { defineTool } from '../../../core/tool.js';
import { table, age } from '../../../tui/format.js';
import { resolveSession, client, send, type AwsInput } from '../lib/session.js';

interface User {
  name: string;
  id: string;
  arn: string;
  created?: string;
  passwordLastUsed?: string;
}

export default defineTool<AwsInput, { users: User[] }>({
  async run(input, ctx) {
    const s = resolveSession(input, ctx.env, ctx.config);
    const { IAMClient, ListUsersCommand } = await import('@aws-sdk/client-iam');
    const iam = await client(s, 'iam', IAMClient);
    const users: User[] = [];
    let marker: string | undefined;
    do {
      const out: any = await send(s, iam, new ListUsersCommand({ Marker: marker }), 'iam list-users', ctx.signal);
      for (const u of out.Users ?? []) users.push({ name: u.UserName, id: u.UserId, arn: u.Arn, created: iso(u.CreateDate), passwordLastUsed: iso(u.PasswordLastUsed) });
      marker = out.IsTruncated ? out.Marker : undefined;
    } while (marker);
    return { users };
  },
  render: (o) => (o.users.length ? table(['USER', 'CREATED', 'PASSWORD LAST USED', 'ARN'], o.users.map((u) => [u.name, age(u.created), u.passwordLastUsed ? age(u.passwordLastUsed) + ' ago' : 'never', u.arn])) : 'No IAM users.\n'),
  summarize: (o) => `${o.users.length} users`,
});

function iso(d: unknown): string | undefined {
  return d ? new Date(d as any).toISOString() : undefined;
}
