import { useMemo } from 'react';
import { snippetParts } from '../../render/snippet';

/** A search snippet with its matches as <mark> elements, built as React nodes (never as HTML). */
export function Snippet({ text }: { text: string }) {
  const parts = useMemo(() => snippetParts(text), [text]);
  return (
    <span className="snippet">
      {parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </span>
  );
}
