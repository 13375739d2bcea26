import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { cx } from './cx';
import styles from './text-field.module.css';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  readonly label: ReactNode;
  /** Shown under the input, which is then marked invalid and described by it. */
  readonly error?: string | null | undefined;
  readonly hint?: string | undefined;
  readonly mono?: boolean;
  readonly ref?: Ref<HTMLInputElement>;
  readonly fieldClassName?: string | undefined;
}

/** A labelled text input with its error (or hint) right under it; what was typed is never cleared. */
export function TextField({ label, error, hint, mono = false, className, fieldClassName, ref, ...input }: TextFieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className={cx(styles.field, fieldClassName)}>
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        className={cx(mono && 'mono', className)}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? noteId : undefined}
        {...input}
      />
      {note && (
        <p id={noteId} className={error ? styles.error : styles.hint}>
          {note}
        </p>
      )}
    </div>
  );
}
