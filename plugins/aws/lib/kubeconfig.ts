import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The kubeconfig file a change goes to: the given path, the first KUBECONFIG entry, or ~/.kube/config. */
export function kubeconfigPath(given: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  if (given) return path.resolve(cwd, given.replace(/^~(?=$|\/)/, env.HOME || os.homedir()));
  const first = (env.KUBECONFIG ?? '').split(path.delimiter).find(Boolean);
  if (first) return path.resolve(cwd, first);
  return path.join(env.HOME || os.homedir(), '.kube', 'config');
}

export function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e: any) {
    if (e.code === 'ENOENT') return '';
    throw e;
  }
}

/** Upsert a named entry in a kubeconfig list (clusters, contexts, users). */
function upsert(doc: any, list: string, entry: Record<string, unknown>): void {
  const YAML = require('yaml');
  let seq = doc.get(list);
  if (!seq || !YAML.isSeq(seq)) {
    doc.set(list, doc.createNode([]));
    seq = doc.get(list);
  }
  seq.flow = false; // "contexts: []" becomes a block list once it has entries
  const idx = seq.items.findIndex((it: any) => it?.get?.('name') === entry.name);
  const node = doc.createNode(entry);
  if (idx >= 0) seq.items[idx] = node;
  else seq.items.push(node);
}

/**
 * The kubeconfig text after adding (or replacing) one cluster, its user and a
 * context, and making that context current. Other entries, comments and
 * layout are kept.
 */
export function mergeKubeconfig(oldText: string, entry: { cluster: { name: string; cluster: unknown }; user: { name: string; user: unknown }; context: { name: string; context: unknown } }): string {
  const YAML = require('yaml');
  const doc = YAML.parseDocument(oldText || '');
  if (doc.errors?.length) throw new Error(`the kubeconfig is not valid YAML: ${String(doc.errors[0].message).split('\n')[0]}`);
  if (!doc.contents || !YAML.isMap(doc.contents)) doc.contents = doc.createNode({ apiVersion: 'v1', kind: 'Config', preferences: {} });
  if (!doc.has('apiVersion')) doc.set('apiVersion', 'v1');
  if (!doc.has('kind')) doc.set('kind', 'Config');
  upsert(doc, 'clusters', entry.cluster);
  upsert(doc, 'users', entry.user);
  upsert(doc, 'contexts', entry.context);
  doc.set('current-context', entry.context.name);
  // kubectl's own layout: list items not indented under their key.
  return doc.toString({ indentSeq: false });
}

/** Diff file names like git's (a/PATH, b/PATH), also for absolute paths. */
export function diffNames(file: string): [string, string] {
  const p = file.startsWith('/') ? file : `/${file}`;
  return [`a${p}`, `b${p}`];
}
