/**
 * A thin JSON client for the Kubernetes REST API. Authentication, TLS and the
 * connection agent come from @kubernetes/client-node's KubeConfig (so every
 * auth method it supports works); requests and responses stay raw JSON, because
 * diffs and manifests must keep every field exactly as the server returns it.
 */
import http from 'node:http';
import https from 'node:https';
import { NimbusError, type ErrorCode } from '../../../core/errors.js';
import { clientConfig, resolveKube, type KubeOptions, type KubeTarget } from './kubeconfig.js';
import { KINDS, lookupKind, apiVersionOf, type KindInfo } from './kinds.js';
import type { ConfigView } from '../../../core/config.js';

/** An error answered by the API server, with its HTTP status and Status reason. */
export class KubeApiError extends NimbusError {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly body?: any,
    code: ErrorCode = status === 404 ? 'NIMBUS_E_NOT_FOUND' : 'NIMBUS_E_EXTERNAL',
    hint?: string,
  ) {
    super(code, message, { hint, details: { status, reason } });
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** Return the response text instead of parsed JSON. */
  text?: boolean;
  signal?: AbortSignal;
}

const FIELD_MANAGER = 'nimbus';

export class KubeClient {
  private kc?: import('@kubernetes/client-node').KubeConfig;
  private discovered?: KindInfo[];

  constructor(readonly target: KubeTarget) {}

  static resolve(opts: KubeOptions, env: NodeJS.ProcessEnv, config?: ConfigView): KubeClient {
    return new KubeClient(resolveKube(opts, env, config));
  }

  get namespace(): string {
    return this.target.namespace;
  }

  async kubeConfig(): Promise<import('@kubernetes/client-node').KubeConfig> {
    return (this.kc ??= await clientConfig(this.target));
  }

  private where(): string {
    return `context ${this.target.context}`;
  }

