/**
 * Which AWS credentials, profile, region and endpoint a call uses, resolved the
 * way the AWS CLI resolves them, from the environment the kernel was given
 * (not process.env), so that tests and chat sessions can switch accounts.
 *
 *   profile:  --profile > AWS_PROFILE > cloud.aws.default_profile > "default"
 *   region:   --region > AWS_REGION > AWS_DEFAULT_REGION > cloud.aws.default_region > the profile's region
 *   endpoint: AWS_ENDPOINT_URL_<SERVICE> > AWS_ENDPOINT_URL > the profile's endpoint_url
 *             (none when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true)
 *   files:    AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/config, ~/.aws/credentials)
 *
 * Credentials: with a profile named anywhere, the profile (static keys, SSO,
 * assume-role, credential_process, via the SDK's fromIni); with none, static
 * keys from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then the default profile,
 * then the SDK's node chain (container / instance metadata). Nimbus never
 * stores a credential.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NimbusError } from '../../../core/errors.js';

// The SDK warns on every start that Node 22 will be required after January 2027.
// That is for us (the maintainers) to act on, not for the person at the terminal.
try {
  const core: any = await import('@aws-sdk/core/client' as string);
  if (core?.state && typeof core.state === 'object') core.state.warningEmitted = true;
} catch {
  /* a future SDK without this switch: the warning shows, nothing breaks */
}

export interface AwsInput {
  profile?: string;
  region?: string;
}

export interface ConfigLike {
  get<T = unknown>(key: string): T | undefined;
}

export type Source = 'flag' | 'env' | 'nimbus' | 'profile' | 'default' | 'none';

export interface AwsSession {
  profile: string;
  profileSource: Source;
  /** Why this profile: "--profile", "AWS_PROFILE", "cloud.aws.default_profile", "default". */
  profileFrom: string;
  region: string | undefined;
  regionFrom: string;
  /** env (static keys in the environment), profile (a profile in the files), chain (SDK default chain) or none. */
  credentialSource: 'env' | 'profile' | 'chain' | 'none';
  files: { config: string; credentials: string };
  env: NodeJS.ProcessEnv;
}

const SERVICE_ENV: Record<string, string> = {
  ec2: 'EC2',
  s3: 'S3',
  iam: 'IAM',
  sts: 'STS',
  eks: 'EKS',
  rds: 'RDS',
  cloudwatch: 'CLOUDWATCH',
  logs: 'CLOUDWATCH_LOGS',
};
export type AwsService = keyof typeof SERVICE_ENV;

