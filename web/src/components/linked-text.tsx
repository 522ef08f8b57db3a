/** Text with the http(s) addresses in it as links, the rest as text (data is not trusted: nothing else links). */

const URL = /(https?:\/\/[^\s;]+)/;

export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {text.split(URL).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} rel="noopener noreferrer nofollow">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
