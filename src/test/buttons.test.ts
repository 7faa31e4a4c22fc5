import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// One button style (app.css .button, with .primary and .small): every <button> in the app names
// a class, and every class it names is styled by some stylesheet, so no native grey button slips
// in. Link-like, tab-like and table-header buttons keep styles of their own.
function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name), ext)
      : e.name.endsWith(ext)
        ? [join(dir, e.name)]
        : [],
  );
}

const css = files('src', '.css')
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
const styled = (cls: string) => new RegExp(`\\.${cls}(?![\\w-])`).test(css);

describe('buttons', () => {
  const buttons = files('src', '.tsx').flatMap((f) => {
    const text = readFileSync(f, 'utf8');
    return [...text.matchAll(/<button\b([\s\S]*?)>/g)].map((m) => ({
      where: `${f}:${text.slice(0, m.index).split('\n').length}`,
      cls: /className=(?:"([^"]*)"|\{`([^`$]*))/.exec(m[1]!),
    }));
  });

  it('are found', () => {
    expect(buttons.length).toBeGreaterThan(50);
  });

  it('each name a styled class', () => {
    const bad = buttons
      .map((b) => {
        const classes = (b.cls?.[1] ?? b.cls?.[2] ?? '').split(/\s+/).filter(Boolean);
        return classes.length > 0 && styled(classes[0]!) ? null : b.where;
      })
      .filter((w) => w !== null);
    expect(bad).toEqual([]);
  });

  it('a class without a rule is caught', () => {
    expect(styled('button')).toBe(true);
    expect(styled('no-such-button-class')).toBe(false);
  });
});
