/**
 * Kubeconfig resolution, as kubectl does it, plus Nimbus's config keys:
 *   file(s):   --kubeconfig > kubernetes.kubeconfig > KUBECONFIG (a list, merged) > ~/.kube/config
 *   context:   --context > NIMBUS_KUBE_CONTEXT (a plan's context.kube_context) > kubernetes.default_context > current-context
 *   namespace: -n/--namespace > kubernetes.default_namespace > the context's namespace > "default"
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { NimbusError } from '../../../core/errors.js';
import type { ConfigView } from '../../../core/config.js';

export interface KubeOptions {
  context?: string;
  namespace?: string;
  kubeconfig?: string;
}

export interface KubeTarget {
  /** Every kubeconfig file read, in order (the first one holds current-context for writes). */
  files: string[];
  /** The merged kubeconfig document. */
  doc: any;
  context: string;
  cluster: string;
  user: string;
  server: string;
  namespace: string;
  /** Where the namespace came from, for messages. */
  namespaceSource: 'flag' | 'config' | 'context' | 'default';
}

function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  return p.startsWith('~/') ? path.join(env.HOME ?? '', p.slice(2)) : p;
}

/** The kubeconfig files to read, in precedence order. */
export function kubeconfigFiles(opts: KubeOptions, env: NodeJS.ProcessEnv, config?: ConfigView): { files: string[]; source: string } {
  if (opts.kubeconfig) return { files: [path.resolve(expandHome(opts.kubeconfig, env))], source: '--kubeconfig' };
  const fromConfig = config?.get<string>('kubernetes.kubeconfig');
  if (fromConfig) return { files: [path.resolve(expandHome(fromConfig, env))], source: 'kubernetes.kubeconfig' };
  if (env.KUBECONFIG) {
    const files = env.KUBECONFIG.split(path.delimiter)
      .filter(Boolean)
      .map((f) => path.resolve(expandHome(f, env)));
    return { files: [...new Set(files)], source: 'KUBECONFIG' };
  }
  return { files: [path.join(env.HOME ?? '', '.kube', 'config')], source: '~/.kube/config' };
}

const PATH_FIELDS = ['certificate-authority', 'client-certificate', 'client-key', 'tokenFile'];

function absolutize(node: any, dir: string): void {
  if (!node || typeof node !== 'object') return;
  for (const f of PATH_FIELDS) if (typeof node[f] === 'string' && node[f] && !path.isAbsolute(node[f])) node[f] = path.join(dir, node[f]);
}

/** Read and merge kubeconfig files the way kubectl does (first definition of a name wins). */
export function loadKubeconfigDoc(files: string[], source: string): any {
  const merged: any = { apiVersion: 'v1', kind: 'Config', clusters: [], contexts: [], users: [], preferences: {} };
  let found = 0;
  for (const f of files) {
    let text: string;
    try {
      text = fs.readFileSync(f, 'utf8');
    } catch (e: any) {
      if (e.code === 'ENOENT' && files.length > 1) continue;
      if (e.code === 'ENOENT') throw new NimbusError('NIMBUS_E_CONFIG', `no kubeconfig at ${f} (from ${source})`, { hint: 'set KUBECONFIG, kubernetes.kubeconfig or pass --kubeconfig' });
      throw new NimbusError('NIMBUS_E_CONFIG', `${f}: cannot read the kubeconfig: ${e.code ?? e.message}`);
    }
    let doc: any;
    try {
      doc = YAML.parse(text) ?? {};
    } catch (e: any) {
      throw new NimbusError('NIMBUS_E_CONFIG', `${f}: the kubeconfig is not valid YAML: ${String(e.message).split('\n')[0]}`);
    }
    if (typeof doc !== 'object' || Array.isArray(doc)) throw new NimbusError('NIMBUS_E_CONFIG', `${f}: the kubeconfig must be a YAML mapping`);
    found++;
    const dir = path.dirname(f);
    for (const key of ['clusters', 'contexts', 'users'] as const) {
      for (const entry of Array.isArray(doc[key]) ? doc[key] : []) {
        if (!entry?.name || merged[key].some((e: any) => e.name === entry.name)) continue;
        const copy = structuredClone(entry);
        absolutize(copy.cluster, dir);
        absolutize(copy.user, dir);
        merged[key].push(copy);
      }
    }
    if (!merged['current-context'] && doc['current-context']) merged['current-context'] = doc['current-context'];
  }
  if (!found) throw new NimbusError('NIMBUS_E_CONFIG', `no kubeconfig found (${files.join(', ')} from ${source})`, { hint: 'set KUBECONFIG, kubernetes.kubeconfig or pass --kubeconfig' });
  return merged;
}

