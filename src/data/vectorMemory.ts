// Where vector columns (embeddings, probabilities) are allocated. The worker points this at
// WebAssembly memory so the SIMD neighbour scan reads them in place (see engine/neighbors);
// data/ itself knows nothing of the engine, and outside the worker a plain array is used.

type Allocate = (n: number, dim: number) => Float32Array | null;

let allocate: Allocate = () => null;

export function setVectorAllocator(a: Allocate): void {
  allocate = a;
}

/** n rows of dim float32 values, uninitialized when it comes from WebAssembly memory. */
export function allocateVectors(n: number, dim: number): Float32Array {
  return allocate(n, dim) ?? new Float32Array(n * dim);
}
