import type { ComponentChildren } from 'preact';
import { navigate } from '../router.js';

/** An anchor the router follows without a reload (ctrl/cmd-click still opens a tab). */
export function Link(props: {
  href: string;
  children: ComponentChildren;
  class?: string;
  title?: string;
}) {
  return (
    <a
      href={props.href}
      class={props.class}
      title={props.title}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}
