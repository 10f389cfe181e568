import { createTwoFilesPatch } from 'diff';

/** A unified diff (git style headers, no "Index"/"====" preamble, no timestamps). */
export function unifiedDiff(oldName: string, newName: string, oldText: string, newText: string, context = 3): string {
  return createTwoFilesPatch(oldName, newName, oldText, newText, undefined, undefined, { context })
    .replace(/^=+\n/, '')
    .replace(/^(---|\+\+\+) (.*?)\t$/gm, '$1 $2');
}
