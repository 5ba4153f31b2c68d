/**
 * The query box: a textarea (Ctrl/Cmd+Enter runs the query) and, when the last query did
 * not compile, AWS's message with the offending part of the query marked.
 */
export function QueryEditor(props: {
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
  error: { message: string; start: number; end: number } | undefined;
}) {
  const { error, value } = props;
  return (
    <div class="insights-editor">
      <textarea
        aria-label="Query"
        spellcheck={false}
        rows={6}
        value={value}
        onInput={(e) => props.onChange((e.target as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            props.onRun();
          }
        }}
      />
      {error ? (
        <div class="error" role="alert">
          <strong>MalformedQueryException</strong>: {error.message}
          <pre class="insights-error-span">
            {value.slice(0, error.start)}
            <mark>{value.slice(error.start, Math.max(error.end, error.start + 1)) || ' '}</mark>
            {value.slice(Math.max(error.end, error.start + 1))}
          </pre>
        </div>
      ) : null}
    </div>
  );
}
