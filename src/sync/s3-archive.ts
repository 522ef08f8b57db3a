/**
 * An S3 bucket read anonymously: ListObjectsV2, page by page, and GET of one object as a stream. OONI's bucket by
 * default (virtual-hosted addressing on AWS); any S3-compatible server with `endpoint` (path-style addressing).
 */
import { type FetchedBody, type FetchPolicy, politeGet } from './polite-fetch.js';

/** OONI's public archive of raw measurements (AWS Open Data, eu-central-1). */
export const OONI_BUCKET = 'ooni-data-eu-fra';
export const OONI_REGION = 'eu-central-1';

export interface S3Object {
  key: string;
  /** Without its quotes. */
  etag: string;
  size: number;
}

export interface S3Location {
  bucket: string;
  /** An S3-compatible server (`http://127.0.0.1:9000`), addressed path-style; absent for AWS itself. */
  endpoint?: string;
}

export class S3Archive {
  /** The bucket's base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** Names the bucket in state and messages: `s3://BUCKET`. */
  readonly origin: string;

  constructor(
    location: S3Location,
    private readonly policy: FetchPolicy,
  ) {
    this.baseUrl = location.endpoint
      ? `${location.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(location.bucket)}`
      : `https://${location.bucket}.s3.${OONI_REGION}.amazonaws.com`;
    this.origin = `s3://${location.bucket}`;
  }

  /** Every object whose key starts with `prefix`, in key order, fetching the listing a page at a time. */
  async *list(prefix: string): AsyncGenerator<S3Object> {
    let token: string | null = null;
    do {
      const query = new URLSearchParams({ 'list-type': '2', prefix });
      if (token) query.set('continuation-token', token);
      const answer = await politeGet(
        `${this.baseUrl}/?${query}`,
        `listing ${this.origin}/${prefix}`,
        this.policy,
      );
      let xml = '';
      for await (const piece of answer.body) xml += piece.toString('utf8');
      const page = parseListing(xml);
      yield* page.objects;
      token = page.nextToken;
    } while (token);
  }

  /** The object's body (as stored: gzip stays gzip). */
  get(key: string): Promise<FetchedBody> {
    const path = key.split('/').map(encodeURIComponent).join('/');
    return politeGet(`${this.baseUrl}/${path}`, `${this.origin}/${key}`, this.policy);
  }
}

/** One page of a ListObjectsV2 answer. */
export function parseListing(xml: string): { objects: S3Object[]; nextToken: string | null } {
  if (!/<ListBucketResult[\s>]/.test(xml)) throw new Error('not a ListObjectsV2 answer');
  const objects: S3Object[] = [];
  for (const [, contents] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
    const key = element(contents!, 'Key');
    if (key === null) continue;
    objects.push({
      key,
      etag: (element(contents!, 'ETag') ?? '').replace(/^"|"$/g, ''),
      size: Number(element(contents!, 'Size') ?? 0),
    });
  }
  const truncated = element(xml, 'IsTruncated') === 'true';
  return { objects, nextToken: truncated ? element(xml, 'NextContinuationToken') : null };
}

function element(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return m ? decodeXml(m[1]!) : null;
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower]!;
  });
}
