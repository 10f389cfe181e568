import { Command, Option } from 'clipanion';
import { AnswersCommand } from '../answers-options.js';
import { CATEGORY, EXIT } from '../shared.js';

export default class GenerateTerraformCommand extends AnswersCommand {
  static override paths = [['generate', 'terraform']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Generate Terraform for AWS, GCP or Azure (questionnaire, flags, answers file, or one sentence)',
    details: `Writes README.md, main.tf, variables.tf, outputs.tf, versions.tf, backend.tf, terraform.tfvars.example, modules/<component>/ and environments/<env>/ into --out (default ./infrastructure).

Answers come from the questionnaire (six steps, on a terminal), from flags, from --answers FILE (YAML/JSON, schema: plugins/terraform/answers.schema.json), from a saved --template, or from a sentence ("EKS cluster with 3 t3.large nodes in us-west-2") that the model turns into answers.

Before anything is written, the output is checked: terraform fmt, terraform validate where the provider is available locally (otherwise it says validation was skipped), and the policy rules. A blocking result (fmt or validate failure, a high finding) writes nothing unless --allow-findings. Overwriting existing files shows their diff first.`,
    examples: [
      ['Questionnaire', '$0 generate terraform'],
      ['Flags', '$0 generate terraform --provider aws --region us-west-2 --name shop --components vpc,eks,rds,s3 --out infra'],
      ['Answers file', '$0 generate terraform --answers answers.yaml --out infra'],
      ['One sentence', '$0 generate terraform "EKS cluster with 3 t3.large nodes in us-west-2"'],
    ],
  });
  request = Option.Rest({ name: 'description' });
  outDir = Option.String('--out', 'infrastructure', { description: 'Output folder (default ./infrastructure)' });
  allowFindings = Option.Boolean('--allow-findings', false, { description: 'Write even when a check blocks' });
  showContent = Option.Boolean('--show-content', false, { description: 'Show every file in the preview' });
  saveTemplate = Option.String('--save-template', { description: 'Also save the answers as a template' });
  model = Option.String('--model', { description: 'Model for a one-sentence request' });
  tui = Option.Boolean('--tui', true, { description: 'On a terminal, ask the questionnaire as a full-screen form (--no-tui: line prompts)' });

  async run(): Promise<number> {
    const { NimbusError } = await import('../../../../core/errors.js');
    const sentence = this.request.join(' ').trim();
    let answers = await this.answersFromOptions(!sentence);
    if (sentence) {
      const { answersFromSentence } = await import('../../lib/conversational.js');
      answers = await answersFromSentence(sentence, { env: this.env, model: this.model, base: answers, ask: this.interactive ? (q) => this.askOne(q) : undefined, log: (m) => this.err(m) });
    } else if (!answers) {
      if (!this.interactive) throw new NimbusError('NIMBUS_E_USAGE', 'generate terraform: no answers (give --answers FILE, --template NAME, flags such as --provider and --name, or a sentence; the questionnaire needs a terminal)');
      if (this.tui && (this.context.stdout as any)?.isTTY) {
        // On a full terminal the questionnaire is the TUI's step-by-step form (same steps, same tool).
        const { runTui } = await import('../../../../tui/app/run.js');
        return runTui(this, { wizard: 'terraform', out: this.outDir });
      }
      answers = await this.askQuestionnaire();
    } else if (answers.name === undefined && this.interactive) {
      answers = await this.askQuestionnaire(answers);
    }
    const r = await this.callTool('terraform/generate', { answers, out: this.outDir, allow_findings: this.allowFindings, show_content: this.showContent });
    if (this.saveTemplate && (r.status === 'success' || r.status === 'noop')) await this.callTool('terraform/template_save', { name: this.saveTemplate, answers });
    return EXIT.OK;
  }

  private async askOne(question: string): Promise<string | undefined> {
    const readline = await import('node:readline');
    const rl = readline.createInterface({ input: this.context.stdin as any, output: this.context.stderr as any, terminal: false });
    return new Promise((resolve) => {
      let done = false;
      rl.question(`${question} `, (a) => {
        done = true;
        rl.close();
        resolve(a);
      });
      rl.on('close', () => !done && resolve(undefined));
    });
  }
}
