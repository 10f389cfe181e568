import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { table } from '../../../tui/format.js';
import { gcloudJson, chooseProject, type GcpInput } from '../lib/gcloud.js';

interface Binding {
  role: string;
  member: string;
  condition?: string;
}

export default defineTool<GcpInput & { member?: string }, { project: string; bindings: Binding[] }>({
  async run(input, ctx) {
    const { project } = chooseProject(input, ctx.env, ctx.config);
    let p = project;
    if (!p) {
      const cfg: any = await gcloudJson(['config', 'list'], {}, ctx, 'gcloud config list', { project: false });
      p = cfg?.core?.project;
    }
    if (!p) throw new NimbusError('NIMBUS_E_USAGE', 'no GCP project chosen', { hint: 'pass --project, or run: nimbus auth gcp --project PROJECT_ID' });
    const policy: any = await gcloudJson(['projects', 'get-iam-policy', p], { project: p }, ctx, `gcloud projects get-iam-policy ${p}`, { project: false });
    let bindings: Binding[] = (policy?.bindings ?? []).flatMap((b: any) => (b.members ?? []).map((m: string) => ({ role: b.role, member: m, condition: b.condition?.title })));
    if (input.member) bindings = bindings.filter((b) => b.member === input.member || b.member.endsWith(`:${input.member}`));
    bindings.sort((a, b) => a.role.localeCompare(b.role) || a.member.localeCompare(b.member));
    return { project: p, bindings };
  },
  render: (o) => (o.bindings.length ? table(['ROLE', 'MEMBER', 'CONDITION'], o.bindings.map((b) => [b.role, b.member, b.condition])) : `No IAM bindings match in ${o.project}.\n`),
  summarize: (o) => `${o.bindings.length} bindings in ${o.project}`,
});