/** Resolve the kubeconfig, context and namespace for one command. */
export function resolveKube(opts: KubeOptions, env: NodeJS.ProcessEnv, config?: ConfigView): KubeTarget {
  const { files, source } = kubeconfigFiles(opts, env, config);
  const doc = loadKubeconfigDoc(files, source);
  const contextName = opts.context || env.NIMBUS_KUBE_CONTEXT || config?.get<string>('kubernetes.default_context') || doc['current-context'];
  const names = doc.contexts.map((c: any) => c.name);
  if (!contextName) throw new NimbusError('NIMBUS_E_CONFIG', `the kubeconfig (${files.join(', ')}) has no current-context`, { hint: `pass --context ${names[0] ?? 'NAME'} or run nimbus k8s use-context NAME` });
  const ctx = doc.contexts.find((c: any) => c.name === contextName);
  if (!ctx) {
    const from = opts.context ? '--context' : env.NIMBUS_KUBE_CONTEXT ? "the plan's context.kube_context" : config?.get<string>('kubernetes.default_context') ? 'kubernetes.default_context' : 'current-context';
    throw new NimbusError('NIMBUS_E_CONFIG', `context "${contextName}" (from ${from}) is not in the kubeconfig (${files.join(', ')})`, { hint: names.length ? `contexts: ${names.join(', ')}` : 'the kubeconfig has no contexts' });
  }
  const clusterName = ctx.context?.cluster;
  const cluster = doc.clusters.find((c: any) => c.name === clusterName);
  if (!cluster?.cluster?.server) throw new NimbusError('NIMBUS_E_CONFIG', `context "${contextName}": cluster "${clusterName ?? ''}" is missing from the kubeconfig or has no server`);
  let namespace: string;
  let namespaceSource: KubeTarget['namespaceSource'];
  if (opts.namespace) [namespace, namespaceSource] = [opts.namespace, 'flag'];
  else if (config?.get<string>('kubernetes.default_namespace')) [namespace, namespaceSource] = [config.get<string>('kubernetes.default_namespace')!, 'config'];
  else if (ctx.context?.namespace) [namespace, namespaceSource] = [ctx.context.namespace, 'context'];
  else [namespace, namespaceSource] = ['default', 'default'];
  return { files, doc, context: contextName, cluster: clusterName, user: ctx.context?.user ?? '', server: cluster.cluster.server, namespace, namespaceSource };
}

/** A @kubernetes/client-node KubeConfig for the resolved target (auth, TLS, exec). */
export async function clientConfig(t: KubeTarget): Promise<import('@kubernetes/client-node').KubeConfig> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  const doc = structuredClone(t.doc);
  doc['current-context'] = t.context;
  // An http:// server (local clusters, the test fixture) needs skipTLSVerify in client-node.
  for (const c of doc.clusters) if (String(c.cluster?.server ?? '').startsWith('http://')) c.cluster['insecure-skip-tls-verify'] = true;
  try {
    kc.loadFromString(YAML.stringify(doc));
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_CONFIG', `the kubeconfig (${t.files.join(', ')}) cannot be used: ${e.message}`);
  }
  return kc;
}
