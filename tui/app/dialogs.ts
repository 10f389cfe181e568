/**
 * Dialogs as data in the store: the app draws the first one queued and routes
 * keys to it. Each helper returns a promise of the person's answer.
 */
import type { Store, ButtonsDialog, TextDialog } from './store.js';

export interface ButtonsOptions {
  /** Button selected when the dialog opens (default: the cancel button, so Enter alone never approves). */
  selected?: number;
  /** Answer on Escape / Ctrl-C (default: the last button). */
  cancelIndex?: number;
  /** Colour the body as a unified diff. */
  diff?: boolean;
}

export function chooseButton(store: Store, title: string, body: string, buttons: string[], opts: ButtonsOptions = {}): Promise<number> {
  if (!buttons.length) throw new RangeError('a dialog needs at least one button');
  const cancelIndex = opts.cancelIndex ?? buttons.length - 1;
  return new Promise((resolve) => {
    const d: ButtonsDialog = {
      kind: 'buttons',
      title,
      body,
      bodyIsDiff: opts.diff,
      buttons,
      selected: opts.selected ?? cancelIndex,
      cancelIndex,
      scroll: 0,
      resolve: (i) => {
        store.closeDialog(d);
        resolve(i);
      },
    };
    store.openDialog(d);
  });
}

/** A dialog where the person types a line; undefined when cancelled. */
export function askText(store: Store, title: string, body: string, prompt: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const d: TextDialog = {
      kind: 'text',
      title,
      body,
      prompt,
      text: '',
      resolve: (t) => {
        store.closeDialog(d);
        resolve(t);
      },
    };
    store.openDialog(d);
  });
}

/** Answer every open dialog with its cancel answer (quitting, Ctrl-C twice). */
export function cancelAllDialogs(store: Store): void {
  for (const d of [...store.state.dialogs]) {
    if (d.kind === 'buttons') d.resolve(d.cancelIndex);
    else d.resolve(undefined);
  }
}
