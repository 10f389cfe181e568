/**
 * What `nimbus auth` shows for each cloud: the active profile / project /
 * subscription and where that choice came from, the region, and the identity
 * the cloud says you are (STS, gcloud config, az account) — or "not
 * configured" with the command to run. Nothing here stores a credential.
 */
import type { ConfigView } from '../../../core/config.js';

export type CloudName = 'aws' | 'gcp' | 'azure';
export const CLOUDS: CloudName[] = ['aws', 'gcp', 'azure'];

export interface CloudStatus {
  cloud: CloudName;
  /** Credentials exist and an account/profile/project is chosen. */
  configured: boolean;
  /** The identity was confirmed (STS answered, gcloud has an account, az has a subscription). */
  ok: boolean;
  /** Profile, Project or Subscription. */
  label: string;
  active?: string;
  activeFrom?: string;
  region?: string;
  regionFrom?: string;
  account?: string;
  identity?: string;
  /** One line: what is wrong. */
  problem?: string;
  /** The command that fixes it. */
  fix?: string;
  notes: string[];
}

const TITLE: Record<CloudName, string> = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' };

export async function awsStatus(env: NodeJS.ProcessEnv, config: ConfigView, timeoutMs = 10000): Promise<CloudStatus> {
  const st: CloudStatus = { cloud: 'aws', configured: false, ok: false, label: 'Profile', notes: [] };
  const { resolveSession, listProfiles, client, send } = await import('../../../plugins/aws/lib/session.js');
  const profiles = [...listProfiles(env).keys()].sort();
  if (profiles.length > 1) st.notes.push(`profiles: ${profiles.join(', ')}`);
  let s;
  try {
    s = resolveSession({}, env, config);
  } catch (e: any) {
    st.problem = e.message;
    st.fix = e.hint;
    return st;
  }
  st.active = s.credentialSource === 'env' ? 'environment keys' : s.profile;
  st.activeFrom = s.credentialSource === 'env' ? 'AWS_ACCESS_KEY_ID' : s.profileFrom;
  st.region = s.region;
  st.regionFrom = s.regionFrom;
  if (s.credentialSource === 'chain') {
    st.active = undefined;
    st.fix = 'aws configure (or aws configure sso), then nimbus auth aws --profile NAME';
    return st;
  }
  st.configured = true;
  try {
    const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const sts = await client(s, 'sts', STSClient, { maxAttempts: 1 });
    const id: any = await send(s, sts, new GetCallerIdentityCommand({}), 'sts get-caller-identity', AbortSignal.timeout(timeoutMs));
    st.account = id.Account;
    st.identity = id.Arn;
    st.ok = true;
  } catch (e: any) {
    st.problem = e.message ?? String(e);
    st.fix = e.hint;
  }
  return st;
}

export async function gcpStatus(env: NodeJS.ProcessEnv, config: ConfigView): Promise<CloudStatus> {
  const st: CloudStatus = { cloud: 'gcp', configured: false, ok: false, label: 'Project', notes: [] };
  const { runCli, gcloudEnv, gcloudError, chooseProject, GCLOUD_INSTALL } = await import('../../../plugins/gcp/lib/gcloud.js');
  const r = await runCli('gcloud', ['config', 'list', '--format=json'], gcloudEnv(env), { timeoutMs: 30000 });
  if (r.code === -2) {
    st.problem = 'gcloud is not installed';
    st.fix = GCLOUD_INSTALL;
    return st;
  }
  if (r.code !== 0) {
    const e = gcloudError(r, 'gcloud config list');
    st.problem = e.message;
    st.fix = e.hint;
    return st;
  }
  let cfg: any = {};
  try {
    cfg = JSON.parse(r.stdout || '{}');
  } catch {
    /* treated as empty */
  }
  const choice = chooseProject({}, env, config);
  st.active = choice.project ?? cfg.core?.project;
  st.activeFrom = choice.project ? choice.from : cfg.core?.project ? 'gcloud config' : undefined;
  const nimbusRegion = config.get<string>('cloud.gcp.default_region');
  st.region = nimbusRegion ?? cfg.compute?.region;
  st.regionFrom = nimbusRegion ? 'cloud.gcp.default_region' : cfg.compute?.region ? 'gcloud config' : undefined;
  const tokenFile = env.CLOUDSDK_AUTH_ACCESS_TOKEN_FILE || cfg.auth?.access_token_file;
  st.identity = cfg.core?.account ?? (tokenFile ? 'access token file' : undefined);
  if (!st.identity) {
    st.fix = 'gcloud auth login, then nimbus auth gcp --project PROJECT_ID';
    return st;
  }
  if (!st.active) {
    st.fix = 'nimbus auth gcp --project PROJECT_ID';
    st.problem = 'no project chosen';
    return st;
  }
  st.configured = true;
  st.ok = true;
  return st;
}

