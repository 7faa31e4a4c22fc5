// The second Parquet decoder (parquetHelper.ts): a worker started by the engine worker that turns
// one row group's small Parquet file (parquetSplit.ts) into an Arrow IPC stream with arrow-rs,
// while the engine worker decodes other groups on the other core. It checks nothing and decides
// nothing: the engine worker checked the group's pages before sending it, and any failure here
// sends the group back to be decoded there, with the usual fallbacks and messages.
import init, { readParquet } from 'parquet-wasm';

type Message =
  { module: WebAssembly.Module | null } | { id: number; file: Uint8Array } | { cancel: number };

// The first message is the engine worker's compiled wasm (instantiated here, not compiled again);
// without one, parquet-wasm fetches and compiles its own.
let ready: Promise<unknown> | null = null;
const queue: { id: number; file: Uint8Array }[] = [];
let draining = false;

/** One group per task, so that a group taken back meanwhile (`cancel`) is seen before it starts. */
async function drain(): Promise<void> {
  const job = queue.shift();
  if (!job) {
    draining = false;
    return;
  }
  try {
    await (ready ??= init());
    const t = performance.now();
    const ipc = readParquet(job.file, { batchSize: 1 << 20 }).intoIPCStream();
    // How long the decode took here (the bench's `wb:parquet` measure sums it).
    const ms = performance.now() - t;
    self.postMessage({ id: job.id, ipc, ms }, { transfer: [ipc.buffer] });
  } catch (err) {
    self.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
  setTimeout(() => void drain(), 0);
}

self.onmessage = (e: MessageEvent<Message>) => {
  const m = e.data;
  if ('module' in m) {
    ready ??= init(m.module ? { module_or_path: m.module } : undefined);
    ready.catch(() => {});
  } else if ('cancel' in m) {
    const at = queue.findIndex((j) => j.id === m.cancel);
    if (at >= 0) queue.splice(at, 1);
  } else {
    queue.push(m);
    if (!draining) {
      draining = true;
      setTimeout(() => void drain(), 0);
    }
  }
};
