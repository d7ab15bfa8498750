import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixDocument, TriggerConditions } from '../../../shared/domain/escalation-matrix/schema';
import { CHANNELS, SUPPORT_LEVELS, TICKET_PRIORITIES } from '../../../shared/domain/ticket';
import { ProblemMessage, useEditable, useFieldProblems } from './fields';
import { PATH_ATTRIBUTE } from './problem-paths';

/** A condition a rule or trigger can test. */
export type ConditionField = keyof TriggerConditions;

/** The conditions of a routing rule; triggers add the ticket's level and group. */
export const RULE_CONDITIONS: readonly ConditionField[] = ['plans', 'priorities', 'channels', 'categories', 'tags', 'organisations'];
export const TRIGGER_CONDITIONS: readonly ConditionField[] = [...RULE_CONDITIONS, 'levels', 'groups'];

const FREE_TEXT: ReadonlySet<ConditionField> = new Set(['categories', 'tags', 'organisations']);

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Every group the document's levels list, in level order. */
export function documentGroups(doc: MatrixDocument): string[] {
  return [...new Set(SUPPORT_LEVELS.flatMap((level) => doc.levels[level].groups))];
}

/**
 * The conditions of a rule or trigger: each present condition with its values (checkboxes for
 * fixed lists, comma-separated text for categories, tags and organisations), and a picker to add
 * one. An absent condition matches every ticket; an empty one none (a problem the rules report).
 */
export function ConditionsEditor({
  base,
  when,
  fields,
  doc,
  owner,
  onChange,
}: {
  base: string;
  when: TriggerConditions;
  fields: readonly ConditionField[];
  doc: MatrixDocument;
  /** The rule's or trigger's name, for accessible names of the controls. */
  owner: string;
  onChange: (when: TriggerConditions) => void;
}) {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const id = useId();
  const editable = useEditable();
  const present = fields.filter((field) => when[field] !== undefined);
  const absent = fields.filter((field) => when[field] === undefined);

  const options = (field: ConditionField): { value: string; label: string }[] => {
    switch (field) {
      case 'plans':
        return Object.entries(doc.plans).map(([key, plan]) => ({ value: key, label: plan.name || key }));
      case 'priorities':
        return [...TICKET_PRIORITIES].reverse().map((value) => ({ value, label: tr(`priority.${value}`) }));
      case 'channels':
        return CHANNELS.map((value) => ({ value, label: tr(`channel.${value}`) }));
      case 'levels':
        return SUPPORT_LEVELS.map((value) => ({ value, label: `${value} ${doc.levels[value].name}` }));
      case 'groups':
        return documentGroups(doc).map((value) => ({ value, label: value }));
      default:
        return [];
    }
  };

  const set = (field: ConditionField, values: string[] | undefined) => {
    const next = { ...when } as Record<string, string[] | undefined>;
    if (values === undefined) delete next[field];
    else next[field] = values;
    onChange(next as TriggerConditions);
  };

  return (
    <div className="conditions" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="field-label" tabIndex={-1} {...{ [PATH_ATTRIBUTE]: `${base}` }}>
        {present.length === 0 ? t('matrix.conditions.any') : t('matrix.conditions.when')}
      </p>
      <ProblemMessage path={base} />
      {present.map((field) => {
        const values = (when[field] ?? []) as string[];
        const fieldName = tr(`matrix.conditions.${field}`);
        return (
          <div key={field} className="condition">
            <span className="condition-name">{fieldName}</span>
            {FREE_TEXT.has(field) ? (
              <ListText
                path={`${base}.${field}`}
                values={values}
                label={t('matrix.conditions.valuesOf', { field: fieldName, owner })}
                onValues={(list) => set(field, list)}
              />
            ) : (
              <ChoiceList
                path={`${base}.${field}`}
                values={values}
                options={options(field)}
                label={t('matrix.conditions.valuesOf', { field: fieldName, owner })}
                onValues={(list) => set(field, list)}
              />
            )}
            {editable && (
              <button
                type="button"
                className="tag-remove"
                aria-label={t('matrix.conditions.remove', { field: fieldName, owner })}
                onClick={() => set(field, undefined)}
              >
                <span aria-hidden="true">×</span>
              </button>
            )}
          </div>
        );
      })}
      {editable && absent.length > 0 && (
        <span className="inline-form">
          <label htmlFor={`${id}-add`} className="visually-hidden">
            {t('matrix.conditions.addTo', { owner })}
          </label>
          <select
            id={`${id}-add`}
            value=""
            onChange={(event) => {
              const field = absent.find((f) => f === event.target.value);
              if (field) set(field, []);
            }}
          >
            <option value="">{t('matrix.conditions.add')}</option>
            {absent.map((field) => (
              <option key={field} value={field}>
                {tr(`matrix.conditions.${field}`)}
              </option>
            ))}
          </select>
        </span>
      )}
    </div>
  );
}

function ChoiceList({
  path,
  values,
  options,
  label,
  onValues,
}: {
  path: string;
  values: string[];
  options: { value: string; label: string }[];
  label: string;
  onValues: (values: string[]) => void;
}) {
  const { t } = useTranslation();
  const editable = useEditable();
  const itemPaths = values.map((_, i) => `${path}.${i}`);
  const { invalid, describedBy } = useFieldProblems([path, ...itemPaths]);
  // Values the document holds that are not on offer (a plan since removed) show too, to be unticked.
  const shown = [...options, ...values.filter((value) => !options.some((o) => o.value === value)).map((value) => ({ value, label: t('matrix.conditions.unknownValue', { value }) }))];
  return (
    <fieldset className="checkbox-group inline choice-list" aria-invalid={invalid || undefined} aria-describedby={describedBy}>
      <legend className="visually-hidden">{label}</legend>
      {shown.map((option, i) => {
        const index = values.indexOf(option.value);
        return (
          <label key={option.value} className="check">
            <input
              type="checkbox"
              {...{ [PATH_ATTRIBUTE]: index >= 0 ? `${path}.${index}` : i === 0 ? path : `${path}.option-${option.value}` }}
              checked={index >= 0}
              disabled={!editable}
              onChange={(event) => onValues(event.target.checked ? [...values, option.value] : values.filter((v) => v !== option.value))}
            />
            {option.label}
          </label>
        );
      })}
      <ProblemMessage path={path} />
      {itemPaths.map((itemPath) => (
        <ProblemMessage key={itemPath} path={itemPath} />
      ))}
    </fieldset>
  );
}

/** Free values as comma-separated text; the document follows as the lead types, the text keeps its commas until they leave. */
function ListText({ path, values, label, onValues }: { path: string; values: string[]; label: string; onValues: (values: string[]) => void }) {
  const editable = useEditable();
  const joined = values.join(', ');
  const [text, setText] = useState(joined);
  const [focused, setFocused] = useState(false);
  const itemPaths = values.map((_, i) => `${path}.${i}`);
  const { invalid, describedBy } = useFieldProblems([path, ...itemPaths]);
  useEffect(() => {
    if (!focused) setText(joined);
  }, [joined, focused]);
  return (
    <span className="list-text">
      <input
        type="text"
        {...{ [PATH_ATTRIBUTE]: path }}
        aria-label={label}
        value={text}
        readOnly={!editable}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onChange={(event) => {
          setText(event.target.value);
          onValues(
            event.target.value
              .split(',')
              .map((value) => value.trim())
              .filter((value) => value !== ''),
          );
        }}
      />
      <ProblemMessage path={path} />
      {itemPaths.map((itemPath) => (
        <ProblemMessage key={itemPath} path={itemPath} />
      ))}
    </span>
  );
}
