/**
 * Form pieces of administration: a labelled field with its problem in words beneath it (tied to
 * the input with aria-describedby), check boxes, radio groups, an error box, and a confirmation.
 */
import { type ReactNode, useId } from 'react';
import { useWords } from '../hooks/useLang.js';
import type { Failure } from '../hooks/useRemote.js';
import { Dialog } from './Dialog.js';

export function TextField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  disabled?: boolean;
  type?: 'text' | 'password' | 'number' | 'date';
  inputMode?: 'numeric' | 'decimal' | 'text';
  placeholder?: string;
  size?: 'short' | 'mid' | 'full';
  autoComplete?: string;
  name?: string;
  list?: string;
  maxLength?: number;
  /** A short value (a time, a number) under a long label: the label gets the width, the box stays small. */
  narrow?: boolean;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const described = [props.error ? errId : null, props.hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field field-${props.size ?? 'full'}${props.error ? ' field-bad' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        className={props.narrow ? 'text narrow' : 'text'}
        type={props.type ?? 'text'}
        value={props.value}
        disabled={props.disabled}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete ?? 'off'}
        list={props.list}
        maxLength={props.maxLength}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && (
        <span id={hintId} className="field-hint">
          {props.hint}
        </span>
      )}
      {props.error && (
        <span id={errId} className="field-error" data-field-error>
          ⚠ {props.error}
        </span>
      )}
    </div>
  );
}

export function CheckField(props: { label: string; checked: boolean; onChange: (v: boolean) => void; disabled?: boolean; name?: string }) {
  return (
    <label className="check">
      <input type="checkbox" name={props.name} checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.target.checked)} />
      <span>{props.label}</span>
    </label>
  );
}

export function RadioGroup<V extends string>(props: {
  legend: string;
  name: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (v: V) => void;
  disabled?: boolean;
  error?: string | undefined;
  vertical?: boolean;
  children?: ReactNode;
}) {
  return (
    <fieldset className={`radio-group${props.vertical ? ' vertical' : ''}`} disabled={props.disabled}>
      <legend>{props.legend}</legend>
      <div className="radio-options">
        {props.options.map((o) => (
          <label key={o.value}>
            <input type="radio" name={props.name} value={o.value} checked={props.value === o.value} onChange={() => props.onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {props.children}
      {props.error && (
        <span className="field-error" data-field-error>
          ⚠ {props.error}
        </span>
      )}
    </fieldset>
  );
}

/** A failed action or load: the words, and the server's detail beneath. */
export function ErrorNote(props: { failure: Failure | null; onRetry?: () => void }) {
  const { t } = useWords();
  if (!props.failure) return null;
  return (
    <p className="msg msg-error" role="alert" data-code={props.failure.code}>
      {props.failure.text}
      {props.failure.detail && <span className="msg-detail">{props.failure.detail}</span>}
      {props.onRetry && (
        <button type="button" className="btn btn-small" onClick={props.onRetry}>
          {t('retry')}
        </button>
      )}
    </p>
  );
}

/** "Are you sure?" for a change that cannot be undone from here (delete, revoke, disable). */
export function ConfirmDialog(props: {
  title: string;
  body: string;
  confirmLabel: string;
  pending: boolean;
  error: Failure | null;
  onConfirm: () => void;
  onClose: () => void;
  danger?: boolean;
}) {
  const { t } = useWords();
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      onSubmit={props.onConfirm}
      submitLabel={props.pending ? t('saving') : props.confirmLabel}
      submitDisabled={props.pending}
      danger={props.danger ?? true}
      error={props.error}
    >
      <p className="confirm-body">{props.body}</p>
    </Dialog>
  );
}

/** The edit and delete buttons at the end of an admin table row. */
export function RowActions(props: { onEdit: () => void; onDelete: () => void }) {
  const { t } = useWords();
  return (
    <td className="row-actions">
      <button type="button" className="btn btn-small" onClick={props.onEdit}>
        {t('edit')}
      </button>
      <button type="button" className="btn btn-small btn-small-danger" onClick={props.onDelete}>
        {t('delete')}
      </button>
    </td>
  );
}
