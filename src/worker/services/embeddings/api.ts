import type { Predicate } from '../../../shared/predicate';
import type { Session } from '../../session/session';
import { embeddingsOf } from './embeddings';
import { neighboursOf } from './neighbours';
import type { ColorBy, LabelErrorsRequest, NeighboursRequest } from '../../../protocol';
import { cancelLabelErrors, labelErrors } from './scan';
import { cancelUmap, umapLayout } from './umap';

type Progress = (done: number, total: number) => void;

/** The embedding map's part of the worker API . */
export function embeddingsApi(session: Session) {
  const svc = () => embeddingsOf(session.dataset);
  return {
    layout: (source: string, onProgress?: Progress) => svc().layout(source, onProgress),
    pointColors: (by: ColorBy, source: string, cohort: Predicate | null) =>
      svc().pointColors(by, source, cohort),
    neighbours: (req: NeighboursRequest) => neighboursOf(svc(), req),
    selectRows: (source: string, polygon: number[]) => svc().selectRows(source, polygon),
    pointInfo: (index: number) => svc().pointInfo(index),
    labelErrors: (req: LabelErrorsRequest, onProgress?: Progress) =>
      labelErrors(svc(), req, onProgress),
    cancelLabelErrors: () => cancelLabelErrors(),
    umap: (embedding: string, onProgress?: Progress) => umapLayout(svc(), embedding, onProgress),
    cancelUmap: () => cancelUmap(),
  };
}
