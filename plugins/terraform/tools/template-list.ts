import { defineTool } from '../../../core/tool.js';
import { listTemplates } from '../lib/templates.js';

export default defineTool<Record<string, never>, { templates: Array<{ name: string; provider: string; components: string[]; updated: string }> }>({
  run(_input, ctx) {
    return {
      templates: listTemplates(ctx.env).map((t) => ({ name: t.name, provider: String(t.answers.provider ?? ''), components: (t.answers.components as string[] | undefined) ?? [], updated: t.updated_at ?? t.created_at })),
    };
  },
  render: (o) => (o.templates.length ? o.templates.map((t) => `${t.name.padEnd(24)} ${t.provider.padEnd(6)} ${t.components.join(',')}`).join('\n') + '\n' : 'no saved templates (nimbus template save NAME)\n'),
  summarize: (o) => `${o.templates.length} templates`,
});
