/**
 * Which live runner fires an entry: rendezvous (highest random weight) hashing. Every node
 * computes the same owner from the same view without talking to the others, the entries
 * spread evenly, and when a runner leaves only its own entries move (each to the runner
 * with the next-highest weight), so a takeover disturbs no one else's share.
 */

/** FNV-1a over the string's UTF-16 code units, then murmur3's finalizer to spread it. */
function weight(runnerId: string, key: string): number {
  let h = 0x811c9dc5;
  const mix = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  };
  mix(runnerId);
  mix('\u0000');
  mix(key);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The runner of `view` that owns `key`; undefined for an empty view. Ties go to the lower id. */
export function ownerOf(view: readonly string[], key: string): string | undefined {
  let best: string | undefined;
  let bestWeight = -1;
  for (const runnerId of view) {
    const w = weight(runnerId, key);
    if (w > bestWeight || (w === bestWeight && best !== undefined && runnerId < best)) {
      best = runnerId;
      bestWeight = w;
    }
  }
  return best;
}
