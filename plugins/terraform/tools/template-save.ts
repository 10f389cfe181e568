import YAML from 'yaml';
import { defineTool } from '../../../core/tool.js';
import { unifiedDiff } from '../../../core/diff.js';
import { resolveAnswers } from '../lib/answers.js';
import { checkName, getTemplate, saveTemplate } from '../lib/templates.js';

interface Input {
  name: string;
  answers: Record<string, unknown>;
}

export default defineTool<Input, { name: string; created: boolean }>({
  preview(input, ctx) {
    checkName(input.name);
    resolveAnswers(input.answers, `template ${input.name}`);
    const old = getTemplate(ctx.env, input.name);
    const text = YAML.stringify(input.answers);
    if (!old) return { summary: `save the answers as template "${input.name}"`, content: text };
    const before = YAML.stringify(old.answers);
    if (before === text) return { summary: `template "${input.name}" is unchanged`, noop: true };
    return { summary: `replace template "${input.name}"`, effect: 'update', diff: unifiedDiff(`a/${input.name}`, `b/${input.name}`, before, text) };
  },
  run(input, ctx) {
    return { name: input.name, ...saveTemplate(ctx.env, input.name, input.answers) };
  },
  render: (o) => `${o.created ? 'saved' : 'updated'} template ${o.name}\n`,
  summarize: (o) => `${o.created ? 'saved' : 'updated'} template ${o.name}`,
});
