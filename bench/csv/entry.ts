// What bench/csv/node.mjs bundles for Node.
export { readCsv } from '../../src/data/formats/csv';
export { readCsvPartially } from '../../src/data/partial/csvPartial';
export { arrived } from '../../src/data/readArriving';