/** A tiny INI reader (the AWS config and credentials format). */
export function readIni(file: string): Record<string, Record<string, string>> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const out: Record<string, Record<string, string>> = {};
  let section: Record<string, string> | undefined;
  let parentKey: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s[#;].*$/, '');
    if (!line.trim() || /^\s*[#;]/.test(line)) continue;
    const sec = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (sec) {
      section = out[sec[1]!.trim()] ??= {};
      parentKey = undefined;
      continue;
    }
    if (!section) continue;
    const kv = /^(\s*)([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const [, indent, key, value] = kv;
    if (indent && parentKey) section[`${parentKey}.${key!.trim()}`] = value!.trim();
    else {
      section[key!.trim()] = value!.trim();
      parentKey = value!.trim() === '' ? key!.trim() : undefined;
    }
  }
  return out;
}

export function awsFiles(env: NodeJS.ProcessEnv): { config: string; credentials: string } {
  const home = env.HOME || os.homedir();
  return {
    config: env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'),
  };
}

/** Every profile named in the config and credentials files, with its settings merged. */
export function listProfiles(env: NodeJS.ProcessEnv): Map<string, Record<string, string> & { __in: string }> {
  const files = awsFiles(env);
  const out = new Map<string, Record<string, string> & { __in: string }>();
  const cfg = readIni(files.config);
  for (const [name, values] of Object.entries(cfg)) {
    const m = /^profile\s+(.+)$/.exec(name);
    const p = m ? m[1]!.trim() : name === 'default' ? 'default' : undefined;
    if (!p) continue;
    out.set(p, { ...values, __in: 'config' });
  }
  for (const [name, values] of Object.entries(readIni(files.credentials))) {
    const prev = out.get(name);
    out.set(name, { ...(prev ?? {}), ...values, __in: prev ? 'both' : 'credentials' });
  }
  return out;
}

export function resolveSession(input: AwsInput, env: NodeJS.ProcessEnv, config?: ConfigLike): AwsSession {
  const files = awsFiles(env);
  let profile: string;
  let profileSource: Source;
  let profileFrom: string;
  const nimbusProfile = config?.get<string>('cloud.aws.default_profile');
  if (input.profile) [profile, profileSource, profileFrom] = [input.profile, 'flag', '--profile'];
  else if (env.AWS_PROFILE) [profile, profileSource, profileFrom] = [env.AWS_PROFILE, 'env', 'AWS_PROFILE'];
  else if (nimbusProfile) [profile, profileSource, profileFrom] = [nimbusProfile, 'nimbus', 'cloud.aws.default_profile'];
  else [profile, profileSource, profileFrom] = ['default', 'default', 'default'];

  const profiles = listProfiles(env);
  const settings = profiles.get(profile);
  const named = profileSource !== 'default';
  if (named && !settings) {
    throw new NimbusError('NIMBUS_E_EXTERNAL', `AWS profile "${profile}" (from ${profileFrom}) is not in ${files.config} or ${files.credentials}`, {
      hint: `run: aws configure --profile ${profile}`,
      exitCode: 2,
    });
  }
  const hasEnvKeys = Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
  const credentialSource: AwsSession['credentialSource'] = named ? 'profile' : hasEnvKeys ? 'env' : settings ? 'profile' : 'chain';

  let region: string | undefined;
  let regionFrom: string;
  const nimbusRegion = config?.get<string>('cloud.aws.default_region');
  if (input.region) [region, regionFrom] = [input.region, '--region'];
  else if (env.AWS_REGION) [region, regionFrom] = [env.AWS_REGION, 'AWS_REGION'];
  else if (env.AWS_DEFAULT_REGION) [region, regionFrom] = [env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION'];
  else if (nimbusRegion) [region, regionFrom] = [nimbusRegion, 'cloud.aws.default_region'];
  else if (settings?.region) [region, regionFrom] = [settings.region, `profile ${profile}`];
  else [region, regionFrom] = [undefined, 'none'];

  return { profile, profileSource, profileFrom, region, regionFrom, credentialSource, files, env };
}

/** The region, or a one-line usage error naming every way to set it. */
export function requireRegion(s: AwsSession): string {
  if (s.region) return s.region;
  throw new NimbusError('NIMBUS_E_USAGE', `no AWS region for profile "${s.profile}"`, {
    hint: `pass --region, set AWS_REGION, add "region = …" to the profile in ${s.files.config}, or run: nimbus auth aws --profile ${s.profile} --region REGION`,
  });
}

/** The endpoint URL for SERVICE, when one is configured (this is how tests reach moto). */
export function endpointFor(s: AwsSession, service: AwsService): string | undefined {
  const env = s.env;
  if (/^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '')) return undefined;
  const specific = env[`AWS_ENDPOINT_URL_${SERVICE_ENV[service]}`];
  if (specific) return specific;
  if (env.AWS_ENDPOINT_URL) return env.AWS_ENDPOINT_URL;
  const settings = listProfiles(env).get(s.profile);
  return settings?.endpoint_url || undefined;
}

/** A credential provider for the session (lazy: nothing is read until a call needs it). */
export async function credentialsFor(s: AwsSession): Promise<any> {
  const env = s.env;
  if (s.credentialSource === 'env') {
    return { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY!, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
  }
  const { fromIni, fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  const stsEndpoint = endpointFor(s, 'sts');
  const clientConfig = { region: s.region ?? 'us-east-1', ...(stsEndpoint ? { endpoint: stsEndpoint } : {}) };
  if (s.credentialSource === 'profile') {
    return fromIni({ profile: s.profile, filepath: s.files.credentials, configFilepath: s.files.config, ignoreCache: true, clientConfig });
  }
  return fromNodeProviderChain({ filepath: s.files.credentials, configFilepath: s.files.config, clientConfig } as any);
}

/** Build an SDK v3 client for SERVICE with the session's region, credentials and endpoint. */
export async function client<T>(s: AwsSession, service: AwsService, Ctor: new (cfg: any) => T, extra: Record<string, unknown> = {}): Promise<T> {
  const endpoint = endpointFor(s, service);
  const cfg: Record<string, unknown> = {
    region: service === 'iam' || service === 'sts' ? s.region ?? 'us-east-1' : requireRegion(s),
    credentials: await credentialsFor(s),
    maxAttempts: 3,
    ...(endpoint ? { endpoint } : {}),
    ...(service === 's3' && endpoint ? { forcePathStyle: true } : {}),
    ...extra,
  };
  return new Ctor(cfg);
}

/** Turn an SDK failure into one clear line (with the command that fixes it where there is one). */
export function awsError(e: any, s: AwsSession, what: string): NimbusError {
  if (e instanceof NimbusError) return e;
  const name: string = e?.name ?? e?.Code ?? 'Error';
  const msg = String(e?.message ?? e).split('\n')[0]!;
  const profileFlag = s.profile !== 'default' ? ` --profile ${s.profile}` : '';
  if (name === 'CredentialsProviderError' || /Could not load credentials|Unable to locate credentials/i.test(msg)) {
    const sso = /sso|token/i.test(msg);
    return new NimbusError('NIMBUS_E_EXTERNAL', `AWS: no usable credentials for profile "${s.profile}" (${msg})`, { hint: sso ? `run: aws sso login${profileFlag}` : `run: aws configure${profileFlag}` });
  }
  if (/^(ExpiredToken|ExpiredTokenException|RequestExpired)$/.test(name) || /token.*expired|expired.*token/i.test(msg)) {
    return new NimbusError('NIMBUS_E_EXTERNAL', `AWS: the credentials of profile "${s.profile}" have expired`, { hint: `run: aws sso login${profileFlag} (or refresh the keys)` });
  }
  if (/^(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|AuthFailure|InvalidAccessKeyId)$/.test(name)) {
    return new NimbusError('NIMBUS_E_EXTERNAL', `AWS rejected the credentials of profile "${s.profile}": ${msg}`, { hint: `run: aws configure${profileFlag}` });
  }
  const code = e?.code ?? e?.cause?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT' || name === 'TimeoutError') {
    return new NimbusError('NIMBUS_E_EXTERNAL', `AWS: cannot reach the ${what} endpoint (${code ?? name}: ${msg})`, { hint: 'check the network, or AWS_ENDPOINT_URL if you set one' });
  }
  if (/NotFound|NoSuch/i.test(name)) return new NimbusError('NIMBUS_E_NOT_FOUND', `${what}: ${name}: ${msg}`);
  if (/AccessDenied|UnauthorizedOperation|Forbidden/i.test(name)) return new NimbusError('NIMBUS_E_EXTERNAL', `${what}: access denied for profile "${s.profile}": ${msg}`);
  return new NimbusError('NIMBUS_E_EXTERNAL', `${what}: ${name}: ${msg}`, { cause: e });
}

/** Send COMMAND with CLIENT, mapping failures to one line. */
export async function send<O>(s: AwsSession, c: { send(cmd: any, opts?: any): Promise<any> }, cmd: any, what: string, signal?: AbortSignal): Promise<O> {
  try {
    return (await c.send(cmd, signal ? { abortSignal: signal } : undefined)) as O;
  } catch (e) {
    throw awsError(e, s, what);
  }
}

/** JSON-schema properties every AWS tool accepts. */
export const AWS_INPUT_PROPS = {
  profile: { type: 'string', minLength: 1, description: 'AWS profile from ~/.aws/config (default: AWS_PROFILE, then cloud.aws.default_profile, then "default").' },
  region: { type: 'string', minLength: 1, description: 'AWS region (default: AWS_REGION, then cloud.aws.default_region, then the profile\'s region).' },
};
