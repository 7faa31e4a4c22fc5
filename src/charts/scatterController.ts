import { type ZoomBehavior, type ZoomTransform, select, zoom, zoomIdentity } from 'd3';
import { nearestInDirection, nearestInGrid } from '../shared/pointGrid';
import type { LayoutResult } from '../protocol';
import { ScatterGl } from './scatterGl';
import { zoomKeys } from './scatterKeys';
import { type OverlayMarks, drawOverlay } from './scatterOverlay';
import { type Fit, clipUniforms, fitBounds, toData, toScreen } from './scatterTransform';

export type ScatterMode = 'pan' | 'box' | 'lasso';

export interface ScatterCallbacks {
  onPick: (index: number) => void;
  onSelect: (polygon: number[]) => void;
  onHover: (index: number, x: number, y: number) => void;
  /** The keyboard cursor moved to this point (-1: none). */
  onCursor: (index: number) => void;
}

/** Data-space directions of the arrow keys (y up). */
const ARROWS: Record<string, [number, number]> = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
};

const HOVER_PX = 8;
/** Points per frame when a software renderer draws the full layer. */
const SOFTWARE_SLICE = 25_000;

/**
 * The map's imperative core: WebGL layer, overlay layer, d3-zoom and pointer handling. Mouse
 * moves never reach React: they update the transform and marks here and schedule one frame.
 */
export class ScatterController {
  private gl: ScatterGl;
  private octx: CanvasRenderingContext2D;
  private zoomer: ZoomBehavior<HTMLCanvasElement, unknown>;
  private t: ZoomTransform = zoomIdentity;
  /** The transform of the last WebGL draw. */
  private drawn: ZoomTransform = zoomIdentity;
  /** Where the full layer's slices continue, and their pending frame. */
  private sliceFrom = 0;
  private sliceFrame = 0;
  private sliceTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts full-layer draws: a slice of an older one stops. */
  private layer = 0;
  private fit: Fit = { s: 1, bx: 0, by: 0 };
  private layout: LayoutResult | null = null;
  private w = 1;
  private h = 1;
  private frame = 0;
  private heavyDirty = true;
  private moving = false;
  private rest: ReturnType<typeof setTimeout> | undefined;
  private marks: OverlayMarks = {
    hover: -1,
    picked: null,
    neighbours: [],
    polygon: null,
    drawing: null,
    dark: false,
  };
  private key: (e: KeyboardEvent) => void;
  private zoomKey: (e: KeyboardEvent) => void;
  /** The keyboard cursor's point, -1 before the first arrow key. */
  private cursor = -1;
  /** Why the GL layer cannot draw (its shaders did not link), shown on the overlay. */
  private failed: string | null = null;
  mode: ScatterMode = 'pan';
  density = false;

