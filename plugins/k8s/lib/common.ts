import type { ToolContext } from '../../../core/tool.js';
import { KubeClient } from './client.js';

/** The fields every k8s tool accepts to choose its cluster and namespace. */
export interface KubeInput {
  context?: string;
  namespace?: string;
  kubeconfig?: string;
}

export function clientFor(input: KubeInput, ctx: Pick<ToolContext, 'env' | 'config'>): KubeClient {
  return KubeClient.resolve({ context: input.context, namespace: input.namespace, kubeconfig: input.kubeconfig }, ctx.env, ctx.config);
}

/** "in namespace shop (context prod)" for summaries and prompts. */
export function where(c: KubeClient, namespaced = true, ns = c.namespace): string {
  return namespaced ? `in namespace ${ns} (context ${c.target.context})` : `(context ${c.target.context})`;
}
