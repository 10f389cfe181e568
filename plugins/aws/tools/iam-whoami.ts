import { defineTool } from '../../../core/tool.js';
import { resolveSession, client, send, type AwsInput } from '../lib/session.js';

export interface WhoAmI {
  profile: string;
  profileFrom: string;
  region?: string;
  regionFrom: string;
  account: string;
  arn: string;
  userId: string;
  alias?: string;
}

export default defineTool<AwsInput, WhoAmI>({
  async run(input, ctx) {
    const s = resolveSession(input, ctx.env, ctx.config);
    const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const sts = await client(s, 'sts', STSClient);
    const id: any = await send(s, sts, new GetCallerIdentityCommand({}), 'sts get-caller-identity', ctx.signal);
    let alias: string | undefined;
    try {
      const { IAMClient, ListAccountAliasesCommand } = await import('@aws-sdk/client-iam');
      const iam = await client(s, 'iam', IAMClient);
      alias = ((await iam.send(new ListAccountAliasesCommand({}), { abortSignal: ctx.signal })) as any).AccountAliases?.[0];
    } catch {
      /* an identity without iam:ListAccountAliases still knows who it is */
    }
    return { profile: s.profile, profileFrom: s.profileFrom, region: s.region, regionFrom: s.regionFrom, account: id.Account, arn: id.Arn, userId: id.UserId, alias };
  },
  render: (o) =>
    [
      `Profile:  ${o.profile} (${o.profileFrom})`,
      `Region:   ${o.region ?? 'not set'}${o.region ? ` (${o.regionFrom})` : ''}`,
      `Account:  ${o.account}${o.alias ? ` (${o.alias})` : ''}`,
      `Identity: ${o.arn}`,
    ].join('\n') + '\n',
  summarize: (o) => `${o.arn} in ${o.account}`,
});