  constructor(
    glCanvas: HTMLCanvasElement,
    private overlay: HTMLCanvasElement,
    private cb: ScatterCallbacks,
  ) {
    // Sized before the context exists: resizing a WebGL canvas reallocates its drawing buffer
    // and waits for the GPU process (twice, width then height; 35–65 ms on opening the Map).
    const box = glCanvas.parentElement;
    if (box) {
      // The content box, as the ResizeObserver will report it (the border left out).
      const r = box.getBoundingClientRect();
      const cs = getComputedStyle(box);
      const px = (...v: string[]) => v.reduce((sum, x) => sum + (parseFloat(x) || 0), 0);
      const w =
        r.width - px(cs.borderLeftWidth, cs.borderRightWidth, cs.paddingLeft, cs.paddingRight);
      const h =
        r.height - px(cs.borderTopWidth, cs.borderBottomWidth, cs.paddingTop, cs.paddingBottom);
      this.size(glCanvas, w, h);
    }
    this.gl = new ScatterGl(glCanvas);
    this.octx = overlay.getContext('2d')!;
    this.zoomer = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.5, 20000])
      .filter(
        (e: Event) => e.type === 'wheel' || (this.mode === 'pan' && !(e as MouseEvent).button),
      )
      .on('zoom', (e: { transform: ZoomTransform }) => {
        this.t = e.transform;
        // Large maps draw their preview sample while moving, and every point once at rest.
        this.moving = true;
        clearTimeout(this.rest);
        this.rest = setTimeout(() => {
          this.moving = false;
          this.request(true);
        }, 200);
        this.request(true);
      });
    select(overlay).call(this.zoomer).on('dblclick.zoom', null);
    overlay.addEventListener('pointermove', this.move);
    overlay.addEventListener('pointerleave', this.leave);
    overlay.addEventListener('pointerdown', this.down);
    overlay.addEventListener('click', this.click);
    this.zoomKey = zoomKeys(overlay, this.zoomer);
    this.key = (e) => this.onKey(e);
    overlay.addEventListener('keydown', this.key);
    overlay.tabIndex = 0;
  }

  /** Sets a canvas's pixel size, only where it changes (each assignment clears and reallocates). */
  private size(c: HTMLCanvasElement, w: number, h: number): void {
    const dpr = window.devicePixelRatio || 1;
    const pw = Math.round(Math.max(1, w) * dpr);
    const ph = Math.round(Math.max(1, h) * dpr);
    if (c.width !== pw) c.width = pw;
    if (c.height !== ph) c.height = ph;
  }

  resize(w: number, h: number): void {
    this.w = Math.max(1, w);
    this.h = Math.max(1, h);
    for (const c of [this.gl.canvas, this.overlay]) this.size(c, w, h);
    if (this.layout) this.fit = fitBounds(this.layout.bounds, this.w, this.h);
    this.request(true);
    // The keyboard cursor's tooltip follows its point to where the new size puts it.
    if (this.cursor >= 0) this.moveCursor(this.cursor);
  }

  setLayout(l: LayoutResult): void {
    this.layout = l;
    this.moveCursor(-1);
    this.gl.setPositions(l.coords);
    this.gl.setPreview(l.preview);
    this.fit = fitBounds(l.bounds, this.w, this.h);
    select(this.overlay).call(this.zoomer.transform, zoomIdentity);
    this.request(true);
  }

  setColors(codes: Uint8Array, palette: string[]): void {
    this.gl.setCodes(codes);
    this.gl.setPalette(palette);
    this.request(true);
  }

  setMarks(m: Partial<OverlayMarks>): void {
    this.marks = { ...this.marks, ...m, dark: this.density };
    this.request(false);
  }

  setDensity(on: boolean): void {
    this.density = on;
    this.setMarks({});
    this.request(true);
  }

  private request(heavy: boolean): void {
    this.heavyDirty ||= heavy;
    if (!this.frame) this.frame = requestAnimationFrame(this.render);
  }

  private render = () => {
    this.frame = 0;
    const l = this.layout;
    const n = l ? l.valid : 0;
    if (this.heavyDirty && this.moving && this.gl.software && this.t.k === this.drawn.k) {
      // A pan on a software renderer: move the last drawn frame instead of drawing again (each
      // draw is a long task on the CPU); the full draw follows once the map is at rest.
      this.heavyDirty = false;
      const dx = this.t.x - this.drawn.x;
      const dy = this.t.y - this.drawn.y;
      this.gl.canvas.style.transform = `translate(${dx}px, ${dy}px)`;
    }
    if (this.heavyDirty && !this.ready()) {
      // Linking or uploading (a frame's share each time): the last picture stays meanwhile.
      this.frame = requestAnimationFrame(this.render);
    } else if (this.heavyDirty) {
      this.heavyDirty = false;
      this.drawn = this.t;
      this.gl.canvas.style.transform = '';
      const dpr = window.devicePixelRatio || 1;
      const base = n > 200_000 ? 1.5 : n > 20_000 ? 2.5 : 4;
      const params = {
        ...clipUniforms(this.fit, this.t, this.w, this.h),
        size: base * dpr * Math.min(4, Math.sqrt(Math.max(1, this.t.k))),
        alpha: this.density ? Math.min(0.5, Math.max(0.02, 2000 / Math.max(1, n))) : 0.85,
        density: this.density,
        preview: this.moving,
      };
      // On a CPU renderer a million points take most of a second: draw them a slice at a time
      // (same order, same picture), offscreen (scatterGl); each slice is shown once rasterized
      // and the next one is sent after that frame's commit, so no frame waits for the renderer.
      // A newer draw cancels the rest.
      const slice = this.gl.software && !this.moving ? SOFTWARE_SLICE : Infinity;
      this.gl.draw(params, slice);
      const layer = ++this.layer;
      this.sliceFrom = slice;
      cancelAnimationFrame(this.sliceFrame);
      clearTimeout(this.sliceTimer);
      const show = () => {
        if (layer !== this.layer) return;
        if (!this.gl.finished()) {
          this.sliceFrame = requestAnimationFrame(show);
          return;
        }
        this.gl.present();
        if (this.sliceFrom >= this.gl.points) return;
        // New data arrived mid-layer: its own draw starts once it is up.
        if (this.gl.busy) return this.request(true);
        // A task after this frame's commit (which reads the canvas back), not inside it.
        this.sliceTimer = setTimeout(() => {
          if (layer !== this.layer) return;
          this.gl.drawMore(params, this.sliceFrom, SOFTWARE_SLICE);
          this.sliceFrom += SOFTWARE_SLICE;
          this.sliceFrame = requestAnimationFrame(show);
        }, 0);
      };
      if (this.gl.software) this.sliceFrame = requestAnimationFrame(show);
    }
    if (l) drawOverlay(this.octx, l.coords, this.fit, this.t, this.marks);
    if (this.failed) {
      this.octx.fillStyle = '#b00020';
      this.octx.font = '14px sans-serif';
      this.octx.fillText(`The map could not be drawn: ${this.failed}`, 12, 24);
    }
  };

  /**
   * The GL layer's share of getting ready this frame (false until it can draw). A program that
   * failed to link says so on the overlay instead of leaving a blank map.
   */
  private ready(): boolean {
    try {
      return this.gl.prepare();
    } catch (err) {
      this.failed = err instanceof Error ? err.message : String(err);
      this.heavyDirty = false;
      return false;
    }
  }

  /** CSS-pixel position of a pointer event on the canvas. */
  private at(e: MouseEvent): [number, number] {
    const r = this.overlay.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  private pointAt(sx: number, sy: number): number {
    const l = this.layout;
    if (!l) return -1;
    const [x, y] = toData(this.fit, this.t, sx, sy);
    return nearestInGrid(l.grid, l.coords, x, y, HOVER_PX / (this.t.k * this.fit.s));
  }

  private move = (e: PointerEvent) => {
    const [sx, sy] = this.at(e);
    if (this.marks.drawing) {
      const d = this.marks.drawing;
      if (this.mode === 'box') {
        const [x0, y0] = [d[0]!, d[1]!];
        this.setMarks({ drawing: [x0, y0, sx, y0, sx, sy, x0, sy] });
      } else this.setMarks({ drawing: [...d, sx, sy] });
      return;
    }
    const i = this.pointAt(sx, sy);
    if (i !== this.marks.hover) {
      this.setMarks({ hover: i });
      this.cb.onHover(i, sx, sy);
    }
  };

  private leave = () => {
    if (this.marks.hover >= 0) this.cb.onHover(-1, 0, 0);
    this.setMarks({ hover: -1 });
  };

  private down = (e: PointerEvent) => {
    if (this.mode === 'pan' || e.button !== 0) return;
    const [sx, sy] = this.at(e);
    this.overlay.setPointerCapture(e.pointerId);
    this.setMarks({ drawing: [sx, sy], hover: -1 });
    const up = () => {
      this.overlay.removeEventListener('pointerup', up);
      const d = this.marks.drawing ?? [];
      this.setMarks({ drawing: null });
      if (d.length < 6) return;
      const poly: number[] = [];
      for (let i = 0; i < d.length; i += 2)
        poly.push(...toData(this.fit, this.t, d[i]!, d[i + 1]!));
      this.setMarks({ polygon: poly });
      this.cb.onSelect(poly);
    };
    this.overlay.addEventListener('pointerup', up);
  };

  /**
   * Keyboard picking, as the rows grid: arrows move the cursor to the nearest point that way
   * (the first press starts at the point nearest the middle of the view), Enter opens it;
   * Shift + arrows, + − and 0 move the view.
   */
  private onKey(e: KeyboardEvent): void {
    const l = this.layout;
    const dir = ARROWS[e.key];
    if (l && dir && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      const next =
        this.cursor < 0
          ? this.nearestToMiddle()
          : nearestInDirection(l.grid, l.coords, this.cursor, dir[0], dir[1]);
      if (next >= 0) this.moveCursor(next);
    } else if (e.key === 'Enter' && this.cursor >= 0) {
      e.preventDefault();
      this.cb.onPick(this.cursor);
    } else if (e.key === 'Escape' && this.cursor >= 0) {
      this.moveCursor(-1);
    } else this.zoomKey(e);
  }

  private nearestToMiddle(): number {
    const l = this.layout!;
    const [x, y] = toData(this.fit, this.t, this.w / 2, this.h / 2);
    const b = l.bounds;
    return nearestInGrid(l.grid, l.coords, x, y, Math.hypot(b.maxX - b.minX, b.maxY - b.minY) + 1);
  }

  private moveCursor(i: number): void {
    this.cursor = i;
    this.cb.onCursor(i);
    if (i < 0 || !this.layout) {
      this.setMarks({ hover: -1 });
      this.cb.onHover(-1, 0, 0);
      return;
    }
    const c = this.layout.coords;
    let [sx, sy] = toScreen(this.fit, this.t, c[2 * i]!, c[2 * i + 1]!);
    // Off screen: pan so the cursor's point is in view (by pixels, as the arrow-key pan).
    const pad = 24;
    if (sx < pad || sx > this.w - pad || sy < pad || sy > this.h - pad) {
      const k = this.t.k;
      select(this.overlay).call(
        this.zoomer.translateBy,
        (this.w / 2 - sx) / k,
        (this.h / 2 - sy) / k,
      );
      [sx, sy] = [this.w / 2, this.h / 2];
    }
    this.setMarks({ hover: i });
    this.cb.onHover(i, sx, sy);
  }

  private click = (e: MouseEvent) => {
    if (this.mode !== 'pan') return;
    const i = this.pointAt(...this.at(e));
    if (i >= 0) this.cb.onPick(i);
  };

  destroy(): void {
    cancelAnimationFrame(this.frame);
    cancelAnimationFrame(this.sliceFrame);
    clearTimeout(this.sliceTimer);
    clearTimeout(this.rest);
    select(this.overlay).on('.zoom', null);
    this.overlay.removeEventListener('pointermove', this.move);
    this.overlay.removeEventListener('pointerleave', this.leave);
    this.overlay.removeEventListener('pointerdown', this.down);
    this.overlay.removeEventListener('click', this.click);
    this.overlay.removeEventListener('keydown', this.key);
    this.gl.dispose();
  }
}
