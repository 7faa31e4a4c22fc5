import type { Predicate } from '../../protocol';

/** A condition in the builder: one leaf predicate, possibly negated. */
export interface Condition {
  key: string;
  negate: boolean;
  leaf: Predicate;
}

/** The builder edits flat "all of / any of" lists; deeper trees are edited as JSON. */
export interface Draft {
  name: string;
  combinator: 'and' | 'or';
  conditions: Condition[];
}

let k = 0;
export const conditionKey = () => `k${++k}`;

export function toPredicate(d: Draft): Predicate {
  const children = d.conditions.map((c) =>
    c.negate ? { op: 'not' as const, child: c.leaf } : c.leaf,
  );
  return children.length === 1 ? children[0]! : { op: d.combinator, children };
}

const isLeaf = (p: Predicate) => p.op !== 'and' && p.op !== 'or' && p.op !== 'not';

function toCondition(p: Predicate): Condition | null {
  if (isLeaf(p)) return { key: conditionKey(), negate: false, leaf: p };
  if (p.op === 'not' && isLeaf(p.child))
    return { key: conditionKey(), negate: true, leaf: p.child };
  return null;
}

/** The builder's view of a predicate, or null when it is too deep for the form. */
export function fromPredicate(name: string, p: Predicate): Draft | null {
  if (p.op === 'and' || p.op === 'or') {
    const conditions = p.children.map(toCondition);
    return conditions.every((c) => c)
      ? { name, combinator: p.op, conditions: conditions as Condition[] }
      : null;
  }
  const c = toCondition(p);
  return c ? { name, combinator: 'and', conditions: [c] } : null;
}
