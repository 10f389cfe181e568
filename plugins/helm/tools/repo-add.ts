import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { runHelm } from '../lib/helm.js';

interface Input {
  name: string;
  url: string;
  forceUpdate?: boolean;
}

export default defineTool<Input, { name: string; url: string }>({
  async preview(input, ctx) {
    if (!/^(https?|oci):\/\//.test(input.url)) throw new NimbusError('NIMBUS_E_INPUT', `url: "${input.url}" must start with http://, https:// or oci://`);
    const list = await runHelm(['repo', 'list', '-o', 'json'], ctx, { allowFail: true });
    const repos: Array<{ name: string; url: string }> = list.code === 0 ? JSON.parse(list.stdout || '[]') : [];
    const same = repos.find((r) => r.name === input.name);
    if (same && same.url.replace(/\/$/, '') === input.url.replace(/\/$/, '')) return { summary: `repository ${input.name} is already ${input.url}`, noop: true };
    if (same) return { summary: `replace repository ${input.name}: ${same.url} → ${input.url}`, effect: 'update', diff: `--- repositories/${input.name}\n+++ repositories/${input.name}\n@@ url @@\n-${same.url}\n+${input.url}\n` };
    return { summary: `add chart repository ${input.name} (${input.url}) to the local helm configuration and download its index`, content: `${input.name}\t${input.url}` };
  },
  async run(input, ctx) {
    await runHelm(['repo', 'add', input.name, input.url, '--force-update'], ctx);
    return { name: input.name, url: input.url };
  },
  render: (o) => `"${o.name}" has been added to your repositories\n`,
  summarize: (o) => `added repository ${o.name} ${o.url}`,
});
