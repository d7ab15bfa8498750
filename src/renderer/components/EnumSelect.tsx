import type { ParseKeys } from 'i18next';
import { useId, type ReactElement, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

interface BaseProps<V extends string> {
  /** The i18n key of the visible label, which is also the select's accessible name. */
  labelKey: ParseKeys;
  /** The values offered, in the order shown. */
  values: readonly V[];
  /** The i18n key of a value's label; without it a value is its own label (support levels: L1…L4). */
  optionKey?: (value: V) => ParseKeys;
  /** The language an option's label is written in, when it is not the workspace's (language names). */
  optionLang?: (value: V) => string;
  /** The class of the wrapper that holds the label and the select (the layout of the form it sits in). */
  className: string;
  selectClassName?: string;
  ref?: Ref<HTMLSelectElement>;
  disabled?: boolean;
}

/** A choice that must be one of the values. */
interface RequiredProps<V extends string> extends BaseProps<V> {
  value: V;
  onChange: (value: V) => void;
  emptyKey?: undefined;
}

/** A choice that may also be none: the first option, labelled by `emptyKey` (say "Keep"), stands for null. */
interface OptionalProps<V extends string> extends BaseProps<V> {
  value: V | null;
  onChange: (value: V | null) => void;
  emptyKey: ParseKeys;
}

// The empty option's value: no enum value is the empty string (every schema requires a value).
const NONE = '';

/**
 * A labelled native select over a fixed set of values (status, priority, channel, level, sort, …):
 * label and options in the agent's language, and a change answers the typed value, never a string.
 */
export function EnumSelect<V extends string>(props: RequiredProps<V>): ReactElement;
export function EnumSelect<V extends string>(props: OptionalProps<V>): ReactElement;
export function EnumSelect<V extends string>(props: RequiredProps<V> | OptionalProps<V>): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const { values, optionKey, optionLang } = props;
  return (
    <div className={props.className}>
      <label htmlFor={id}>{t(props.labelKey)}</label>
      <select
        id={id}
        ref={props.ref}
        className={props.selectClassName}
        disabled={props.disabled}
        value={props.value ?? NONE}
        onChange={(event) => {
          const value = values.find((v) => v === event.target.value) ?? null;
          if (props.emptyKey !== undefined) props.onChange(value);
          else if (value !== null) props.onChange(value);
        }}
      >
        {props.emptyKey !== undefined && <option value={NONE}>{t(props.emptyKey)}</option>}
        {values.map((value) => (
          <option key={value} value={value} lang={optionLang?.(value)}>
            {optionKey ? t(optionKey(value)) : value}
          </option>
        ))}
      </select>
    </div>
  );
}
