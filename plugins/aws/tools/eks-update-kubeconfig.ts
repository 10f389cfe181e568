import { defineTool } from '../../../core/tool.js';
import { unifiedDiff } from '../../../core/diff.js';
import { writeFileAtomic } from '../../../core/config.js';
import { resolveSession, client, send, requireRegion, type AwsInput, type AwsSession } from '../lib/session.js';
import { kubeconfigPath, readText, mergeKubeconfig, diffNames } from '../lib/kubeconfig.js';
import type { ToolContext } from '../../../core/tool.js';

interface Input extends AwsInput {
  cluster: string;
  alias?: string;
  kubeconfig?: string;
}

/** The same entries `aws eks update-kubeconfig` writes (token from `aws eks get-token`). */
async function planned(input: Input, ctx: ToolContext): Promise<{ s: AwsSession; file: string; oldText: string; newText: string; context: string }> {
  const s = resolveSession(input, ctx.env, ctx.config);
  const region = requireRegion(s);
  const sdk = await import('@aws-sdk/client-eks');
  const eks = await client(s, 'eks', sdk.EKSClient);
  const c: any = (await send<any>(s, eks, new sdk.DescribeClusterCommand({ name: input.cluster }), `eks describe-cluster ${input.cluster}`, ctx.signal)).cluster;
  if (!c?.endpoint) throw new Error(`eks cluster ${input.cluster} has no endpoint yet (status ${c?.status ?? 'unknown'}); try again when it is ACTIVE`);
  const arn: string = c.arn;
  const context = input.alias ?? arn;
  const exec: Record<string, unknown> = {
    apiVersion: 'client.authentication.k8s.io/v1beta1',
    command: 'aws',
    args: ['--region', region, 'eks', 'get-token', '--cluster-name', input.cluster, '--output', 'json'],
  };
  if (s.profileSource !== 'default') exec.env = [{ name: 'AWS_PROFILE', value: s.profile }];
  const file = kubeconfigPath(input.kubeconfig, ctx.env, ctx.workspace);
  const oldText = readText(file);
  const newText = mergeKubeconfig(oldText, {
    cluster: { name: arn, cluster: { server: c.endpoint, 'certificate-authority-data': c.certificateAuthority?.data ?? '' } },
    user: { name: arn, user: { exec } },
    context: { name: context, context: { cluster: arn, user: arn } },
  });
  return { s, file, oldText, newText, context };
}

export default defineTool<Input, { file: string; context: string; changed: boolean }>({
  async preview(input, ctx) {
    const p = await planned(input, ctx);
    if (p.oldText === p.newText) return { summary: `${p.file} already has context ${p.context} for EKS cluster ${input.cluster}`, noop: true };
    return {
      summary: `${p.oldText ? 'update' : 'create'} ${p.file}: context ${p.context} for EKS cluster ${input.cluster} (profile ${p.s.profile}), made current`,
      diff: unifiedDiff(...diffNames(p.file), p.oldText, p.newText),
    };
  },
  async run(input, ctx) {
    const p = await planned(input, ctx);
    const changed = p.oldText !== p.newText;
    if (changed) writeFileAtomic(p.file, p.newText, 0o600);
    return { file: p.file, context: p.context, changed };
  },
  render: (o) => `${o.changed ? 'Updated' : 'Unchanged:'} ${o.file}; current context: ${o.context}\n`,
});
