// The second Parquet decoder (parquetHelper.ts): a worker started by the engine worker that turns
// one row group's small Parquet file (parquetSplit.ts) into an Arrow IPC stream with arrow-rs,
// while the engine worker decodes other groups on the other core. It checks nothing and decides
// nothing: the engine worker checked the group's pages before sending it, and any failure here
// sends the group back to be decoded there, with the usual fallbacks and messages.
import init, { readParquet } from 'parquet-wasm';

type Message = { module: WebAssembly.Module | null } | { id: number; file: Uint8Array };

// The first message is the engine worker's compiled wasm (instantiated here, not compiled again);
// without one, parquet-wasm fetches and compiles its own.
let ready: Promise<unknown> | null = null;

self.onmessage = async (e: MessageEvent<Message>) => {
  if ('module' in e.data) {
    const m = e.data.module;
    ready ??= init(m ? { module_or_path: m } : undefined);
    ready.catch(() => {});
    return;
  }
  const { id, file } = e.data;
  try {
    await (ready ??= init());
    const ipc = readParquet(file, { batchSize: 1 << 20 }).intoIPCStream();
    self.postMessage({ id, ipc }, { transfer: [ipc.buffer] });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
