import YAML from 'yaml';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { deleteTemplate, getTemplate } from '../lib/templates.js';

export default defineTool<{ name: string }, { name: string }>({
  preview(input, ctx) {
    const t = getTemplate(ctx.env, input.name);
    if (!t) throw new NimbusError('NIMBUS_E_NOT_FOUND', `template "${input.name}" does not exist (nimbus template list)`);
    return { summary: `delete template "${input.name}"`, content: YAML.stringify(t.answers) };
  },
  run(input, ctx) {
    if (!deleteTemplate(ctx.env, input.name)) throw new NimbusError('NIMBUS_E_NOT_FOUND', `template "${input.name}" does not exist`);
    return { name: input.name };
  },
  render: (o) => `deleted template ${o.name}\n`,
  summarize: (o) => `deleted template ${o.name}`,
});
