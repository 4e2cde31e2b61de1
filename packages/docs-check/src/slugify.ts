/**
 * The anchor Python-Markdown's toc extension gives a heading's text:
 * accents folded to ASCII, anything but letters, digits, `_`, `-` and
 * spaces dropped, lower case, runs of spaces and dashes made one dash.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .split('')
    .filter(char => char.charCodeAt(0) < 128)
    .join('')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-');
}

/** Anchors for headings in page order; repeats get `_1`, `_2` as toc does. */
export function uniqueSlugs(texts: string[]): string[] {
  const seen = new Set<string>();
  return texts.map(text => {
    const base = slugify(text);
    let slug = base;
    for (let n = 1; seen.has(slug); n++) slug = `${base}_${n}`;
    seen.add(slug);
    return slug;
  });
}
