/**
 * A real S3-compatible server for tests (s3rver: ListObjectsV2, GET with ETags, files on disk), on a free port of
 * 127.0.0.1, holding one bucket; objects are put and removed over HTTP as any S3 client would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

const S3rver = createRequire(import.meta.url)('@20minutes/s3rver') as S3rverClass;

export interface S3Server {
  /** http://127.0.0.1:PORT (path-style: URL/BUCKET/KEY). */
  url: string;
  bucket: string;
  put(key: string, body: Buffer | string): Promise<void>;
  remove(key: string): Promise<void>;
  close(): Promise<void>;
}

export async function startS3Server(bucket = 'ooni-data-eu-fra'): Promise<S3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'nf-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const address = await server.run();
  const url = `http://127.0.0.1:${address.port}`;
  const object = (key: string) => `${url}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  return {
    url,
    bucket,
    async put(key, body) {
      const r = await fetch(object(key), {
        method: 'PUT',
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
      if (!r.ok) throw new Error(`PUT ${key}: ${r.status} ${await r.text()}`);
    },
    async remove(key) {
      const r = await fetch(object(key), { method: 'DELETE' });
      if (!r.ok) throw new Error(`DELETE ${key}: ${r.status}`);
    },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
