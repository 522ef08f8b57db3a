/** Reads an archived HTTP body (plain string or base64 binary) as text with its byte length, and extracts its title. */
import type { BinaryData } from '../../model/measurement.js';
import { decodeUtf8 } from '../../shared/decode-utf8.js';

/** A body as text plus its length in bytes (what OONI compares with the control's body_length). */
export interface BodyText {
  text: string;
  byteLength: number;
}

const EMPTY: BodyText = { text: '', byteLength: 0 };
// OONI's title rule (measurexlite.WebGetTitle): at most 512 characters with no '<' between the tags.
const TITLE = /<title>([^<]{1,512})<\/title>/i;

/** Decodes `response.body`: a string is UTF-8 text; `{format: "base64", data}` is decoded; anything else is empty. */
export function httpBodyText(body: string | BinaryData | null | undefined): BodyText {
  if (typeof body === 'string') return { text: body, byteLength: Buffer.byteLength(body, 'utf8') };
  if (body && typeof body === 'object' && body.format === 'base64' && typeof body.data === 'string') {
    const bytes = Buffer.from(body.data, 'base64');
    return { text: decodeUtf8(bytes), byteLength: bytes.byteLength };
  }
  return EMPTY;
}

/**
 * The text of `response.body` alone, for matching: the byte length httpBodyText also gives takes a pass over the
 * whole body, which fingerprint matching (twice per record) need not pay.
 */
export function httpBodyString(body: string | BinaryData | null | undefined): string {
  return typeof body === 'string' ? body : httpBodyText(body).text;
}

/** The page title as OONI extracts it, or '' when there is none. */
export function httpTitle(text: string): string {
  const m = TITLE.exec(text);
  return m?.[1] ?? '';
}
