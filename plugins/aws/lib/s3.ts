import { resolveSession, client, send, awsError, type AwsInput, type AwsSession } from './session.js';
import { NimbusError } from '../../../core/errors.js';
import type { ToolContext } from '../../../core/tool.js';

export async function s3For(input: AwsInput, ctx: ToolContext, region?: string): Promise<{ s: AwsSession; s3: any; sdk: typeof import('@aws-sdk/client-s3') }> {
  const s = resolveSession(input, ctx.env, ctx.config);
  const sdk = await import('@aws-sdk/client-s3');
  const sess = region ? { ...s, region } : { ...s, region: s.region ?? 'us-east-1' };
  return { s: sess, s3: await client(sess, 's3', sdk.S3Client), sdk };
}

/** The bucket's region (GetBucketLocation), or a not-found error. */
export async function bucketRegion(bucket: string, input: AwsInput, ctx: ToolContext): Promise<string> {
  const { s, s3, sdk } = await s3For(input, ctx);
  try {
    const out: any = await s3.send(new sdk.GetBucketLocationCommand({ Bucket: bucket }), { abortSignal: ctx.signal });
    const loc = out.LocationConstraint;
    return !loc ? 'us-east-1' : loc === 'EU' ? 'eu-west-1' : loc;
  } catch (e: any) {
    if (e?.name === 'NoSuchBucket' || e?.$metadata?.httpStatusCode === 404) throw new NimbusError('NIMBUS_E_NOT_FOUND', `no S3 bucket "${bucket}" (profile ${s.profile})`);
    throw awsError(e, s, `s3 get-bucket-location ${bucket}`);
  }
}

/** Count objects and object versions (up to LIMIT) and their bytes. */
export async function bucketContents(s: AwsSession, s3: any, sdk: typeof import('@aws-sdk/client-s3'), bucket: string, signal: AbortSignal, limit = 100000): Promise<{ objects: number; versions: number; bytes: number; truncated: boolean }> {
  let objects = 0;
  let bytes = 0;
  let token: string | undefined;
  do {
    const out: any = await send(s, s3, new sdk.ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }), `s3 list-objects ${bucket}`, signal);
    for (const o of out.Contents ?? []) {
      objects++;
      bytes += Number(o.Size ?? 0);
    }
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token && objects < limit);
  let versions = 0;
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  do {
    const out: any = await send(s, s3, new sdk.ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionMarker }), `s3 list-object-versions ${bucket}`, signal);
    versions += (out.Versions ?? []).length + (out.DeleteMarkers ?? []).length;
    keyMarker = out.IsTruncated ? out.NextKeyMarker : undefined;
    versionMarker = out.IsTruncated ? out.NextVersionIdMarker : undefined;
  } while (keyMarker && versions < limit);
  return { objects, versions, bytes, truncated: objects >= limit || versions >= limit };
}

export function humanBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}
