/**
 * The engine's multiplexed stream (a container without a TTY): frames of an 8-byte header
 * — stream type (0 stdin, 1 stdout, 2 stderr), three zero bytes, payload size as a
 * big-endian uint32 — followed by the payload. Frames and chunks do not line up: a frame
 * may span chunks and a chunk may hold many frames, so bytes are kept until whole.
 */
import type { OutputStream } from '../types.js';

const HEADER_BYTES = 8;

export interface Demultiplexer {
  push(chunk: Buffer): void;
}

export function createDemultiplexer(
  onPayload: (stream: OutputStream, payload: Buffer) => void,
): Demultiplexer {
  let buffered: Buffer = Buffer.alloc(0);
  return {
    push(chunk) {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      let at = 0;
      while (buffered.length - at >= HEADER_BYTES) {
        const type = buffered[at] as number;
        const size = buffered.readUInt32BE(at + 4);
        if (buffered.length - at - HEADER_BYTES < size) break;
        const payload = buffered.subarray(at + HEADER_BYTES, at + HEADER_BYTES + size);
        // stdin (0) is never attached; anything but stderr is the container's stdout.
        if (size > 0) onPayload(type === 2 ? 'stderr' : 'stdout', payload);
        at += HEADER_BYTES + size;
      }
      buffered = at === 0 ? buffered : buffered.subarray(at);
    },
  };
}
