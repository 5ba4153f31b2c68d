/**
 * The image map (`--image-map PATTERN=TARGET`, config `"imageMap"`): which host directory
 * (process runtime) or local image (docker runtime) stands for an image a task names.
 *
 * Images are matched as written, without Docker's reference normalisation: `php:8.2` and
 * `docker.io/library/php:8.2` are different keys, so a user maps what their task
 * definitions actually say.
 */
export interface ImageMapping {
  pattern: string;
  target: string;
}

/**
 * The target for `image`: an exact pattern first; otherwise the wildcard pattern with the
 * longest literal part (`*` matches any run of characters, `/` and `:` included), so
 * `repo/app:*` beats `repo/*` beats `*`. Equally specific patterns keep the map's order.
 */
export function resolveImage(
  imageMap: ReadonlyArray<ImageMapping>,
  image: string,
): string | undefined {
  const exact = imageMap.find((m) => !m.pattern.includes('*') && m.pattern === image);
  if (exact) return exact.target;
  let best: { target: string; literal: number } | undefined;
  for (const mapping of imageMap) {
    if (!mapping.pattern.includes('*') || !wildcardMatches(mapping.pattern, image)) continue;
    const literal = mapping.pattern.replaceAll('*', '').length;
    if (!best || literal > best.literal) best = { target: mapping.target, literal };
  }
  return best?.target;
}

/** Whole-string glob match where `*` is the only special character. */
export function wildcardMatches(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (text.length < first.length + last.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  // Greedy left-to-right placement of the middle parts is exact for `*`-only globs: taking
  // the earliest occurrence of each part leaves the most room for the ones after it.
  let at = first.length;
  const end = text.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}
