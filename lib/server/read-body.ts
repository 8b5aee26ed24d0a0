import type { IncomingMessage } from 'node:http';

/** Thrown by {@link readBody} when a body is larger than allowed (answer 413). */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';

  constructor(readonly maxBytes: number) {
    super(`request body larger than ${maxBytes} bytes`);
  }
}

/**
 * Reads a request body into memory, refusing it as soon as it passes `maxBytes` (a declared
 * `content-length` over the limit is refused before reading). Considered: `raw-body`, which does
 * the same with encodings we do not need.
 *
 * @throws {BodyTooLargeError} above `maxBytes`
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyTooLargeError(maxBytes);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