  /** One HTTP request; API errors become KubeApiError with the server's message. */
  async request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.raw(method, path, opts);
    const text = await readAll(res);
    const status = res.statusCode ?? 0;
    if (status >= 400) throw this.apiError(status, text, method, path);
    if (opts.text) return text as T;
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new NimbusError('NIMBUS_E_EXTERNAL', `${method} ${path}: the server (${this.target.server}) did not answer JSON`);
    }
  }

  /** Start a request and return the response stream (logs -f, watch). */
  async raw(method: string, path: string, opts: RequestOptions = {}): Promise<http.IncomingMessage> {
    const kc = await this.kubeConfig();
    const base = new URL(this.target.server);
    const url = new URL(base.pathname.replace(/\/$/, '') + path, base);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const reqOpts: https.RequestOptions = {
      method,
      hostname: url.hostname,
      port: url.port || (url.protocol === 'https:' ? 443 : 80),
      path: url.pathname + url.search,
      headers: {
        Accept: opts.accept ?? 'application/json',
        'User-Agent': 'nimbus/0.1',
        ...(body !== undefined ? { 'Content-Type': opts.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}),
      },
    };
    try {
      await kc.applyToHTTPSOptions(reqOpts as any);
    } catch (e: any) {
      throw new NimbusError('NIMBUS_E_CONFIG', `${this.where()}: cannot prepare credentials: ${e.message}`);
    }
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request(reqOpts, resolve);
      req.on('error', (e: any) => {
        if (opts.signal?.aborted) return reject(new NimbusError('NIMBUS_E_TOOL', 'cancelled'));
        reject(new NimbusError('NIMBUS_E_EXTERNAL', `cannot reach the Kubernetes API at ${this.target.server} (${this.where()}): ${e.code ?? e.message}`));
      });
      opts.signal?.addEventListener('abort', () => req.destroy(), { once: true });
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  private apiError(status: number, text: string, method: string, path: string): KubeApiError {
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const reason = body?.reason ?? String(status);
    const msg = body?.message ?? (text.trim().split('\n')[0] || `HTTP ${status}`);
    if (status === 401) return new KubeApiError(status, reason, `the cluster refused the credentials of ${this.where()} (401 Unauthorized)`, body, 'NIMBUS_E_EXTERNAL', 'check the user in the kubeconfig');
    if (status === 403) return new KubeApiError(status, reason, `forbidden: ${msg}`, body);
    if (status === 404 && msg === 'the server could not find the requested resource') return new KubeApiError(status, reason, `${method} ${path}: the server could not find the requested resource`, body);
    return new KubeApiError(status, reason, msg, body, status === 404 ? 'NIMBUS_E_NOT_FOUND' : status === 422 || status === 400 ? 'NIMBUS_E_INPUT' : 'NIMBUS_E_EXTERNAL');
  }

  // --------------------------------------------------------------- kinds and paths

  /** A kind by kubectl's names; unknown names are looked up with discovery (CRDs). */
  async kind(name: string): Promise<KindInfo> {
    const known = lookupKind(name);
    if (known) return known;
    const all = await this.discover();
    const n = name.toLowerCase();
    const hit = all.find((k) => k.resource === n || k.kind.toLowerCase() === n || k.aliases.includes(n) || (k.group && n === `${k.resource}.${k.group}`));
    if (!hit) throw new NimbusError('NIMBUS_E_INPUT', `the server doesn't have a resource type "${name}"`, { hint: `known: ${KINDS.filter((k) => k.kind !== 'ControllerRevision').map((k) => k.aliases[0]).join(', ')}` });
    return hit;
  }

  /** The kind for an object's apiVersion and kind. */
  async kindOf(apiVersion: string, kind: string): Promise<KindInfo> {
    const known = KINDS.find((k) => apiVersionOf(k) === apiVersion && k.kind === kind);
    if (known) return known;
    const hit = (await this.discover()).find((k) => apiVersionOf(k) === apiVersion && k.kind === kind);
    if (!hit) throw new NimbusError('NIMBUS_E_INPUT', `no matches for kind "${kind}" in version "${apiVersion}"`, { hint: 'is the CRD installed?' });
    return hit;
  }

  private async discover(): Promise<KindInfo[]> {
    if (this.discovered) return this.discovered;
    const out: KindInfo[] = [];
    const add = (group: string, version: string, list: any) => {
      for (const r of list?.resources ?? []) {
        if (String(r.name).includes('/')) continue;
        out.push({ group, version, resource: r.name, kind: r.kind, namespaced: !!r.namespaced, aliases: [r.singularName, ...(r.shortNames ?? [])].filter(Boolean) });
      }
    };
    add('', 'v1', await this.request('GET', '/api/v1'));
    const groups = await this.request('GET', '/apis');
    for (const g of groups?.groups ?? []) {
      const pv = g.preferredVersion?.version ?? g.versions?.[0]?.version;
      if (!pv) continue;
      try {
        add(g.name, pv, await this.request('GET', `/apis/${g.name}/${pv}`));
      } catch {
        /* an unavailable aggregated API: skip it, as kubectl does */
      }
    }
    return (this.discovered = out);
  }

  path(k: KindInfo, namespace: string | undefined, name?: string, sub?: string): string {
    const base = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
    const ns = k.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${base}${ns}/${k.resource}${name ? `/${encodeURIComponent(name)}` : ''}${sub ? `/${sub}` : ''}`;
  }

  // --------------------------------------------------------------- verbs

  get<T = any>(k: KindInfo, namespace: string | undefined, name: string): Promise<T> {
    return this.request<T>('GET', this.path(k, namespace, name));
  }

  /** The object, or undefined when it does not exist. */
  async find<T = any>(k: KindInfo, namespace: string | undefined, name: string): Promise<T | undefined> {
    try {
      return await this.get<T>(k, namespace, name);
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  async list<T = any>(k: KindInfo, namespace: string | undefined, sel: { labelSelector?: string; fieldSelector?: string } = {}): Promise<T[]> {
    const res = await this.request('GET', this.path(k, namespace), { query: { labelSelector: sel.labelSelector, fieldSelector: sel.fieldSelector } });
    return (res?.items ?? []).map((o: any) => ({ apiVersion: apiVersionOf(k), kind: k.kind, ...o }));
  }

  /** Server-side apply with field manager "nimbus". */
  async apply<T = any>(obj: any, opts: { dryRun?: boolean; force?: boolean; namespace?: string } = {}): Promise<T> {
    const k = await this.kindOf(obj.apiVersion, obj.kind);
    const ns = k.namespaced ? obj.metadata?.namespace ?? opts.namespace ?? this.namespace : undefined;
    const body = k.namespaced ? { ...obj, metadata: { ...obj.metadata, namespace: ns } } : obj;
    return this.request<T>('PATCH', this.path(k, ns, obj.metadata.name), {
      body,
      contentType: 'application/apply-patch+yaml',
      query: { fieldManager: FIELD_MANAGER, force: opts.force ? true : undefined, dryRun: opts.dryRun ? 'All' : undefined, fieldValidation: 'Strict' },
    });
  }

  /** A non-apply patch. MANAGER names the operation (nimbus-scale, nimbus-rollout), as kubectl does, so it is told apart from nimbus's applies. */
  patch<T = any>(k: KindInfo, namespace: string | undefined, name: string, body: unknown, type: 'merge' | 'strategic' | 'json', opts: { sub?: string; dryRun?: boolean; manager?: string } = {}): Promise<T> {
    const ct = { merge: 'application/merge-patch+json', strategic: 'application/strategic-merge-patch+json', json: 'application/json-patch+json' }[type];
    return this.request<T>('PATCH', this.path(k, namespace, name, opts.sub), { body, contentType: ct, query: { fieldManager: opts.manager ?? FIELD_MANAGER, dryRun: opts.dryRun ? 'All' : undefined } });
  }

  delete(k: KindInfo, namespace: string | undefined, name: string): Promise<any> {
    return this.request('DELETE', this.path(k, namespace, name), { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
  }
}

function readAll(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}
