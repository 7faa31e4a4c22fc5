import { splitInvisible } from './invisibleChars';

/**
 * A name from a file or a link (column, file, cohort, version), shown safely: isolated with
 * <bdi> so its direction cannot reorder the text around it, and every bidi control or zero-width
 * character shown as a visible marker instead of acting.
 */
export function Name({ text }: { text: string }) {
  const pieces = splitInvisible(text);
  if (pieces.length === 1 && !pieces[0]!.hidden) return <bdi>{text}</bdi>;
  return (
    <bdi>
      {pieces.map((p, i) =>
        p.hidden ? (
          <span key={i} className="invisible-char" title={`${p.code}, an invisible character`}>
            {p.text}
          </span>
        ) : (
          p.text
        ),
      )}
    </bdi>
  );
}
