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
}

export const SECRET_PATTERNS: SecretPattern[] = [
  { name: 'PRIVATE_KEY', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/g },
  { name: 'AWS_ACCESS_KEY', re: /\b(?:AKIA|ASIA|AIDA|AROA|ANPA|AGPA)[A-Z0-9]{16}\b/g },
  { name: 'AWS_SECRET_KEY', re: /(aws_?secret_?access_?key["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{40})\b/gi, group: 2 },
  { name: 'ANTHROPIC_KEY', re: /\bsk-ant-[A-Za-z0-9_-]{20,}\b/g },
  { name: 'OPENAI_KEY', re: /\bsk-(?:proj-|or-v1-|live-)?[A-Za-z0-9_-]{20,}\b/g },
  { name: 'GOOGLE_API_KEY', re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { name: 'GITHUB_TOKEN', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})\b/g },
  { name: 'SLACK_TOKEN', re: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g },
  { name: 'JWT', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g },
  { name: 'URL_PASSWORD', re: /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@)/gi, group: 2 },
  { name: 'BEARER', re: /(\bBearer\s+)([A-Za-z0-9._~+/=-]{16,})/g, group: 2 },
  // KEY=value lines in env files and shell (password, secret, token, api key).
  {
    name: 'ENV_SECRET',
    re: /((?:^|[\s"'{,])[A-Za-z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)[A-Za-z0-9_]*["']?\s*[:=]\s*["']?)([^\s"',}]{6,})/gi,
    group: 2,
  },
];

const PLACEHOLDER = /\[REDACTED:[A-Z_]+:\d+\]/;

export class Redactor {
  private bySecret = new Map<string, string>();
  private byPlaceholder = new Map<string, string>();
  private counters = new Map<string, number>();
  private extra: string[] = [];

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
    for (const p of SECRET_PATTERNS) {
      out = out.replace(p.re, (...m: any[]) => {
        const whole = m[0] as string;
        if (PLACEHOLDER.test(whole) && !p.group) return whole;
        if (!p.group) return this.placeholderFor(p.name, whole);
        const secret = m[p.group] as string;
        if (PLACEHOLDER.test(secret) || secret.startsWith('[REDACTED')) return whole;
        const idx = whole.lastIndexOf(secret);
        return whole.slice(0, idx) + this.placeholderFor(p.name, secret) + whole.slice(idx + secret.length);
      });
    }
    return out;
  }

  /** Redact a JSON-like value: strings are scanned; values under secret-named keys and Kubernetes Secret data are replaced. */
  redactValue<T>(value: T): T {
    const walk = (v: any, key: string | undefined, parent: any): any => {
      if (typeof v === 'string') {
        if (key && /^(password|passwd|secret|token|api_?key|apikey|access_?key|secret_?access_?key|private_?key|client_?secret|authorization)$/i.test(key) && v && !v.startsWith('${')) {
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
            out[k] = Object.fromEntries(Object.entries(x as any).map(([dk, dv]) => [dk, this.placeholderFor('K8S_SECRET', String(dv))]));
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
    return text.replace(/\[REDACTED:[A-Z_]+:\d+\]/g, (ph) => this.byPlaceholder.get(ph) ?? ph);
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