export async function azureStatus(env: NodeJS.ProcessEnv, config: ConfigView): Promise<CloudStatus> {
  const st: CloudStatus = { cloud: 'azure', configured: false, ok: false, label: 'Subscription', notes: [] };
  const { runAz, azError, chooseSubscription, AZ_INSTALL } = await import('../../../plugins/azure/lib/az.js');
  const choice = chooseSubscription({}, env, config);
  const r = await runAz(['account', 'show', ...(choice.subscription ? ['--subscription', choice.subscription] : []), '-o', 'json'], env, { timeoutMs: 30000 });
  const nimbusRegion = config.get<string>('cloud.azure.default_region');
  if (nimbusRegion) [st.region, st.regionFrom] = [nimbusRegion, 'cloud.azure.default_region'];
  if (r.code === -2) {
    st.problem = 'az (the Azure CLI) is not installed';
    st.fix = AZ_INSTALL;
    return st;
  }
  if (r.code !== 0) {
    const e = azError(r, 'az account show');
    if (/not signed in/.test(e.message)) {
      st.fix = 'az login, then nimbus auth azure --subscription ID';
      return st;
    }
    st.problem = e.message;
    st.fix = e.hint;
    return st;
  }
  let acct: any = {};
  try {
    acct = JSON.parse(r.stdout || '{}');
  } catch {
    /* treated as empty */
  }
  st.active = acct.name ? `${acct.name} (${acct.id})` : acct.id;
  st.activeFrom = choice.subscription ? choice.from : 'az account (default)';
  st.account = acct.tenantId ? `tenant ${acct.tenantId}` : undefined;
  st.identity = acct.user?.name ? `${acct.user.name}${acct.user.type ? ` (${acct.user.type})` : ''}` : undefined;
  st.configured = true;
  st.ok = true;
  return st;
}

export async function cloudStatus(env: NodeJS.ProcessEnv, config: ConfigView, clouds: CloudName[] = CLOUDS): Promise<CloudStatus[]> {
  const fns = { aws: awsStatus, gcp: gcpStatus, azure: azureStatus };
  return Promise.all(clouds.map((c) => fns[c](env, config).catch((e: any): CloudStatus => ({ cloud: c, configured: false, ok: false, label: '', problem: String(e?.message ?? e), notes: [] }))));
}

/** The panel from the spec, boxed; plain text (colour is added only by the caller). */
export function formatPanel(statuses: CloudStatus[], opts: { unicode?: boolean } = {}): string {
  const body: string[] = [''];
  for (const s of statuses) {
    body.push(TITLE[s.cloud]);
    if (!s.configured && !s.problem) {
      body.push('└─ Not configured');
      if (s.fix) body.push(`   Run: ${s.fix}`);
    } else {
      if (s.active) body.push(`└─ ${s.label}: ${s.active} ${s.ok ? '✓' : '✗'}${s.activeFrom && s.activeFrom !== 'default' ? `  (from ${s.activeFrom})` : ''}`);
      else body.push(`└─ ${s.label}: none chosen`);
      body.push(`   Region: ${s.region ?? 'not set'}${s.region && s.regionFrom && s.regionFrom !== 'none' ? `  (from ${s.regionFrom})` : ''}`);
      if (s.account) body.push(`   Account: ${s.account}`);
      if (s.identity) body.push(`   Identity: ${s.identity}`);
      if (s.problem) body.push(`   Problem: ${s.problem}`);
      if (s.problem && s.fix) body.push(`   Run: ${s.fix}`);
    }
    for (const n of s.notes) body.push(`   ${n}`);
    body.push('');
  }
  const title = ' Cloud Credentials ';
  const width = Math.max(56, ...body.map((l) => [...l].length + 4), title.length + 4);
  const u = opts.unicode !== false;
  const [tl, tr, bl, br, h, v] = u ? ['╭', '╮', '╰', '╯', '─', '│'] : ['+', '+', '+', '+', '-', '|'];
  const out = [`${tl}${h}${title}${h.repeat(width - title.length - 1)}${tr}`];
  for (const l of body) out.push(`${v}  ${l}${' '.repeat(width - [...l].length - 2)}${v}`);
  out.push(`${bl}${h.repeat(width)}${br}`);
  return out.join('\n') + '\n';
}
