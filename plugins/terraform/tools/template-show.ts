import YAML from 'yaml';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { getTemplate } from '../lib/templates.js';

export default defineTool<{ name: string }, { name: string; answers: Record<string, unknown> }>({
  run(input, ctx) {
    const t = getTemplate(ctx.env, input.name);
    if (!t) throw new NimbusError('NIMBUS_E_NOT_FOUND', `template "${input.name}" does not exist (nimbus template list)`);
    return { name: t.name, answers: t.answers };
  },
  render: (o) => YAML.stringify(o.answers),
  summarize: (o) => `template ${o.name}`,
});
