/**
 * Secret redaction. Used before anything is written to history or logs, and
 * (by the LLM layer) before anything is sent to a model provider.
 *
 * Each secret is replaced by a stable placeholder: the same secret always maps
 * to the same placeholder within one Redactor, so a conversation stays coherent
 * and the local side can map placeholders back when a tool needs the value.
 */
export interface SecretPattern {
  name: string;
  re: RegExp;
  /** Index of the capture group holding the secret (0 = whole match). */
  group?: number;
  /** Leave this match alone (e.g. a key name that only looks secret, such as secretName). */
  skip?: (match: string[]) => boolean;
  /** Cheap pre-check: the pattern can only match text containing one of these (lower-case) strings. */
  hint?: string[];
}

/** Keys that name or point at a secret without holding one (Kubernetes secretName, a password_file path …). */
const NOT_A_SECRET_KEY = /(?:name|names|ref|refs|class|seconds|path|file|mode|source|type|policy|length|count|enabled|rotation|arn|id|ttl|expir\w*|version|provider|store|mount|volume|template|header|prefix|suffix|format|limit|url|endpoint)["']?[ \t]*[:=][ \t]*["']?$/i;

export const SECRET_PATTERNS: SecretPattern[] = [
  { name: 'PRIVATE_KEY', hint: ['private key-----'], re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/g },
  { name: 'AWS_ACCESS_KEY', hint: ['akia', 'asia', 'aida', 'aroa', 'anpa', 'agpa'], re: /\b(?:AKIA|ASIA|AIDA|AROA|ANPA|AGPA)[A-Z0-9]{16}\b/g },
  { name: 'AWS_SECRET_KEY', hint: ['secret'], re: /(aws_?secret_?access_?key["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{40})\b/gi, group: 2 },
  { name: 'ANTHROPIC_KEY', hint: ['sk-ant-'], re: /\bsk-ant-[A-Za-z0-9_-]{20,}\b/g },
  { name: 'OPENAI_KEY', hint: ['sk-'], re: /\bsk-(?:proj-|or-v1-|live-)?[A-Za-z0-9_-]{20,}\b/g },
  { name: 'STRIPE_KEY', hint: ['_live_', '_test_'], re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { name: 'GOOGLE_API_KEY', hint: ['aiza'], re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { name: 'GOOGLE_OAUTH_TOKEN', hint: ['ya29.'], re: /\bya29\.[A-Za-z0-9_-]{20,}/g },
  { name: 'GITHUB_TOKEN', hint: ['gh', 'github_pat_'], re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})\b/g },
  { name: 'GITLAB_TOKEN', hint: ['glpat-'], re: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { name: 'NPM_TOKEN', hint: ['npm_'], re: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { name: 'VAULT_TOKEN', hint: ['hvs.', 'hvb.'], re: /\bhv[sb]\.[A-Za-z0-9_-]{20,}\b/g },
  { name: 'TERRAFORM_TOKEN', hint: ['.atlasv1.'], re: /\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]{40,}/g },
  { name: 'SLACK_TOKEN', hint: ['xox'], re: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g },
  { name: 'JWT', hint: ['eyj'], re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g },
  { name: 'URL_PASSWORD', hint: ['://'], re: /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@)/gi, group: 2 },
  // Tokens in URL query strings: ?token=, &access_token=, presigned S3 and Azure SAS signatures.
  { name: 'URL_QUERY_SECRET', hint: ['='], re: /([?&](?:access_token|id_token|refresh_token|token|api_?key|apikey|key|password|passwd|secret|client_secret|sig|signature|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|X-Goog-Signature)=)([^&\s"'#<>]{6,})/gi, group: 2 },
  { name: 'BEARER', hint: ['bearer'], re: /(\bBearer\s+)([A-Za-z0-9._~+/=-]{16,})/g, group: 2 },
  { name: 'BASIC_AUTH', hint: ['basic'], re: /(\bBasic\s+)([A-Za-z0-9+/=]{12,})/g, group: 2 },
  { name: 'AZURE_KEY', hint: ['key=', 'signature='], re: /((?:AccountKey|SharedAccessKey|SharedAccessSignature)=)([^;\s"']{16,})/g, group: 2 },
  // Docker config.json: "auth": "base64(user:pass)".
  { name: 'DOCKER_AUTH', hint: ['"auth"'], re: /("auth"\s*:\s*")([A-Za-z0-9+/=]{12,})(")/g, group: 2 },
  // kubeconfig: client-key-data carries a private key.
  { name: 'KUBECONFIG_KEY', hint: ['client-key'], re: /((?:client-key-data|client-key)\s*:\s*)([A-Za-z0-9+/=]{16,})/g, group: 2 },
  // .netrc: machine HOST login USER password SECRET
  { name: 'NETRC_PASSWORD', hint: ['machine'], re: /(\bmachine\s+\S+\s+login\s+\S+\s+password\s+)(\S+)/g, group: 2 },
  // KEY=value lines in env files and shell, KEY: value in YAML, "key": "value" in JSON (password, secret, token, api key …).
  {
    name: 'ENV_SECRET', hint: ['pass', 'secret', 'token', 'key', 'credential'],
    re: /((?:^|[\s"'{,?&;:])[A-Za-z0-9_.-]*(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API[_-]?KEY|ACCESS[_-]?KEY|ACCOUNT[_-]?KEY|PRIVATE[_-]?KEY|CREDENTIALS?|AUTH[_-]?KEY)[A-Za-z0-9_.-]*["']?[ \t]*[:=][ \t]*["']?)((?!(?:true|false|null|none|\d+)(?![^\s"',}]))[^\s"',}]{6,})/gi,
    group: 2,
    skip: (m) => NOT_A_SECRET_KEY.test(m[1] ?? '') || /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(m[2] ?? ''),
  },
];

const PLACEHOLDER = /\[REDACTED:[A-Z_]+:\d+\]/;
const PLACEHOLDER_SPLIT = /(\[REDACTED:[A-Z_]+:\d+\])/;

export class Redactor {
  private bySecret = new Map<string, string>();
  private byPlaceholder = new Map<string, string>();
  private counters = new Map<string, number>();
  private extra: string[] = [];

  /** The exact values this redactor also replaces (from addKnownSecrets). */
  get knownSecrets(): readonly string[] {
    return this.extra;
  }

  /** Also redact these exact values (e.g. keys from config or env). */
  addKnownSecrets(values: Iterable<string | undefined>): void {
    for (const v of values) if (v && v.length >= 6 && !this.extra.includes(v)) this.extra.push(v);
    this.extra.sort((a, b) => b.length - a.length);
  }

  private placeholderFor(kind: string, secret: string): string {
    const known = this.bySecret.get(secret);
    if (known) return known;
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    const ph = `[REDACTED:${kind}:${n}]`;
    this.bySecret.set(secret, ph);
    this.byPlaceholder.set(ph, secret);
    return ph;
  }

  redactText(text: string): string {
    let out = text;
    for (const s of this.extra) if (out.includes(s)) out = out.split(s).join(this.placeholderFor('KNOWN_SECRET', s));
    if (/kind/.test(out) && /Secret/.test(out)) out = this.redactK8sSecretText(out);
    // No pattern matches fewer than 6 characters.
    if (out.length < 6) return out;
    let lower = out.toLowerCase();
    for (const p of SECRET_PATTERNS) {
      if (p.hint && !p.hint.some((h) => lower.includes(h))) continue;
      const replace = (seg: string) => seg.replace(p.re, (...m: any[]) => {
        const whole = m[0] as string;
        if (p.skip?.(m.slice(0, -2) as string[])) return whole;
        if (PLACEHOLDER.test(whole) && !p.group) return whole;
        if (!p.group) return this.placeholderFor(p.name, whole);
        const secret = m[p.group] as string;
        if (PLACEHOLDER.test(secret) || secret.startsWith('[REDACTED')) return whole;
        const idx = whole.lastIndexOf(secret);
        return whole.slice(0, idx) + this.placeholderFor(p.name, secret) + whole.slice(idx + secret.length);
      });
      // Placeholders already in the text are never touched (nor read as a key or value).
      const next = out.includes('[REDACTED:') ? out.split(PLACEHOLDER_SPLIT).map((seg, i) => (i % 2 === 1 ? seg : replace(seg))).join('') : replace(out);
      if (next !== out) {
        out = next;
        lower = out.toLowerCase();
      }
    }
    return out;
  }

  /**
   * Kubernetes Secret manifests in text (YAML documents, or JSON as kubectl
   * prints it): every value under data / stringData is replaced, whatever its key.
   */
  private redactK8sSecretText(text: string): string {
    const trimmed = text.trim();
    if (trimmed.startsWith('{') && /"kind"\s*:\s*"Secret"/.test(text)) {
      try {
        const parsed = JSON.parse(trimmed);
        return JSON.stringify(this.redactValue(parsed), null, 2);
      } catch {
        /* JSON inside other text: handled below */
      }
    }
    if (/"kind"\s*:\s*"Secret"/.test(text)) {
      text = text.replace(/("(?:data|stringData)"\s*:\s*\{)([^{}]*)(\})/g, (_w, open: string, inner: string, close: string) =>
        open + inner.replace(/("[^"]+"\s*:\s*")((?:[^"\\]|\\.)*)(")/g, (w2: string, a: string, v: string, c: string) => (PLACEHOLDER.test(v) ? w2 : a + this.placeholderFor('K8S_SECRET', v) + c)) + close,
      );
    }
    if (!/^\s*-?\s*kind:\s*["']?Secret["']?\s*$/m.test(text)) return text;
    return text
      .split(/(^---[^\n]*$)/m)
      .map((doc) => {
        if (!/^\s*-?\s*kind:\s*["']?Secret["']?\s*$/m.test(doc)) return doc;
        const lines = doc.split('\n');
        let blockIndent = -1; // indent of the data:/stringData: key while inside its block
        let scalarIndent = -1; // inside a "key: |" block scalar under data
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i]!;
          const indent = line.length - line.trimStart().length;
          if (line.trim() === '') continue;
          if (scalarIndent >= 0) {
            if (indent > scalarIndent) {
              lines[i] = line.slice(0, indent) + this.placeholderFor('K8S_SECRET', line.trim());
              continue;
            }
            scalarIndent = -1;
          }
          if (blockIndent >= 0) {
            if (indent > blockIndent) {
              const m = /^(\s*[^\s:#][^:]*:\s*)(.*)$/.exec(line);
              if (m) {
                const value = m[2]!.trim();
                if (/^[|>][-+]?\d*$/.test(value)) scalarIndent = indent;
                else if (value && !PLACEHOLDER.test(value)) lines[i] = m[1] + this.placeholderFor('K8S_SECRET', value.replace(/^["']|["']$/g, ''));
              }
              continue;
            }
            blockIndent = -1;
          }
          const key = /^(\s*-?\s*)(data|stringData):\s*$/.exec(line);
          if (key) blockIndent = key[1]!.replace('-', ' ').length;
        }
        return lines.join('\n');
      })
      .join('');
  }

  /** Redact a JSON-like value: strings are scanned; values under secret-named keys and Kubernetes Secret data are replaced. */
  redactValue<T>(value: T): T {
    const walk = (v: any, key: string | undefined, parent: any): any => {
      if (typeof v === 'string') {
        if (key && /^(password|passwd|secret|token|api_?key|apikey|access_?key|secret_?access_?key|private_?key|client_?secret|authorization)$/i.test(key) && v && !v.startsWith('${') && !/^\[REDACTED:[A-Z_]+:\d+\]$/.test(v)) {
          return this.placeholderFor('FIELD_' + key.toUpperCase().replace(/[^A-Z]/g, '_'), v);
        }
        return this.redactText(v);
      }
      if (Array.isArray(v)) return v.map((x) => walk(x, undefined, v));
      if (v && typeof v === 'object') {
        const isK8sSecret = v.kind === 'Secret' && (v.data || v.stringData);
        const out: any = {};
        for (const [k, x] of Object.entries(v)) {
          if (isK8sSecret && (k === 'data' || k === 'stringData') && x && typeof x === 'object') {
            out[k] = Object.fromEntries(Object.entries(x as any).map(([dk, dv]) => [dk, /^\[REDACTED:[A-Z_]+:\d+\]$/.test(String(dv)) ? dv : this.placeholderFor('K8S_SECRET', String(dv))]));
          } else out[k] = walk(x, k, v);
        }
        return out;
      }
      void parent;
      return v;
    };
    return walk(value, undefined, undefined);
  }

  /** Map placeholders back to real values (local side only). */
  restoreText(text: string): string {
    let out = text;
    // A secret may itself have held a placeholder (a redacted field inside a redacted value): undo every layer.
    for (let i = 0; i < 4 && PLACEHOLDER.test(out); i++) {
      const next = out.replace(/\[REDACTED:[A-Z_]+:\d+\]/g, (ph) => this.byPlaceholder.get(ph) ?? ph);
      if (next === out) break;
      out = next;
    }
    return out;
  }

  restoreValue<T>(value: T): T {
    const walk = (v: any): any => {
      if (typeof v === 'string') return this.restoreText(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      return v;
    };
    return walk(value);
  }
}

/** One-shot redaction with a fresh redactor plus secrets from the environment. */
export function redact<T>(value: T, env: NodeJS.ProcessEnv = process.env): T {
  const r = new Redactor();
  r.addKnownSecrets(knownSecretsFromEnv(env));
  return r.redactValue(value);
}

export function knownSecretsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(env)) {
    if (v && /(API_KEY|TOKEN|SECRET|PASSWORD|ACCESS_KEY)/i.test(k) && v.length >= 8) out.push(v);
  }
  return out;
}
