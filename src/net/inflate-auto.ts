import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import zlib from 'node:zlib';

/** True when two bytes form a valid zlib (RFC 1950) header. */
export function isZlibHeader(b0: number, b1: number): boolean {
  return (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
}

/**
 * Inflates "Content-Encoding: deflate" whether the server sent zlib-wrapped data (what HTTP specifies) or raw DEFLATE
 * (what some servers send): the first two bytes decide.
 */
export class InflateAuto extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | undefined;
  private head = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.inner) {
      this.inner.write(chunk, () => callback());
      return;
    }
    this.head = Buffer.concat([this.head, chunk]);
    if (this.head.length < 2) return callback();
    this.start().write(this.head, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) {
      if (this.head.length === 0) return callback();
      this.start().write(this.head);
    }
    const inner = this.inner as zlib.Inflate | zlib.InflateRaw;
    inner.once('end', () => callback());
    inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }

  private start(): zlib.Inflate | zlib.InflateRaw {
    const [b0 = 0, b1 = 0] = this.head;
    const inner = isZlibHeader(b0, b1) ? zlib.createInflate() : zlib.createInflateRaw();
    inner.on('data', (data: Buffer) => this.push(data));
    inner.on('error', (err) => this.destroy(err));
    this.inner = inner;
    return inner;
  }
}
