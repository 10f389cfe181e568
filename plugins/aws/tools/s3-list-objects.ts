import { defineTool } from '../../../core/tool.js';
import { table } from '../../../tui/format.js';
import { send, type AwsInput } from '../lib/session.js';
import { s3For, bucketRegion, humanBytes } from '../lib/s3.js';

interface Input extends AwsInput {
  bucket: string;
  prefix?: string;
  max: number;
}
interface Output {
  bucket: string;
  prefix?: string;
  objects: Array<{ key: string; size: number; modified?: string; storageClass?: string }>;
  truncated: boolean;
}

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const region = await bucketRegion(input.bucket, input, ctx);
    const { s, s3, sdk } = await s3For(input, ctx, region);
    const objects: Output['objects'] = [];
    let token: string | undefined;
    let truncated = false;
    do {
      const out: any = await send(s, s3, new sdk.ListObjectsV2Command({ Bucket: input.bucket, Prefix: input.prefix, ContinuationToken: token, MaxKeys: Math.min(1000, input.max - objects.length) }), `s3 list-objects ${input.bucket}`, ctx.signal);
      for (const o of out.Contents ?? []) objects.push({ key: o.Key, size: Number(o.Size ?? 0), modified: o.LastModified ? new Date(o.LastModified).toISOString() : undefined, storageClass: o.StorageClass });
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
      if (token && objects.length >= input.max) {
        truncated = true;
        token = undefined;
      }
    } while (token);
    return { bucket: input.bucket, prefix: input.prefix, objects, truncated };
  },
  render(o) {
    if (!o.objects.length) return `s3://${o.bucket}/${o.prefix ?? ''} is empty.\n`;
    return table(['KEY', 'SIZE', 'MODIFIED', 'CLASS'], o.objects.map((x) => [x.key, humanBytes(x.size), x.modified?.replace('T', ' ').slice(0, 19), x.storageClass])) + (o.truncated ? `(first ${o.objects.length} objects; --max shows more)\n` : '');
  },
  summarize: (o) => `${o.objects.length} objects in s3://${o.bucket}/${o.prefix ?? ''}${o.truncated ? ' (truncated)' : ''}`,
});
