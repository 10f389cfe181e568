import { Command, Option } from 'clipanion';
import { NimbusCommand } from './base.js';
import { NimbusError } from '../../core/errors.js';
import { EFFECTS, type Effect } from '../../core/effects.js';

export default class RunCommand extends NimbusCommand {
  static override paths = [['run']];
  static override usage = Command.Usage({
    category: 'Plans',
    description: 'Run a plan headless (CI): the same approvals as a person gets, given as flags',
    details: [
      'Reads and generates run. create and update steps run only with --yes or --approve create,update (or an allow rule in --policy); a delete runs only with --confirm-delete NAME for its exact target. Otherwise the step is refused, the steps that need it are skipped, the others continue, and the exit code is 3.',
      'The plan itself can never approve anything: effects come from the tools\' manifests. --expect-sha256 refuses a plan whose bytes changed since it was reviewed. --policy FILE applies rules {effect, tool, target, context, action: allow|deny}; the last matching rule wins and deny wins over --yes. Contexts marked read_only in safety.contexts refuse every mutating step.',
      'Each step is checkpointed in history; --resume RUN_ID continues after the last completed step of an earlier run of the same plan bytes.',
    ].join('\n\n'),
    examples: [
      ['Preview every step', '$0 run plan.json --dry-run'],
      ['Run a reviewed plan in CI', '$0 run plan.json --expect-sha256 3b1f… --approve create,update --policy policy.yaml --junit nimbus.xml'],
      ['Allow one delete', '$0 run plan.json --yes --confirm-delete old-bucket'],
      ['Resume after fixing a failure', '$0 run plan.json --resume 7c1e0f2a-…'],
    ],
  });
  file = Option.String({ required: true, name: 'PLAN' });
  yes = Option.Boolean('-y,--yes', false, { description: 'Approve create and update steps (never deletes)' });
  approveList = Option.String('--approve', { description: 'Effects approved up front, comma-separated: create,update' });
  confirmDelete = Option.Array('--confirm-delete', { description: 'Approve the delete whose target is exactly NAME (repeatable)' });
  dryRun = Option.Boolean('--dry-run', false, { description: 'Preview every step; change nothing' });
  expectSha = Option.String('--expect-sha256', { description: 'Refuse the plan unless its bytes have this sha256' });
  policyFile = Option.String('--policy', { description: 'Policy rules file (YAML or JSON)' });
  sandbox = Option.String('--sandbox', { description: 'docker: run every community tool in a container' });
  parallel = Option.String('--parallel', { description: 'Run up to N independent read steps at once' });
  resume = Option.String('--resume', { description: 'Continue the run RUN_ID after its last completed step' });
  reportFile = Option.String('--report', { description: 'Write a JSON report to FILE' });
  junitFile = Option.String('--junit', { description: 'Write a JUnit XML report to FILE' });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print the report as JSON instead of the summary' });
  workspace = Option.String('--workspace', { description: "Workspace root (default: the plan's context.workspace, else the current directory)" });

  async run(): Promise<number> {
    const path = await import('node:path');
    const approve = this.approveList ? this.parseApprove(this.approveList) : undefined;
    let parallel: number | undefined;
    if (this.parallel !== undefined) {
      parallel = Number(this.parallel);
      if (!Number.isInteger(parallel) || parallel < 1 || parallel > 64) throw new NimbusError('NIMBUS_E_USAGE', `--parallel: "${this.parallel}" is not an integer from 1 to 64`);
    }
    if (this.sandbox !== undefined && this.sandbox !== 'docker') throw new NimbusError('NIMBUS_E_USAGE', `--sandbox: "${this.sandbox}" is not supported (use docker)`);
    if (this.expectSha !== undefined && !/^[0-9a-f]{64}$/i.test(this.expectSha)) throw new NimbusError('NIMBUS_E_USAGE', `--expect-sha256: "${this.expectSha}" is not a sha256 (64 hex digits)`);

    const { loadPlan } = await import('../../core/plan/plan.js');
    const { loadPolicy } = await import('../../core/plan/policy-rules.js');
    const { runPlan, planEnv } = await import('../../core/plan/runner.js');
    const file = path.resolve(this.cwd, this.file);
    const loaded = loadPlan(file);
    if (this.expectSha && loaded.sha256 !== this.expectSha.toLowerCase()) {
      throw new NimbusError('NIMBUS_E_REFUSED', `${this.file}: refused: its sha256 is ${loaded.sha256}, not the reviewed ${this.expectSha.toLowerCase()}; nothing was run`);
    }
    const policy = this.policyFile ? loadPolicy(path.resolve(this.cwd, this.policyFile), this.policyFile) : undefined;
    const workspace = this.workspace ? path.resolve(this.cwd, this.workspace) : loaded.plan.context?.workspace ? path.resolve(path.dirname(file), loaded.plan.context.workspace) : this.cwd;

    const { NonInteractiveApprover } = await import('../../core/approval.js');
    // Headless: nobody is asked, whatever the terminal. Previews go to stderr.
    const approver = this.context.approver && !this.context.approver.interactive ? this.context.approver : new NonInteractiveApprover((t) => this.context.stderr.write(t));
    // A plan that declares its context runs in it (the runner adds it); otherwise in the current one.
    const kernel = await this.kernel({ workspace, env: planEnv(loaded.plan.context, this.env), approver, detectContexts: !loaded.plan.context });
    try {
      const report = await runPlan(kernel, loaded, {
        yes: this.yes,
        approve,
        confirmDelete: this.confirmDelete,
        dryRun: this.dryRun,
        policy,
        parallel,
        forceDocker: this.sandbox === 'docker' || kernel.config.get<boolean>('sandbox.force_docker') === true,
        resume: this.resume,
      });
      await this.writeReports(report);
      const { summary, githubAnnotations, jsonReport } = await import('../../core/plan/report.js');
      if (this.jsonOutput) this.json(jsonReport(report));
      else this.out(summary(report));
      if (this.env.GITHUB_ACTIONS === 'true') this.context.stdout.write(githubAnnotations(report));
      return report.exitCode;
    } finally {
      await kernel.dispose();
    }
  }

  private parseApprove(list: string): Effect[] {
    const out: Effect[] = [];
    for (const raw of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (raw === 'delete') throw new NimbusError('NIMBUS_E_USAGE', '--approve: delete cannot be approved in bulk; use --confirm-delete NAME for each target');
      if (!(EFFECTS as readonly string[]).includes(raw)) throw new NimbusError('NIMBUS_E_USAGE', `--approve: "${raw}" is not an effect (create, update)`);
      out.push(raw as Effect);
    }
    return out;
  }

  private async writeReports(report: import('../../core/plan/runner.js').RunReport): Promise<void> {
    const path = await import('node:path');
    const { writeFileAtomic } = await import('../../core/config.js');
    const { jsonReport, junitReport } = await import('../../core/plan/report.js');
    if (this.reportFile) writeFileAtomic(path.resolve(this.cwd, this.reportFile), JSON.stringify(jsonReport(report), null, 2) + '\n');
    if (this.junitFile) writeFileAtomic(path.resolve(this.cwd, this.junitFile), junitReport(report));
  }
}
