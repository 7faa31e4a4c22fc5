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
  gl.compileShader(s);
  if (!gl.getShaderParameter(s, gl.COMPILE_STATUS))
    throw new Error(gl.getShaderInfoLog(s) ?? 'shader');
  return s;
}

/**
 * The heavy layer: every point in one draw call. Positions are uploaded once per layout, colour
 * codes (one byte per point) once per colouring; pan and zoom only change uniforms.
 */
export class ScatterGl {
  private gl: WebGL2RenderingContext;
  private program: WebGLProgram;
  private pos: WebGLBuffer;
  private code: WebGLBuffer;
  private vao: WebGLVertexArrayObject;
  private count = 0;
  private previewCount = 0;
  private index: WebGLBuffer;
  private palette = new Float32Array(48);
  private u: Record<string, WebGLUniformLocation | null>;

  /** WebGL rasterized on the CPU (no GPU): every draw of a large map costs a long task. */
  readonly software: boolean;

  constructor(readonly canvas: HTMLCanvasElement) {
    const gl = canvas.getContext('webgl2', { antialias: false, preserveDrawingBuffer: true });
    if (!gl) throw new Error('This browser has no WebGL2, which the map needs.');
    this.gl = gl;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(
      info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    );
    this.software = /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
    const p = gl.createProgram();
    gl.attachShader(p, compile(gl, gl.VERTEX_SHADER, VERTEX));
    gl.attachShader(p, compile(gl, gl.FRAGMENT_SHADER, FRAGMENT));
    gl.linkProgram(p);
    if (!gl.getProgramParameter(p, gl.LINK_STATUS))
      throw new Error(gl.getProgramInfoLog(p) ?? 'link');
    this.program = p;
    const names = ['u_scale', 'u_offset', 'u_size', 'u_palette', 'u_alpha'];
    this.u = Object.fromEntries(names.map((n) => [n, gl.getUniformLocation(p, n)]));
    this.vao = gl.createVertexArray();
    this.pos = gl.createBuffer();
    this.code = gl.createBuffer();
    this.index = gl.createBuffer();
    gl.bindVertexArray(this.vao);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.index);
    const aPos = gl.getAttribLocation(p, 'a_pos');
    gl.bindBuffer(gl.ARRAY_BUFFER, this.pos);
    gl.enableVertexAttribArray(aPos);
    gl.vertexAttribPointer(aPos, 2, gl.FLOAT, false, 0, 0);
    const aCode = gl.getAttribLocation(p, 'a_code');
    gl.bindBuffer(gl.ARRAY_BUFFER, this.code);
    gl.enableVertexAttribArray(aCode);
    gl.vertexAttribIPointer(aCode, 1, gl.UNSIGNED_BYTE, 0, 0);
    gl.bindVertexArray(null);
  }

  setPositions(coords: Float32Array): void {
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.pos);
    gl.bufferData(gl.ARRAY_BUFFER, coords, gl.STATIC_DRAW);
    this.count = coords.length >> 1;
  }

  /** Row indices of the sample drawn while moving. */
  setPreview(rows: Uint32Array): void {
    const gl = this.gl;
    gl.bindVertexArray(this.vao);
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, rows, gl.STATIC_DRAW);
    gl.bindVertexArray(null);
    this.previewCount = rows.length;
  }

  setCodes(codes: Uint8Array): void {
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.code);
    gl.bufferData(gl.ARRAY_BUFFER, codes, gl.STATIC_DRAW);
  }

  setPalette(colors: string[]): void {
    colors.slice(0, 16).forEach((c, i) => this.palette.set(rgb(c), 3 * i));
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
    gl.viewport(0, 0, canvas.width, canvas.height);
    if (p.density) gl.clearColor(0.06, 0.07, 0.1, 1);
    else gl.clearColor(1, 1, 1, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    if (this.count === 0) return;
    if (p.preview && this.previewCount < this.count) {
      this.setup(p);
      gl.drawElements(gl.POINTS, this.previewCount, gl.UNSIGNED_INT, 0);
      gl.bindVertexArray(null);
    } else this.drawMore(p, 0, Math.min(upTo, this.count));
  }

  /** Points [first, first + count) of the full layer, over what is drawn. */
  drawMore(p: DrawParams, first: number, count: number): void {
    if (count <= 0) return;
    this.setup(p);
    this.gl.drawArrays(this.gl.POINTS, first, Math.min(count, this.count - first));
    this.gl.bindVertexArray(null);
  }

  private setup(p: DrawParams): void {
    const gl = this.gl;
    gl.useProgram(this.program);
    gl.enable(gl.BLEND);
    if (p.density) gl.blendFunc(gl.ONE, gl.ONE);
    else gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.uniform2fv(this.u.u_scale!, p.scale);
    gl.uniform2fv(this.u.u_offset!, p.offset);
    gl.uniform1f(this.u.u_size!, p.size);
    gl.uniform1f(this.u.u_alpha!, p.alpha);
    gl.uniform3fv(this.u.u_palette!, this.palette);
    gl.bindVertexArray(this.vao);
  }

  dispose(): void {
    const gl = this.gl;
    gl.deleteBuffer(this.pos);
    gl.deleteBuffer(this.code);
    gl.deleteBuffer(this.index);
    gl.deleteVertexArray(this.vao);
    gl.deleteProgram(this.program);
  }
}
