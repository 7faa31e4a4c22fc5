import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useDataset } from '../../state/datasetStore';
import { useView } from '../../state/viewStore';
import { client } from '../../worker/client';
import type { FindIdsResult } from '../../protocol';
import { FindMessage } from './FindMessage';
import './findRow.css';
import { formatCount } from '../../ui/format';

const SUGGESTIONS = 8;

/**
 * "Find row by id": paste an id and press Enter to open that row; ids starting with what is
 * typed are suggested (a listbox: arrow keys, Enter, Escape). Unknown ids get a polite message.
 */
export function FindRow() {
  const summary = useDataset((s) => s.summary);
  const focusRow = useView((s) => s.focusRow);
  const [text, setText] = useState('');
  const [found, setFound] = useState<{ for: string; r: FindIdsResult } | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [message, setMessage] = useState<string | { query: string; r: FindIdsResult }>('');
  const list = useId();

  useEffect(() => {
    const q = text.trim();
    if (!q || !summary) return;
    let live = true;
    const t = setTimeout(() => {
      client.findIds(q, SUGGESTIONS).then(
        (r) => live && setFound({ for: q, r }),
        () => undefined,
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text, summary]);

  if (!summary) return null;
  const suggestions = found && found.for === text.trim() ? found.r.suggestions : [];
  const expanded = open && suggestions.length > 0;

  const choose = (id: string) => {
    setText(id);
    setOpen(false);
    setActive(-1);
    setMessage('');
    focusRow(id);
  };
  const submit = async () => {
    const q = text.trim();
    if (!q) return;
    try {
      const r = await client.findIds(q, 1, true);
      if (r.exact) return choose(r.exact.id);
      setMessage({ query: q, r });
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const n = suggestions.length;
      if (n > 0) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const pick = expanded && active >= 0 ? suggestions[active] : undefined;
      if (pick) choose(pick.id);
      else void submit();
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const optionId = (j: number) => `${list}-${j}`;
  return (
    <search className="find-row">
      <input
        type="text"
        role="combobox"
        aria-label="Find row by id"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={list}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        placeholder={`Find row by id${summary.report.idColumn ? '' : ' (#number)'}`}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
          setMessage('');
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id={list} role="listbox" aria-label="Matching ids" hidden={!expanded}>
        {suggestions.map((h, j) => (
          <li
            key={h.id}
            id={optionId(j)}
            role="option"
            aria-selected={j === active}
            // Keep focus in the input so the click lands before the blur closes the list.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(h.id)}
          >
            {h.id}
            {h.count > 1 && <span className="hint"> ({formatCount(h.count)} rows)</span>}
          </li>
        ))}
      </ul>
      <p className="find-message" aria-live="polite">
        {typeof message === 'string' ? (
          message
        ) : (
          <FindMessage {...message} numRows={summary.numRows} choose={choose} />
        )}
      </p>
    </search>
  );
}
