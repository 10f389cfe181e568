import { defineTool } from '../../../core/tool.js';
import { table } from '../../../tui/format.js';
import { azJson, type AzureInput } from '../lib/az.js';

interface Assignment {
  principal: string;
  principalType: string;
  role: string;
  scope: string;
}

export default defineTool<AzureInput & { assignee?: string; scope?: string }, { assignments: Assignment[] }>({
  async run(input, ctx) {
    const args = ['role', 'assignment', 'list', ...(input.scope ? ['--scope', input.scope] : ['--all']), ...(input.assignee ? ['--assignee', input.assignee] : [])];
    const out: any[] = (await azJson(args, input, ctx, 'az role assignment list')) ?? [];
    return { assignments: out.map((a) => ({ principal: a.principalName || a.principalId, principalType: a.principalType, role: a.roleDefinitionName, scope: a.scope })) };
  },
  render: (o) => (o.assignments.length ? table(['PRINCIPAL', 'TYPE', 'ROLE', 'SCOPE'], o.assignments.map((a) => [a.principal, a.principalType, a.role, a.scope])) : 'No role assignments match.\n'),
  summarize: (o) => `${o.assignments.length} role assignments`,
});
