/**
 * The fetch every provider SDK is given. All four SDKs accept a custom fetch,
 * so retries, backoff, Retry-After, timeouts and cancellation work the same way
 * for every provider (the SDKs' own retries are turned off).
 */
import type { ProviderName, RetryInfo } from './types.js';

/** Statuses worth retrying: rate limits, overload and server errors. */
export const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504, 529]);
/** Network error codes worth retrying. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'ENETUNREACH', 'EHOSTUNREACH']);
/** A Retry-After longer than this is not waited for: the error is reported instead. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** A failure below HTTP: the connection, a timeout, or a stream that went silent. */
export class LlmTransportError extends Error {
  constructor(
    readonly kind: 'network' | 'timeout' | 'idle',
    readonly url: string,
    readonly code: string | undefined,
    message: string,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'LlmTransportError';
  }
}

export interface RetryingFetchOptions {
  provider: ProviderName;
  timeoutMs: number;
  maxRetries: number;
  onRetry?: (info: RetryInfo) => void;
  /** First backoff delay when the server gives no Retry-After. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  fetchImpl?: typeof fetch;
}

/** The delay a response asks for (retry-after-ms, then Retry-After seconds or HTTP date), in ms. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = headers.get('retry-after');
  if (!ra) return undefined;
  const secs = Number(ra);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const date = Date.parse(ra);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

export function backoffMs(attempt: number, base = 500, max = 8000): number {
  const exp = Math.min(max, base * 2 ** attempt);
  return Math.round(exp * (0.75 + Math.random() * 0.25));
}

function errCode(e: any): string | undefined {
  for (let cur = e, i = 0; cur && i < 5; cur = cur.cause, i++) {
    if (typeof cur.code === 'string') return cur.code;
  }
  return undefined;
}

function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason ?? new DOMException('aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A fetch with per-attempt timeouts (until the response headers arrive, then
 * between body chunks), retries with exponential backoff that honour
 * Retry-After, and the caller's AbortSignal respected throughout.
 */
export function retryingFetch(opts: RetryingFetchOptions): typeof fetch {
  const base = opts.fetchImpl ?? fetch;
  const { provider, timeoutMs, maxRetries } = opts;
  return async function nimbusFetch(input: any, init: any = {}): Promise<Response> {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : String(input?.url ?? input);
    const callerSignal: AbortSignal | undefined = init?.signal ?? undefined;
    const replayable = init?.body === undefined || init?.body === null || typeof init.body === 'string' || init.body instanceof Uint8Array || init.body instanceof URLSearchParams;
    const retries = replayable ? maxRetries : 0;
    for (let attempt = 0; ; attempt++) {
      const controller = new AbortController();
      let timedOut = false;
      const onCallerAbort = () => controller.abort(callerSignal!.reason);
      if (callerSignal?.aborted) throw callerSignal.reason ?? new DOMException('aborted', 'AbortError');
      callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
      const headerTimer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error('timeout'));
      }, timeoutMs);
      let res: Response;
      try {
        res = await base(url, { ...init, signal: controller.signal });
      } catch (e: any) {
        clearTimeout(headerTimer);
        callerSignal?.removeEventListener('abort', onCallerAbort);
        if (callerSignal?.aborted) throw e;
        const code = timedOut ? 'ETIMEDOUT' : errCode(e);
        const retryable = timedOut || (code !== undefined && RETRYABLE_CODES.has(code)) || /fetch failed|socket|terminated/i.test(String(e?.message));
        if (retryable && attempt < retries) {
          const delayMs = backoffMs(attempt, opts.baseDelayMs, opts.maxDelayMs);
          opts.onRetry?.({ provider, attempt: attempt + 1, delayMs, reason: timedOut ? 'timeout' : code ?? 'network error' });
          await sleep(delayMs, callerSignal);
          continue;
        }
        if (timedOut) throw new LlmTransportError('timeout', url, 'ETIMEDOUT', `no response within ${Math.round(timeoutMs / 1000)} s`, attempt + 1);
        throw new LlmTransportError('network', url, code, describeNetwork(code, e), attempt + 1);
      }
      clearTimeout(headerTimer);
      if (RETRYABLE_STATUS.has(res.status) && attempt < retries) {
        const asked = retryAfterMs(res.headers);
        if (asked === undefined || asked <= MAX_RETRY_AFTER_MS) {
          const delayMs = asked ?? backoffMs(attempt, opts.baseDelayMs, opts.maxDelayMs);
          await res.arrayBuffer().catch(() => undefined);
          callerSignal?.removeEventListener('abort', onCallerAbort);
          opts.onRetry?.({ provider, attempt: attempt + 1, delayMs, reason: `HTTP ${res.status}${asked !== undefined ? ', Retry-After' : ''}` });
          await sleep(delayMs, callerSignal);
          continue;
        }
      }
      if (!res.body) {
        callerSignal?.removeEventListener('abort', onCallerAbort);
        return res;
      }
      return withIdleTimeout(res, timeoutMs, controller, url, attempt + 1, () => callerSignal?.removeEventListener('abort', onCallerAbort));
    }
  } as typeof fetch;
}

function describeNetwork(code: string | undefined, e: any): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connection timed out';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `TLS certificate problem (${code})`;
    default:
      return code ? `network error (${code})` : String(e?.cause?.message ?? e?.message ?? e);
  }
}

/** Pass the body through, failing it when no byte arrives for timeoutMs. */
function withIdleTimeout(res: Response, timeoutMs: number, controller: AbortController, url: string, attempts: number, done: () => void): Response {
  const reader = res.body!.getReader();
  let timer: NodeJS.Timeout | undefined;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    done();
  };
  const body = new ReadableStream<Uint8Array>({
    async pull(ctrl) {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const err = new LlmTransportError('idle', url, 'ETIMEDOUT', `the stream went silent for ${Math.round(timeoutMs / 1000)} s`, attempts);
        finish();
        ctrl.error(err);
        controller.abort(err);
        reader.cancel(err).catch(() => undefined);
      }, timeoutMs);
      try {
        const { done: end, value } = await reader.read();
        clearTimeout(timer);
        if (end) {
          finish();
          ctrl.close();
        } else ctrl.enqueue(value);
      } catch (e) {
        finish();
        try {
          ctrl.error(e);
        } catch {
          /* already errored by the idle timer */
        }
      }
    },
    cancel(reason) {
      finish();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}
