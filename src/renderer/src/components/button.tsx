import type { ButtonHTMLAttributes, Ref } from 'react';
import styles from './button.module.css';
import { cx } from './cx';

export type ButtonVariant = 'default' | 'primary' | 'ghost' | 'danger' | 'danger-solid' | 'link';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  readonly variant?: ButtonVariant;
  readonly size?: 'normal' | 'small';
  /** A square button holding only an icon (give it an aria-label). */
  readonly iconOnly?: boolean;
  readonly ref?: Ref<HTMLButtonElement>;
}

const VARIANT_CLASS: Readonly<Record<ButtonVariant, string | undefined>> = {
  default: undefined,
  primary: styles.primary,
  ghost: styles.ghost,
  danger: styles.danger,
  'danger-solid': styles.dangerSolid,
  link: styles.link
};

/** The one button of the app; `type="button"` unless said otherwise, so it never submits by accident. */
export function Button({ variant = 'default', size = 'normal', iconOnly = false, className, type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={cx(
        variant === 'link' ? undefined : styles.button,
        VARIANT_CLASS[variant],
        size === 'small' && styles.small,
        iconOnly && styles.icon,
        className
      )}
      {...rest}
    />
  );
}
