/**
 * Checks of TechDocs sites, before and while they are built.
 *
 * @packageDocumentation
 */
export { checkSite, RUNBOOK_SECTIONS } from './checkSite';
export type { Problem } from './checkSite';
export { buildSite } from './buildSite';
export { findSites } from './findSites';
export { readMkdocsSite } from './mkdocsSite';
export { parseMarkdownPage } from './markdownPage';
export { slugify } from './slugify';
