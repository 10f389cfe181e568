/** A pane: a bordered box over one slice of the store, scrolled by the store. */
import { blessed, type Element, type Screen } from '../blessed.js';
import type { Store, PaneId, Slice } from '../store.js';
import { PANE_TITLES } from '../store.js';
import type { Theme } from '../theme.js';
import { windowOf } from '../text.js';

export abstract class Pane {
  readonly el: Element;
  /** Slices whose change means this pane must redraw. */
  abstract readonly slices: Slice[];
  private lastFocused?: boolean;

  constructor(
    readonly id: PaneId,
    protected screen: Screen,
    protected store: Store,
    protected theme: Theme,
  ) {
    this.el = blessed().box({
      parent: screen,
      border: { type: 'line' },
      tags: true,
      wrap: false,
      label: ` ${PANE_TITLES[id]} `,
      style: theme.border(false),
    });
  }

  /** Content width and height inside the border. */
  inner(): { width: number; height: number } {
    return { width: Math.max(1, (this.el.width as number) - 2), height: Math.max(1, (this.el.height as number) - 2) };
  }

  /** All lines of the pane, already painted, each fitting WIDTH. */
  protected abstract lines(width: number): string[];

  /** The most the pane can scroll up. */
  maxScroll(): number {
    const { width, height } = this.inner();
    return Math.max(0, this.lines(width).length - height);
  }

  protected title(): string {
    const scroll = this.store.state.scroll[this.id];
    return `${PANE_TITLES[this.id]}${scroll > 0 ? ` (scrolled ${scroll} up)` : ''}`;
  }

  /** Redraw the border (focus) and the visible window. */
  render(): void {
    const focused = this.store.state.focus === this.id;
    if (focused !== this.lastFocused) {
      this.lastFocused = focused;
      const style = this.theme.border(focused);
      if (this.theme.color) {
        this.el.style.border = style.border;
        this.el.style.label = style.label;
      }
    }
    const t = this.title();
    this.el.setLabel(focused ? ` [${t}] ` : ` ${t} `);
    this.el.setContent(this.visible().join('\n'));
  }

  protected visible(): string[] {
    const { width, height } = this.inner();
    const all = this.lines(width);
    const scroll = Math.min(this.store.state.scroll[this.id], Math.max(0, all.length - height));
    return windowOf(all, height, scroll);
  }
}
