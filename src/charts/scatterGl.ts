import { Offscreen } from './scatterOffscreen';
import { rgb } from './scatterPalette';

const VERTEX = `#version 300 es
in vec2 a_pos;
in uint a_code;
uniform vec2 u_scale;
uniform vec2 u_offset;
uniform float u_size;
uniform vec3 u_palette[16];
out vec3 v_color;
void main() {
  if (a_code == 255u) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    gl_PointSize = 0.0;
    return;
  }
  gl_Position = vec4(a_pos * u_scale + u_offset, 0.0, 1.0);
  gl_PointSize = u_size;
  v_color = u_palette[min(a_code, 15u)];
}`;

const FRAGMENT = `#version 300 es
precision mediump float;
in vec3 v_color;
uniform float u_alpha;
out vec4 o_color;
void main() {
  vec2 c = gl_PointCoord * 2.0 - 1.0;
  if (dot(c, c) > 1.0) discard;
  o_color = vec4(v_color * u_alpha, u_alpha);
}`;

export interface DrawParams {
  scale: [number, number];
  offset: [number, number];
  /** Point diameter in device pixels. */
  size: number;
  alpha: number;
  /** Draw only the preview sample (while moving). */
  preview: boolean;
  /** Additive blending on a dark ground: overplotted regions add up to brighter colour. */
  density: boolean;
}

function compile(gl: WebGL2RenderingContext, type: number, src: string): WebGLShader {
  const s = gl.createShader(type)!;
  gl.shaderSource(s, src);
  // No status query here: it would wait for the GPU process (on a software renderer, tens of
  // milliseconds of the main thread); the link's status is read once it is done (ready()).
  gl.compileShader(s);
  return s;
}

/** Bytes uploaded per frame: a million points' positions (8 MB) in one call was a long task. */
const UPLOAD_BYTES = 1 << 20;
const A_POS = 0;
const A_CODE = 1;

interface Upload {
  target: number;
  buffer: WebGLBuffer;
  bytes: Uint8Array;
  /** Bytes already on the GPU. */
  at: number;
  /** Runs once the last byte is up (the point count takes effect only then). */
  done: () => void;
}

/**
 * The heavy layer: every point in one draw call. Positions are uploaded once per layout, colour
 * codes (one byte per point) once per colouring; pan and zoom only change uniforms.
 *
 * Nothing here waits for the GPU process on the main thread (issue 15: opening the Map was one
 * 58–65 ms task on SwiftShader): the shaders compile and link while frames go on (polled with
 * KHR_parallel_shader_compile where there is one, else read a frame later), attributes have
 * fixed locations, and data goes up UPLOAD_BYTES per frame (`prepare()`); the layer draws once
 * the program is linked and every upload is done.
 */
export class ScatterGl {
  private gl: WebGL2RenderingContext;
  private program: WebGLProgram;
  private shaders: WebGLShader[];
  private parallel: { COMPLETION_STATUS_KHR: number } | null;
  /** Frames waited for the link without the extension (the status is read on the second). */
  private waited = 0;
  private pos: WebGLBuffer;
  private code: WebGLBuffer;
  private vao: WebGLVertexArrayObject;
  private count = 0;
  private previewCount = 0;
  private index: WebGLBuffer;
  private palette = new Float32Array(48);
  /** Uniform locations, once the program is linked. */
  private u: Record<string, WebGLUniformLocation | null> | null = null;
  private uploads: Upload[] = [];

  /** WebGL rasterized on the CPU (no GPU): every draw of a large map costs a long task. */
  readonly software: boolean;
  /** A software renderer draws offscreen and shows the result once done (scatterOffscreen.ts). */
  private offscreen: Offscreen | null;

