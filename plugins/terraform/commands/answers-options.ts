/** Where the answers come from: --answers FILE, --template NAME, flags, the questionnaire (or the model). */
import { Option } from 'clipanion';
import { TfCommand } from './shared.js';

export abstract class AnswersCommand extends TfCommand {
  answersFile = Option.String('--answers', { description: 'Answers file (YAML or JSON, see plugins/terraform/answers.schema.json)' });
  template = Option.String('--template', { description: 'Start from a saved template (nimbus template list)' });
  provider = Option.String('--provider', { description: 'aws, gcp or azure' });
  region = Option.String('--region', { description: 'Region' });
  name = Option.String('--name', { description: 'Project name' });
  projectId = Option.String('--project-id', { description: 'Google Cloud project ID' });
  components = Option.String('--components', { description: 'Comma-separated: vpc,compute,kubernetes,containers,database,storage,iam,kms (or eks, rds, s3, gke, aks …)' });
  environments = Option.String('--environments', { description: 'Comma-separated environments (default dev,staging,prod)' });
  cidr = Option.String('--cidr', { description: 'Network CIDR (default 10.0.0.0/16)' });
  azCount = Option.String('--az-count', { description: 'Availability zones (default 3)' });
  nat = Option.String('--nat', { description: 'none, single or ha (default ha)' });
  backend = Option.String('--backend', { description: 'State backend: s3, gcs, azurerm or local' });

  /** Answers from --template, --answers and the flags (flags win); undefined when none was given. */
  async answersFromOptions(check = true): Promise<Record<string, any> | undefined> {
    const path = await import('node:path');
    const { NimbusError } = await import('../../../core/errors.js');
    let a: Record<string, any> | undefined;
    if (this.template) {
      const { getTemplate } = await import('../lib/templates.js');
      const t = getTemplate(this.env, this.template);
      if (!t) throw new NimbusError('NIMBUS_E_NOT_FOUND', `template "${this.template}" does not exist (nimbus template list)`);
      a = structuredClone(t.answers);
    }
    if (this.answersFile) {
      const { readAnswersFile } = await import('../lib/answers.js');
      a = { ...(a ?? {}), ...readAnswersFile(path.resolve(this.cwd, this.answersFile), this.answersFile) };
    }
    const set = (k: string, v: unknown) => {
      a ??= {};
      const parts = k.split('.');
      let cur = a;
      for (const p of parts.slice(0, -1)) cur = cur[p] ??= {};
      cur[parts[parts.length - 1]!] = v;
    };
    const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
    if (this.provider) set('provider', this.provider);
    if (this.region) set('region', this.region);
    if (this.name) set('name', this.name);
    if (this.projectId) set('project_id', this.projectId);
    if (this.components) set('components', list(this.components));
    if (this.environments) set('environments', list(this.environments));
    if (this.cidr) set('networking.cidr', this.cidr);
    if (this.azCount) {
      if (!/^\d+$/.test(this.azCount)) throw new NimbusError('NIMBUS_E_USAGE', `--az-count: "${this.azCount}" is not a whole number`);
      set('networking.az_count', Number(this.azCount));
    }
    if (this.nat) set('networking.nat', this.nat);
    if (this.backend) set('state_backend.type', this.backend);
    // Check now, naming where the answers came from (the questionnaire fills a missing name on a terminal).
    if (check && a && (a.name !== undefined || !this.interactive)) {
      const { resolveAnswers } = await import('../lib/answers.js');
      resolveAnswers(a, this.answersFile ?? (this.template ? `template ${this.template}` : 'flags'));
    }
    return a;
  }

  /** The questionnaire on the terminal (line mode). */
  async askQuestionnaire(start: Record<string, any> = {}): Promise<Record<string, any>> {
    const { runQuestionnaire } = await import('./questionnaire.js');
    const { Config } = await import('../../../core/config.js');
    const cfg = Config.load({ env: this.env });
    const seed = { provider: cfg.get<string>('cloud.default_provider'), ...start };
    if (seed.provider === undefined) delete seed.provider;
    return runQuestionnaire(this.context.stdin as any, this.context.stderr as any, seed);
  }

  get interactive(): boolean {
    return Boolean((this.context.stdin as any)?.isTTY);
  }
}
