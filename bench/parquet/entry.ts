// What bench/parquet/node.mjs bundles for Node: the worker's session, opened as the page opens it.
export { Session } from '../../src/worker/session/session';
