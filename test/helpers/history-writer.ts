/** Child process for history tests: append COUNT records through the real History class. */
import { History } from '../../core/history.js';

const [file, countArg, tag] = process.argv.slice(2);
const count = Number(countArg);
const h = History.open({ file: file! });
process.send?.('ready');
for (let i = 0; i < count; i++) {
  h.record({ type: 'test', command: `writer ${tag} #${i}`, input: { i, tag, pad: 'x'.repeat(200) }, output: `record ${i}`, status: 'success', duration_ms: i });
}
h.close();
