/**
 * Coded errors thrown by the kernel. The CLI turns them into one line for
 * people (or a JSON object for scripts) and an exit code; a stack trace is
 * printed only with --debug.
 */
export type ErrorCode =
  | 'NIMBUS_E_MANIFEST' // a plugin manifest is invalid
  | 'NIMBUS_E_CONFIG' // config.yaml unreadable or invalid
  | 'NIMBUS_E_HISTORY' // history database locked or corrupted
  | 'NIMBUS_E_USAGE' // bad flags or arguments
  | 'NIMBUS_E_INPUT' // tool input malformed or failing its schema
  | 'NIMBUS_E_UNKNOWN_TOOL' // no such plugin/tool
  | 'NIMBUS_E_UNKNOWN_PLUGIN'
  | 'NIMBUS_E_PATH' // a path outside the allowed roots
  | 'NIMBUS_E_REFUSED' // refused by the safety policy or the person
  | 'NIMBUS_E_TOOL' // the tool ran and failed
  | 'NIMBUS_E_NOT_FOUND' // a file or resource does not exist
  | 'NIMBUS_E_PLUGIN' // plugin install/integrity problems
  | 'NIMBUS_E_SANDBOX' // sandbox runtime problems
  | 'NIMBUS_E_LLM' // LLM provider problems
  | 'NIMBUS_E_PLAN' // plan file problems
  | 'NIMBUS_E_EXTERNAL'; // an external binary or service failed

/** Exit codes: 0 done, 1 failed, 2 usage error, 3 refused by safety. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, REFUSED: 3 } as const;

const exitFor: Partial<Record<ErrorCode, number>> = {
  NIMBUS_E_USAGE: EXIT.USAGE,
  NIMBUS_E_INPUT: EXIT.USAGE,
  NIMBUS_E_UNKNOWN_TOOL: EXIT.USAGE,
  NIMBUS_E_UNKNOWN_PLUGIN: EXIT.USAGE,
  NIMBUS_E_REFUSED: EXIT.REFUSED,
  NIMBUS_E_PATH: EXIT.REFUSED,
};

export class NimbusError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  /** A short hint on how to fix it, appended to the one-line message. */
  readonly hint?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, opts: { hint?: string; exitCode?: number; cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = 'NimbusError';
    this.code = code;
    this.exitCode = opts.exitCode ?? exitFor[code] ?? EXIT.FAILED;
    this.hint = opts.hint;
    this.details = opts.details;
  }

  /** The one line a person sees. */
  oneLine(): string {
    const msg = this.message.replace(/\s*\n\s*/g, ' ');
    return this.hint ? `${msg} (${this.hint})` : msg;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}), exitCode: this.exitCode, ...(this.details ? { details: this.details } : {}) };
  }
}

export function isNimbusError(e: unknown): e is NimbusError {
  return e instanceof NimbusError;
}

/** Turn any thrown value into a NimbusError without losing its message. */
export function asNimbusError(e: unknown, code: ErrorCode = 'NIMBUS_E_TOOL'): NimbusError {
  if (e instanceof NimbusError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new NimbusError(code, message, { cause: e });
}
