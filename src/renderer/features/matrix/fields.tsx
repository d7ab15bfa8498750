import { useEffect, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixProblem } from '../../../shared/domain/escalation-matrix/validate';
import { formatDuration, parseDuration } from './duration';
import { useMatrixStore } from './matrix-store';
import { indexProblems, PATH_ATTRIBUTE, problemDomId } from './problem-paths';
import { useDurationUnits, useMatrixProblemText } from './problem-text';

const indexes = new WeakMap<readonly MatrixProblem[], ReadonlyMap<string, readonly MatrixProblem[]>>();

function indexOf(problems: readonly MatrixProblem[]): ReadonlyMap<string, readonly MatrixProblem[]> {
  let index = indexes.get(problems);
  if (!index) {
    index = indexProblems(problems);
    indexes.set(problems, index);
  }
  return index;
}

/** The problems at some paths, and what a control showing them needs: aria-invalid and aria-describedby. */
export function useFieldProblems(paths: readonly string[]): { invalid: boolean; describedBy: string | undefined; problems: readonly MatrixProblem[] } {
  const problems = useMatrixStore((s) => s.problems);
  const index = indexOf(problems);
  const found = paths.filter((path) => index.has(path));
  const list = found.flatMap((path) => index.get(path) ?? []);
  return {
    invalid: list.some((problem) => problem.severity === 'error'),
    describedBy: found.length > 0 ? found.map(problemDomId).join(' ') : undefined,
    problems: list,
  };
}

/** Whether the signed-in agent may edit the matrix (leads and admins); everyone else reads it. */
export function useEditable(): boolean {
  return useMatrixStore((s) => s.canPublish);
}

/** The messages of the problems at a path, under its control; the control points at it with aria-describedby. */
export function ProblemMessage({ path }: { path: string }) {
  const problems = useMatrixStore((s) => s.problems);
  const document = useMatrixStore((s) => s.document);
  const text = useMatrixProblemText(document);
  const list = indexOf(problems).get(path);
  if (!list || list.length === 0) return null;
  const warning = list.every((problem) => problem.severity === 'warning');
  return (
    <span id={problemDomId(path)} className={warning ? 'field-problem is-warning' : 'field-problem'}>
      {list.map((problem) => text(problem)).join(' ')}
    </span>
  );
}

type TextInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  /** The dotted path of the value; problems there (and at `alsoPaths`) show on this input. */
  path: string;
  alsoPaths?: readonly string[];
  value: string;
  onValue: (value: string) => void;
  /** Renders the message of the path's problems right after the input (else the caller places it). */
  withMessage?: boolean;
};

/** A text input bound to a path of the document: read-only for agents, marked invalid with its problems. */
export function MatrixTextInput({ path, alsoPaths = [], value, onValue, withMessage = true, className, ...rest }: TextInputProps) {
  const editable = useEditable();
  const { invalid, describedBy } = useFieldProblems([path, ...alsoPaths]);
  return (
    <>
      <input
        type="text"
        {...rest}
        {...{ [PATH_ATTRIBUTE]: path }}
        className={className}
        value={value}
        readOnly={!editable}
        aria-invalid={invalid || undefined}
        aria-describedby={[rest['aria-describedby'], describedBy].filter(Boolean).join(' ') || undefined}
        onChange={(event) => onValue(event.target.value)}
      />
      {withMessage && <ProblemMessage path={path} />}
    </>
  );
}

interface DurationInputProps {
  path: string;
  alsoPaths?: readonly string[];
  /** Business minutes, or null for no target. */
  value: number | null;
  onMinutes: (minutes: number | null) => void;
  label: string;
  className?: string;
  /** Whether an empty input means "none" (null); otherwise it is a problem. */
  allowEmpty?: boolean;
  /** Extra props for the input (the grid's roving tabindex and data attributes). */
  inputProps?: InputHTMLAttributes<HTMLInputElement> & Record<`data-${string}`, string | number>;
  describedBy?: string;
}

/**
 * A business-time input that reads "8h", "1h 30m" or "480" and shows the minutes it means beside
 * it, so the unit is never in doubt. The document changes as the lead types whenever the text is
 * a duration; text that is not one stays in the input with its own message.
 */
export function DurationInput({ path, alsoPaths = [], value, onMinutes, label, className, allowEmpty = true, inputProps, describedBy }: DurationInputProps) {
  const { t } = useTranslation();
  const units = useDurationUnits();
  const editable = useEditable();
  const shown = value === null ? '' : formatDuration(value, units);
  const [text, setText] = useState(shown);
  const [focused, setFocused] = useState(false);
  const parsed = parseDuration(text);
  const unreadable = parsed.kind === 'invalid' || (parsed.kind === 'empty' && !allowEmpty);
  const { invalid, describedBy: problemIds } = useFieldProblems([path, ...alsoPaths]);
  const setUnreadable = useMatrixStore((s) => s.setUnreadable);
  const localId = `${problemDomId(path)}-text`;
  const unitId = `${problemDomId(path)}-unit`;

  useEffect(() => {
    setUnreadable(path, unreadable);
  }, [setUnreadable, path, unreadable]);
  useEffect(() => () => setUnreadable(path, false), [setUnreadable, path]);

  // The document changed under the input (undo by discard, rebase, another cell): show it, unless
  // the lead is typing text that means the same.
  useEffect(() => {
    if (focused) return;
    setText(shown);
  }, [shown, focused]);

  return (
    <span className={className ? `duration-field ${className}` : 'duration-field'}>
      <input
        type="text"
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        {...inputProps}
        {...{ [PATH_ATTRIBUTE]: path }}
        aria-label={label}
        className="duration-input"
        value={text}
        readOnly={!editable}
        aria-invalid={unreadable || invalid || undefined}
        aria-describedby={[unreadable ? localId : null, problemIds, unitId, describedBy].filter(Boolean).join(' ') || undefined}
        onFocus={(event) => {
          setFocused(true);
          inputProps?.onFocus?.(event);
        }}
        onBlur={() => {
          setFocused(false);
          // Tidy what was typed ("90" → "1h 30m") once the lead leaves the cell.
          if (!unreadable) setText(value === null ? '' : formatDuration(value, units));
        }}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const reading = parseDuration(next);
          if (reading.kind === 'minutes') onMinutes(reading.minutes);
          else if (reading.kind === 'empty' && allowEmpty) onMinutes(null);
        }}
      />
      <span id={unitId} className="duration-unit muted">
        {value === null ? t('matrix.targets.noTarget') : t('matrix.units.businessMinutes', { count: value })}
      </span>
      {unreadable && (
        <span id={localId} className="field-problem">
          {t('matrix.targets.unreadable')}
        </span>
      )}
      <ProblemMessage path={path} />
    </span>
  );
}

/** A section of the editor: a heading the problem list can focus, and its content. */
export function EditorSection({ id, path, title, description, children }: { id: string; path: string; title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section className="matrix-section" aria-labelledby={id}>
      <h3 id={id} className="matrix-section-title" tabIndex={-1} {...{ [PATH_ATTRIBUTE]: path }}>
        {title}
      </h3>
      {description && <p className="muted matrix-section-note">{description}</p>}
      {children}
    </section>
  );
}