  constructor(readonly canvas: HTMLCanvasElement) {
    const gl = canvas.getContext('webgl2', { antialias: false, preserveDrawingBuffer: true });
    if (!gl) throw new Error('This browser has no WebGL2, which the map needs.');
    this.gl = gl;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(
      info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    );
    this.software = /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
    this.offscreen = this.software ? new Offscreen(gl) : null;
    this.parallel = gl.getExtension('KHR_parallel_shader_compile') as {
      COMPLETION_STATUS_KHR: number;
    } | null;
    const p = gl.createProgram();
    this.shaders = [
      compile(gl, gl.VERTEX_SHADER, VERTEX),
      compile(gl, gl.FRAGMENT_SHADER, FRAGMENT),
    ];
    for (const sh of this.shaders) gl.attachShader(p, sh);
    // Fixed locations: the vertex array is set up now, without asking the linked program.
    gl.bindAttribLocation(p, A_POS, 'a_pos');
    gl.bindAttribLocation(p, A_CODE, 'a_code');
    gl.linkProgram(p);
    this.program = p;
    this.vao = gl.createVertexArray();
    this.pos = gl.createBuffer();
    this.code = gl.createBuffer();
    this.index = gl.createBuffer();
    gl.bindVertexArray(this.vao);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.index);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.pos);
    gl.enableVertexAttribArray(A_POS);
    gl.vertexAttribPointer(A_POS, 2, gl.FLOAT, false, 0, 0);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.code);
    gl.enableVertexAttribArray(A_CODE);
    gl.vertexAttribIPointer(A_CODE, 1, gl.UNSIGNED_BYTE, 0, 0);
    gl.bindVertexArray(null);
  }

  /** True once the program is linked; throws with the compiler's log if it failed. */
  private linked(): boolean {
    if (this.u) return true;
    const { gl, program: p } = this;
    if (this.parallel) {
      if (!gl.getProgramParameter(p, this.parallel.COMPLETION_STATUS_KHR)) return false;
    } else if (this.waited++ < 1) return false;
    if (!gl.getProgramParameter(p, gl.LINK_STATUS)) {
      const logs = this.shaders.map((sh) => gl.getShaderInfoLog(sh)).filter(Boolean);
      throw new Error(logs.join('\n') || gl.getProgramInfoLog(p) || 'the map shaders did not link');
    }
    const names = ['u_scale', 'u_offset', 'u_size', 'u_palette', 'u_alpha'];
    this.u = Object.fromEntries(names.map((n) => [n, gl.getUniformLocation(p, n)]));
    return true;
  }

  /**
   * One frame's share of getting ready: the link's status, then up to UPLOAD_BYTES of pending
   * data. True when the layer can be drawn (linked, nothing left to upload).
   */
  prepare(): boolean {
    const ready = this.linked();
    const up = this.uploads[0];
    if (up) {
      const { gl } = this;
      const len = Math.min(UPLOAD_BYTES, up.bytes.length - up.at);
      if (up.target === gl.ELEMENT_ARRAY_BUFFER) gl.bindVertexArray(this.vao);
      gl.bindBuffer(up.target, up.buffer);
      gl.bufferSubData(up.target, up.at, up.bytes, up.at, len);
      if (up.target === gl.ELEMENT_ARRAY_BUFFER) gl.bindVertexArray(null);
      up.at += len;
      if (up.at === up.bytes.length) {
        this.uploads.shift();
        up.done();
      }
    }
    return ready && this.uploads.length === 0;
  }

  /** Queues `data` for `buffer` (replacing a pending upload to it); allocates it now. */
  private upload(target: number, buffer: WebGLBuffer, data: ArrayBufferView, done: () => void) {
    const gl = this.gl;
    if (target === gl.ELEMENT_ARRAY_BUFFER) gl.bindVertexArray(this.vao);
    gl.bindBuffer(target, buffer);
    gl.bufferData(target, data.byteLength, gl.STATIC_DRAW);
    if (target === gl.ELEMENT_ARRAY_BUFFER) gl.bindVertexArray(null);
    this.uploads = this.uploads.filter((u) => u.buffer !== buffer);
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.uploads.push({ target, buffer, bytes, at: 0, done });
  }

  setPositions(coords: Float32Array): void {
    // Nothing is drawn from a half-uploaded buffer (its unset points would sit at the origin).
    this.count = 0;
    this.upload(this.gl.ARRAY_BUFFER, this.pos, coords, () => (this.count = coords.length >> 1));
  }

  /** Row indices of the sample drawn while moving. */
  setPreview(rows: Uint32Array): void {
    this.previewCount = 0;
    this.upload(
      this.gl.ELEMENT_ARRAY_BUFFER,
      this.index,
      rows,
      () => (this.previewCount = rows.length),
    );
  }

  setCodes(codes: Uint8Array): void {
    this.upload(this.gl.ARRAY_BUFFER, this.code, codes, () => {});
  }

  setPalette(colors: string[]): void {
    colors.slice(0, 16).forEach((c, i) => this.palette.set(rgb(c), 3 * i));
  }

  /** Still linking or uploading: a draw now would show an unfinished layer. */
  get busy(): boolean {
    return !this.u || this.uploads.length > 0;
  }

  /** Points in the full layer (for drawing it in slices). */
  get points(): number {
    return this.count;
  }

  /**
   * Clears and draws (the preview sample while moving, else every point). `upTo` stops after
   * that many points; `drawMore` continues from there without clearing, in the same order, so
   * a layer drawn in slices ends up the same picture as one drawn at once.
   */
  draw(p: DrawParams, upTo = Infinity): void {
    const { gl, canvas } = this;
    this.offscreen?.bind(canvas.width, canvas.height);
    gl.viewport(0, 0, canvas.width, canvas.height);
    if (p.density) gl.clearColor(0.06, 0.07, 0.1, 1);
    else gl.clearColor(1, 1, 1, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    if (this.count > 0 && this.u) {
      if (p.preview && this.previewCount < this.count) {
        this.setup(p);
        gl.drawElements(gl.POINTS, this.previewCount, gl.UNSIGNED_INT, 0);
        gl.bindVertexArray(null);
      } else this.drawRange(p, 0, Math.min(upTo, this.count));
    }
    this.offscreen?.sent();
  }

  /** Points [first, first + count) of the full layer, over what is drawn. */
  drawMore(p: DrawParams, first: number, count: number): void {
    const { canvas } = this;
    this.offscreen?.bind(canvas.width, canvas.height);
    this.drawRange(p, first, count);
    this.offscreen?.sent();
  }

  private drawRange(p: DrawParams, first: number, count: number): void {
    const n = Math.min(count, this.count - first);
    if (n <= 0 || !this.u) return;
    this.setup(p);
    this.gl.drawArrays(this.gl.POINTS, first, n);
    this.gl.bindVertexArray(null);
  }

  /** The draws sent so far are rasterized (always, on a GPU: they go straight to the canvas). */
  finished(): boolean {
    return this.offscreen?.done() ?? true;
  }

  /** Shows what was drawn offscreen (nothing to do on a GPU). */
  present(): void {
    this.offscreen?.present();
  }

  private setup(p: DrawParams): void {
    const gl = this.gl;
    gl.useProgram(this.program);
    gl.enable(gl.BLEND);
    if (p.density) gl.blendFunc(gl.ONE, gl.ONE);
    else gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.uniform2fv(this.u!.u_scale!, p.scale);
    gl.uniform2fv(this.u!.u_offset!, p.offset);
    gl.uniform1f(this.u!.u_size!, p.size);
    gl.uniform1f(this.u!.u_alpha!, p.alpha);
    gl.uniform3fv(this.u!.u_palette!, this.palette);
    gl.bindVertexArray(this.vao);
  }

  dispose(): void {
    const gl = this.gl;
    gl.deleteBuffer(this.pos);
    gl.deleteBuffer(this.code);
    gl.deleteBuffer(this.index);
    gl.deleteVertexArray(this.vao);
    gl.deleteProgram(this.program);
    for (const sh of this.shaders) gl.deleteShader(sh);
    this.offscreen?.dispose();
  }
}
