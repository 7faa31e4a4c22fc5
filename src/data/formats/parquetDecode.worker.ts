// The second Parquet decoder (parquetHelper.ts): a worker started by the engine worker that turns
// one row group's small Parquet file (parquetSplit.ts) into an Arrow IPC stream with arrow-rs,
// while the engine worker decodes other groups on the other core. It checks nothing and decides
// nothing: the engine worker checked the group's pages before sending it, and any failure here
// sends the group back to be decoded there, with the usual fallbacks and messages.
import init, { readParquet } from 'parquet-wasm';

interface Job {
  id: number;
  file: Uint8Array;
}

// Loaded when the worker starts, so it compiles while the engine worker reads the footer.
const ready = init();
ready.catch(() => {});

self.onmessage = async (e: MessageEvent<Job>) => {
  const { id, file } = e.data;
  try {
    await ready;
    const ipc = readParquet(file, { batchSize: 1 << 20 }).intoIPCStream();
    self.postMessage({ id, ipc }, { transfer: [ipc.buffer] });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
