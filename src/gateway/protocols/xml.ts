/** The little XML the query protocols write: escaped text in named elements. */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A parser turns a raw CR (and CRLF) into LF; the reference keeps the character.
  '\r': '&#xD;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => ESCAPES[c] ?? c);
}

/** `<name>content</name>`, where content is already XML; `<name/>` when empty. */
export function element(name: string, content: string, xmlns?: string): string {
  const open = xmlns === undefined ? name : `${name} xmlns="${escapeXml(xmlns)}"`;
  return content === '' ? `<${open}/>` : `<${open}>${content}</${name}>`;
}

/** `<name>text</name>` with the text escaped. */
export function textElement(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
