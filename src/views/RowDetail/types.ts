import type { RowDetail } from '../../protocol';

/** A row that was found (the drawer's sections only ever see these). */
export type FoundRow = Extract<RowDetail, { found: true }>;
