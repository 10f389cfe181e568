import { defineTool } from '../../../core/tool.js';
import { table, age } from '../../../tui/format.js';
import { send, type AwsInput } from '../lib/session.js';
import { s3For } from '../lib/s3.js';

interface Output {
  profile: string;
  buckets: Array<{ name: string; created?: string }>;
}

export default defineTool<AwsInput, Output>({
  async run(input, ctx) {
    const { s, s3, sdk } = await s3For(input, ctx);
    const out: any = await send(s, s3, new sdk.ListBucketsCommand({}), 's3 list-buckets', ctx.signal);
    const buckets = (out.Buckets ?? []).map((b: any) => ({ name: b.Name, created: b.CreationDate ? new Date(b.CreationDate).toISOString() : undefined }));
    buckets.sort((a: any, b: any) => a.name.localeCompare(b.name));
    return { profile: s.profile, buckets };
  },
  render: (o) => (o.buckets.length ? table(['BUCKET', 'CREATED', 'AGE'], o.buckets.map((b) => [b.name, b.created?.slice(0, 10), age(b.created)])) : `No S3 buckets (profile ${o.profile}).\n`),
  summarize: (o) => `${o.buckets.length} buckets`,
});
