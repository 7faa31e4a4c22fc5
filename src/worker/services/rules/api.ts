import type { RowRulesRequest, RulesRequest } from '../../../protocol';
import type { Session } from '../../session/session';
import { rowRules } from './row';
import { evaluateRules } from './rules';

/** Release rules: the cohort × rule grid, and the rules one row takes part in. */
export function rulesApi(session: Session) {
  return {
    evaluateRules: (req: RulesRequest) => session.memo('rules', req, evaluateRules),
    rowRules: (req: RowRulesRequest) => rowRules(session.dataset, req),
  };
}
