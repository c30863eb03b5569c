/**
 * A modal dialog: focus moves into it, Esc or "Huỷ" closes it, Enter submits its form. While one
 * is open the console's number keys belong to the dialog (the console checks `dialog`).
 */
import { type FormEvent, type ReactNode, useEffect, useRef } from 'react';
import { useWords } from '../hooks/useLang.js';

export function Dialog(props: {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  submitLabel: string;
  submitDisabled?: boolean;
  danger?: boolean;
  error?: { code: string; text: string; detail?: string } | null;
  wide?: boolean;
  children?: ReactNode;
}) {
  const { t } = useWords();
  const ref = useRef<HTMLFormElement>(null);
  const { onClose } = props;
  // The latest onClose, read through a ref: the parent passes a new function on every render (the
  // console re-renders each second for its timer), and focus must move in once, on opening, and
  // then stay where the person puts it.
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus], input, select, textarea, button');
    first?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.preventDefault();
        closeRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
  }, []);

  function submit(e: FormEvent): void {
    e.preventDefault();
    if (!props.submitDisabled) props.onSubmit();
  }

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <form ref={ref} className={props.wide ? 'dialog dialog-wide' : 'dialog'} noValidate role="dialog" aria-modal="true" aria-labelledby="dialog-title" onSubmit={submit}>
        <h2 id="dialog-title">{props.title}</h2>
        <div className="dialog-body">{props.children}</div>
        {props.error && (
          <p className="msg msg-error" role="alert" data-code={props.error.code}>
            {props.error.text}
            {props.error.detail && <span className="msg-detail">{props.error.detail}</span>}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t('cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" className={`btn ${props.danger ? 'btn-danger' : 'btn-primary'}`} disabled={props.submitDisabled}>
            {props.submitLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
