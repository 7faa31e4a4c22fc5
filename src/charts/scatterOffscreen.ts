/**
 * Where a software renderer draws the map: an offscreen colour buffer the size of the canvas, a
 * fence after each batch of draws, and a blit to the canvas once the fence has passed.
 *
 * Why (issue 15, traced): with no GPU, Chromium composites in software and reads the canvas back
 * (glReadPixels) in the frame's commit whenever it changed; that read waits for every draw issued
 * before it, so a slice of points drawn straight to the canvas held the main thread for as long
 * as SwiftShader took to rasterize it (58–200 ms tasks on opening the Map). Drawing offscreen
 * leaves the canvas unchanged until the work is done; the blit then costs a copy.
 */
export class Offscreen {
  private fbo: WebGLFramebuffer;
  private rb: WebGLRenderbuffer;
  private w = 0;
  private h = 0;
  private fence: WebGLSync | null = null;

  constructor(private gl: WebGL2RenderingContext) {
    this.fbo = gl.createFramebuffer();
    this.rb = gl.createRenderbuffer();
  }

  /** Binds the offscreen buffer for drawing, (re)allocated at w × h device pixels. */
  bind(w: number, h: number): void {
    const gl = this.gl;
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.fbo);
    if (w === this.w && h === this.h) return;
    this.w = w;
    this.h = h;
    gl.bindRenderbuffer(gl.RENDERBUFFER, this.rb);
    gl.renderbufferStorage(gl.RENDERBUFFER, gl.RGBA8, w, h);
    gl.framebufferRenderbuffer(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.RENDERBUFFER, this.rb);
    gl.bindRenderbuffer(gl.RENDERBUFFER, null);
  }

  /** After a batch of draws: a fence to poll, and the canvas's framebuffer bound again. */
  sent(): void {
    const gl = this.gl;
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    if (this.fence) gl.deleteSync(this.fence);
    this.fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    gl.flush();
  }

  /** True once every draw sent has been rasterized (never waits: WebGL updates it per task). */
  done(): boolean {
    const gl = this.gl;
    if (!this.fence) return true;
    if (gl.getSyncParameter(this.fence, gl.SYNC_STATUS) !== gl.SIGNALED) return false;
    gl.deleteSync(this.fence);
    this.fence = null;
    return true;
  }

  /** Copies what was drawn to the canvas. */
  present(): void {
    const { gl, w, h } = this;
    if (!w || !h) return;
    gl.bindFramebuffer(gl.READ_FRAMEBUFFER, this.fbo);
    gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, null);
    gl.blitFramebuffer(0, 0, w, h, 0, 0, w, h, gl.COLOR_BUFFER_BIT, gl.NEAREST);
    gl.bindFramebuffer(gl.READ_FRAMEBUFFER, null);
  }

  dispose(): void {
    const gl = this.gl;
    if (this.fence) gl.deleteSync(this.fence);
    gl.deleteFramebuffer(this.fbo);
    gl.deleteRenderbuffer(this.rb);
  }
}
