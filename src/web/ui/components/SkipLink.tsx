/** Skip link: the first focusable element, visible only when focused. */
export function SkipLink({ href = '#main', children = 'Naar de inhoud' }: { href?: string; children?: string }) {
  return (
    <a
      className="utrecht-skip-link utrecht-skip-link--visible-on-focus koers-skip-link"
      href={href}
      onClick={(event) => {
        // Move focus explicitly: in an SPA the hash may already be set and nothing would happen.
        const target = document.getElementById(href.replace(/^#/, ''));
        if (!target) return;
        event.preventDefault();
        target.focus();
        target.scrollIntoView();
      }}
    >
      {children}
    </a>
  );
}
