import { describe, expect, it } from 'vitest';
import { htmlText } from './html-text.js';

describe('htmlText', () => {
  it('decodes the references a title carries, as the page would show it', () => {
    expect(htmlText('Internet Archive: Digital Library of Free &amp; Borrowable Texts')).toBe(
      'Internet Archive: Digital Library of Free & Borrowable Texts',
    );
    expect(htmlText('&#1057;&#1072;&#1081;&#1090; &#x437;&#x430;&#x431;&#x43B;&#x43E;&#x43A;')).toBe(
      'Сайт забл' + 'ок',
    );
    expect(htmlText('  a\n\t&lt;b&gt;  ')).toBe('a <b>');
  });

  it('leaves what is not a reference, or a reference to nothing printable, as written', () => {
    expect(htmlText('AT&T &unknown; &#0; &#xD800; &#99999999;')).toBe(
      'AT&T &unknown; &#0; &#xD800; &#99999999;',
    );
  });
});
