import { Lexer, Token, Tokens } from 'marked';
import { uniqueSlugs } from './slugify';

export interface Heading {
  level: number;
  text: string;
  anchor: string;
  line: number;
}

export interface Link {
  href: string;
  line: number;
  /** An image's source rather than a link's target. */
  image: boolean;
}

/** What the checks need of one Markdown page. */
export interface MarkdownPage {
  headings: Heading[];
  links: Link[];
}

/**
 * Reads headings and links as mkdocs will render them. Admonition bodies
 * (`!!! note` followed by indented lines) are read as Markdown, not as
 * the indented code blocks plain Markdown would make of them.
 */
export function parseMarkdownPage(source: string): MarkdownPage {
  const lines = unindentAdmonitions(source.split('\n'));
  const headings: Array<Omit<Heading, 'anchor'>> = [];
  const links: Link[] = [];
  let line = 1;
  for (const token of new Lexer().lex(lines.join('\n'))) {
    if (token.type === 'heading') {
      const heading = token as Tokens.Heading;
      headings.push({
        level: heading.depth,
        text: plainText(heading.tokens),
        line,
      });
    }
    collectLinks(token, line, links);
    line += (token.raw.match(/\n/g) ?? []).length;
  }
  const anchors = uniqueSlugs(headings.map(h => h.text));
  return {
    headings: headings.map((h, i) => ({ ...h, anchor: anchors[i] })),
    links,
  };
}

function unindentAdmonitions(lines: string[]): string[] {
  let inside = false;
  return lines.map(text => {
    if (/^(!!!|\?\?\?\+?) \w/.test(text)) {
      inside = true;
      return '';
    }
    if (inside && (text.startsWith('    ') || text.trim() === '')) {
      return text.slice(4);
    }
    inside = false;
    return text;
  });
}

function collectLinks(token: Token, line: number, links: Link[]) {
  if (token.type === 'link' || token.type === 'image') {
    const { href } = token as Tokens.Link;
    links.push({ href, line, image: token.type === 'image' });
  }
  const children: Token[] = [
    ...((token as { tokens?: Token[] }).tokens ?? []),
    ...((token as Tokens.List).items ?? []),
    ...((token as Tokens.Table).header ?? []).flatMap(cell => cell.tokens),
    ...((token as Tokens.Table).rows ?? []).flatMap(row =>
      row.flatMap(cell => cell.tokens),
    ),
  ];
  for (const child of children) collectLinks(child, line, links);
}

/** A heading's text as toc sees it: the words, without Markdown marks. */
function plainText(tokens: Token[]): string {
  return tokens
    .map(token => {
      const nested = (token as { tokens?: Token[] }).tokens;
      if (nested?.length) return plainText(nested);
      return 'text' in token ? String(token.text) : '';
    })
    .join('');
}
