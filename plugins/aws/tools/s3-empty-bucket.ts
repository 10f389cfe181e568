import { defineTool } from '../../../core/tool.js';
import { send, type AwsInput } from '../lib/session.js';
import { s3For, bucketRegion, bucketContents, humanBytes } from '../lib/s3.js';

interface Input extends AwsInput {
  bucket: string;
}

/** Delete every object and object version in a bucket (the bucket itself stays). */
export default defineTool<Input, { bucket: string; deleted: number }>({
  async preview(input, ctx) {
    const region = await bucketRegion(input.bucket, input, ctx);
    const { s, s3, sdk } = await s3For(input, ctx, region);
    const c = await bucketContents(s, s3, sdk, input.bucket, ctx.signal);
    if (c.objects === 0 && c.versions === 0) return { summary: `bucket ${input.bucket} is already empty`, noop: true };
    return {
      summary: `delete all ${c.objects}${c.truncated ? '+' : ''} objects (${humanBytes(c.bytes)}) and ${c.versions} object versions in s3://${input.bucket}`,
      warnings: ['deleted objects cannot be recovered'],
    };
  },
  async run(input, ctx) {
    const region = await bucketRegion(input.bucket, input, ctx);
    const { s, s3, sdk } = await s3For(input, ctx, region);
    let deleted = 0;
    for (;;) {
      const out: any = await send(s, s3, new sdk.ListObjectVersionsCommand({ Bucket: input.bucket, MaxKeys: 1000 }), `s3 list-object-versions ${input.bucket}`, ctx.signal);
      const batch = [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])].map((v: any) => ({ Key: v.Key, VersionId: v.VersionId }));
      if (!batch.length) break;
      const res: any = await send(s, s3, new sdk.DeleteObjectsCommand({ Bucket: input.bucket, Delete: { Objects: batch, Quiet: true } }), `s3 delete-objects ${input.bucket}`, ctx.signal);
      if (res.Errors?.length) throw new Error(`s3 delete-objects ${input.bucket}: ${res.Errors.length} objects could not be deleted (first: ${res.Errors[0].Key}: ${res.Errors[0].Code})`);
      deleted += batch.length;
    }
    return { bucket: input.bucket, deleted };
  },
  render: (o) => `deleted ${o.deleted} objects and versions from s3://${o.bucket}\n`,
});
