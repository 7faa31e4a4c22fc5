// Every message between the UI and the worker: small, serializable, no big buffers. Both sides
// import from here; nothing here depends on the UI.
export * from './dataset';
export * from './rows';
export * from './compare';
export * from './charts';
export * from './rules';
export * from './embeddings';
export * from './slices';
export * from './instances';
export { noNeighbours, rowNotFound } from './noAnswer';
