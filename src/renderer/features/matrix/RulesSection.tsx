import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SLA_CLOCKS } from '../../../shared/business-time/sla-clocks';
import {
  TRIGGER_RECIPIENTS,
  type MatrixDocument,
  type MatrixRoute,
  type TimeTrigger,
  type TriggerAction,
  type TriggerRecipient,
} from '../../../shared/domain/escalation-matrix/schema';
import { SUPPORT_LEVELS, type SupportLevel } from '../../../shared/domain/ticket';
import { ConditionsEditor, RULE_CONDITIONS, TRIGGER_CONDITIONS, documentGroups } from './ConditionsEditor';
import { DurationInput, EditorSection, MatrixTextInput, ProblemMessage, useEditable, useFieldProblems } from './fields';
import { newRuleId } from './matrix-keys';
import { useMatrixStore } from './matrix-store';
import { PATH_ATTRIBUTE } from './problem-paths';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const CLOCK_KEYS = {
  firstResponse: 'matrix.clocks.firstResponse',
  nextResponse: 'matrix.clocks.nextResponse',
  resolution: 'matrix.clocks.resolution',
} as const;

/** Moves an item of a list one place up or down (in place). */
function move<T>(list: T[], index: number, by: -1 | 1): void {
  const to = index + by;
  if (to < 0 || to >= list.length) return;
  const [item] = list.splice(index, 1);
  list.splice(to, 0, item as T);
}

/** Where routing sends new tickets: the rules in order (first match wins) and the fallback route. */
export function RoutingSection({ doc }: { doc: MatrixDocument }) {
  const { t } = useTranslation();
  const id = useId();
  const editable = useEditable();
  const edit = useMatrixStore((s) => s.edit);
  return (
    <EditorSection id={`${id}-title`} path="routing" title={t('matrix.sections.routing')} description={t('matrix.routing.note')}>
      <ol className="rule-list">
        {doc.routing.rules.map((rule, i) => {
          const base = `routing.rules.${i}`;
          const name = rule.name || t('matrix.routing.unnamed', { n: i + 1 });
          return (
            <li key={rule.id || i} className="rule-card">
              <RuleHeader
                base={base}
                index={i}
                count={doc.routing.rules.length}
                name={rule.name}
                label={t('matrix.routing.nameOf', { n: i + 1 })}
                onName={(value) =>
                  edit((draft) => {
                    draft.routing.rules[i]!.name = value;
                  })
                }
                onMove={(by) =>
                  edit((draft) => {
                    move(draft.routing.rules, i, by);
                  })
                }
                onRemove={() =>
                  edit((draft) => {
                    draft.routing.rules.splice(i, 1);
                  })
                }
                owner={name}
              />
              <ConditionsEditor
                base={`${base}.when`}
                when={rule.when}
                fields={RULE_CONDITIONS}
                doc={doc}
                owner={name}
                onChange={(when) =>
                  edit((draft) => {
                    draft.routing.rules[i]!.when = when;
                  })
                }
              />
              <RouteEditor
                base={base}
                route={rule}
                doc={doc}
                owner={name}
                onChange={(route) =>
                  edit((draft) => {
                    Object.assign(draft.routing.rules[i]!, route);
                  })
                }
              />
            </li>
          );
        })}
      </ol>
      {editable && (
        <button
          type="button"
          className="button small"
          onClick={() =>
            edit((draft) => {
              draft.routing.rules.push({ id: newRuleId(), name: '', when: {}, level: 'L1', group: draft.levels.L1.groups[0] ?? '' });
            })
          }
        >
          {t('matrix.routing.add')}
        </button>
      )}
      <div className="rule-card fallback">
        <p className="field-label">{t('matrix.routing.fallback')}</p>
        <RouteEditor
          base="routing.fallback"
          route={doc.routing.fallback}
          doc={doc}
          owner={t('matrix.routing.fallback')}
          onChange={(route) =>
            edit((draft) => {
              draft.routing.fallback = route;
            })
          }
        />
      </div>
    </EditorSection>
  );
}

function RuleHeader({
  base,
  index,
  count,
  name,
  label,
  owner,
  onName,
  onMove,
  onRemove,
}: {
  base: string;
  index: number;
  count: number;
  name: string;
  label: string;
  owner: string;
  onName: (name: string) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const editable = useEditable();
  return (
    <div className="rule-header">
      <span className="rule-number" aria-hidden="true">
        {index + 1}
      </span>
      <MatrixTextInput path={`${base}.name`} alsoPaths={[base, `${base}.id`]} aria-label={label} className="rule-name" value={name} onValue={onName} withMessage={false} />
      {editable && (
        <span className="rule-tools">
          <button type="button" className="button small subtle" disabled={index === 0} aria-label={t('matrix.rules.up', { owner })} onClick={() => onMove(-1)}>
            <span aria-hidden="true">↑</span>
          </button>
          <button type="button" className="button small subtle" disabled={index === count - 1} aria-label={t('matrix.rules.down', { owner })} onClick={() => onMove(1)}>
            <span aria-hidden="true">↓</span>
          </button>
          <button type="button" className="button small danger-subtle" aria-label={t('matrix.rules.remove', { owner })} onClick={onRemove}>
            {t('matrix.rules.removeShort')}
          </button>
        </span>
      )}
      <ProblemMessage path={`${base}.name`} />
      <ProblemMessage path={`${base}.id`} />
      <ProblemMessage path={base} />
    </div>
  );
}

/** A level and a group of that level, as a rule or the fallback routes to. */
function RouteEditor({ base, route, doc, owner, onChange }: { base: string; route: MatrixRoute; doc: MatrixDocument; owner: string; onChange: (route: MatrixRoute) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const editable = useEditable();
  const levelProblems = useFieldProblems([`${base}.level`]);
  const groupProblems = useFieldProblems([`${base}.group`]);
  const groups = doc.levels[route.level].groups;
  const groupOptions = groups.includes(route.group) ? groups : [route.group, ...groups];
  return (
    <div className="route">
      <span className="field-label">{t('matrix.routing.then')}</span>
      <label htmlFor={`${id}-level`} className="visually-hidden">
        {t('matrix.routing.levelOf', { owner })}
      </label>
      <select
        id={`${id}-level`}
        {...{ [PATH_ATTRIBUTE]: `${base}.level` }}
        value={route.level}
        disabled={!editable}
        aria-invalid={levelProblems.invalid || undefined}
        aria-describedby={levelProblems.describedBy}
        onChange={(event) => {
          const level = SUPPORT_LEVELS.find((l) => l === event.target.value) as SupportLevel;
          onChange({ level, group: doc.levels[level].groups[0] ?? '' });
        }}
      >
        {SUPPORT_LEVELS.map((level) => (
          <option key={level} value={level}>
            {level} {doc.levels[level].name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-group`} className="visually-hidden">
        {t('matrix.routing.groupOf', { owner })}
      </label>
      <select
        id={`${id}-group`}
        {...{ [PATH_ATTRIBUTE]: `${base}.group` }}
        value={route.group}
        disabled={!editable}
        aria-invalid={groupProblems.invalid || undefined}
        aria-describedby={groupProblems.describedBy}
        onChange={(event) => onChange({ level: route.level, group: event.target.value })}
      >
        {groupOptions.map((group) => (
          <option key={group} value={group}>
            {group || t('matrix.levels.emptyGroup')}
          </option>
        ))}
      </select>
      <ProblemMessage path={`${base}.level`} />
      <ProblemMessage path={`${base}.group`} />
    </div>
  );
}

/** Time triggers: at a share of a clock's target or at its breach, notify or escalate, maybe repeatedly. */
export function TriggersSection({ doc }: { doc: MatrixDocument }) {
  const { t } = useTranslation();
  const id = useId();
  const editable = useEditable();
  const edit = useMatrixStore((s) => s.edit);
  return (
    <EditorSection id={`${id}-title`} path="triggers" title={t('matrix.sections.triggers')} description={t('matrix.triggers.note')}>
      <ol className="rule-list">
        {doc.triggers.map((trigger, i) => (
          <TriggerCard key={trigger.id || i} trigger={trigger} index={i} count={doc.triggers.length} doc={doc} />
        ))}
      </ol>
      {editable && (
        <button
          type="button"
          className="button small"
          onClick={() =>
            edit((draft) => {
              draft.triggers.push({
                id: newRuleId(),
                name: '',
                clock: 'resolution',
                at: { kind: 'share', percent: 75 },
                repeatEveryMinutes: null,
                when: {},
                actions: [{ type: 'notify', recipients: ['assignee'] }],
              });
            })
          }
        >
          {t('matrix.triggers.add')}
        </button>
      )}
    </EditorSection>
  );
}

function TriggerCard({ trigger, index, count, doc }: { trigger: TimeTrigger; index: number; count: number; doc: MatrixDocument }) {
  const { t } = useTranslation();
  const id = useId();
  const editable = useEditable();
  const edit = useMatrixStore((s) => s.edit);
  const base = `triggers.${index}`;
  const name = trigger.name || t('matrix.triggers.unnamed', { n: index + 1 });
  const change = (recipe: (trigger: TimeTrigger) => void) =>
    edit((draft) => {
      const target = draft.triggers[index];
      if (target) recipe(target);
    });
  const clockProblems = useFieldProblems([`${base}.clock`]);
  const percentPath = `${base}.at.percent`;

  return (
    <li className="rule-card">
      <RuleHeader
        base={base}
        index={index}
        count={count}
        name={trigger.name}
        label={t('matrix.triggers.nameOf', { n: index + 1 })}
        owner={name}
        onName={(value) => change((x) => void (x.name = value))}
        onMove={(by) => edit((draft) => move(draft.triggers, index, by))}
        onRemove={() => edit((draft) => void draft.triggers.splice(index, 1))}
      />
      <div className="trigger-moment">
        <label htmlFor={`${id}-clock`} className="field-label">
          {t('matrix.triggers.clock')}
        </label>
        <select
          id={`${id}-clock`}
          {...{ [PATH_ATTRIBUTE]: `${base}.clock` }}
          value={trigger.clock}
          disabled={!editable}
          aria-invalid={clockProblems.invalid || undefined}
          aria-describedby={clockProblems.describedBy}
          onChange={(event) => {
            const clock = SLA_CLOCKS.find((c) => c === event.target.value);
            if (clock) change((x) => void (x.clock = clock));
          }}
        >
          {SLA_CLOCKS.map((clock) => (
            <option key={clock} value={clock}>
              {t(CLOCK_KEYS[clock])}
            </option>
          ))}
        </select>
        <fieldset className="radio-group inline">
          <legend className="field-label">{t('matrix.triggers.at')}</legend>
          <label className="check">
            <input
              type="radio"
              name={`${id}-at`}
              checked={trigger.at.kind === 'share'}
              disabled={!editable}
              onChange={() => change((x) => void (x.at = { kind: 'share', percent: 75 }))}
            />
            {t('matrix.triggers.share')}
          </label>
          {trigger.at.kind === 'share' && (
            <span className="percent-field">
              <MatrixTextInput
                path={percentPath}
                alsoPaths={[`${base}.at`]}
                className="percent-input"
                inputMode="numeric"
                aria-label={t('matrix.triggers.percentOf', { owner: name })}
                value={String(trigger.at.percent)}
                withMessage={false}
                onValue={(value) => change((x) => void (x.at = { kind: 'share', percent: value.trim() === '' ? Number.NaN : Number(value.replace(',', '.')) }))}
              />
              <span aria-hidden="true">%</span>
            </span>
          )}
          <label className="check">
            <input
              type="radio"
              name={`${id}-at`}
              checked={trigger.at.kind === 'breach'}
              disabled={!editable}
              onChange={() => change((x) => void (x.at = { kind: 'breach' }))}
            />
            {t('matrix.triggers.breach')}
          </label>
          <ProblemMessage path={percentPath} />
          <ProblemMessage path={`${base}.at`} />
        </fieldset>
        <div className="repeat">
          <label className="check">
            <input
              type="checkbox"
              checked={trigger.repeatEveryMinutes !== null}
              disabled={!editable}
              onChange={(event) => change((x) => void (x.repeatEveryMinutes = event.target.checked ? 60 : null))}
            />
            {t('matrix.triggers.repeat')}
          </label>
          {trigger.repeatEveryMinutes !== null && (
            <DurationInput
              path={`${base}.repeatEveryMinutes`}
              value={trigger.repeatEveryMinutes}
              allowEmpty={false}
              label={t('matrix.triggers.repeatOf', { owner: name })}
              onMinutes={(minutes) => change((x) => void (x.repeatEveryMinutes = minutes))}
            />
          )}
        </div>
      </div>
      <ConditionsEditor base={`${base}.when`} when={trigger.when} fields={TRIGGER_CONDITIONS} doc={doc} owner={name} onChange={(when) => change((x) => void (x.when = when))} />
      <div className="actions" role="group" aria-label={t('matrix.triggers.actionsOf', { owner: name })}>
        <p className="field-label" tabIndex={-1} {...{ [PATH_ATTRIBUTE]: `${base}.actions` }}>
          {t('matrix.triggers.then')}
        </p>
        <ProblemMessage path={`${base}.actions`} />
        <ul className="action-list">
          {trigger.actions.map((action, j) => (
            <ActionEditor
              key={j}
              path={`${base}.actions.${j}`}
              action={action}
              doc={doc}
              label={t('matrix.triggers.actionOf', { n: j + 1, owner: name })}
              onChange={(next) => change((x) => void (x.actions[j] = next))}
              onRemove={() => change((x) => void x.actions.splice(j, 1))}
            />
          ))}
        </ul>
        {editable && (
          <button type="button" className="button small subtle" onClick={() => change((x) => void x.actions.push({ type: 'notify', recipients: ['assignee'] }))}>
            {t('matrix.triggers.addAction')}
          </button>
        )}
      </div>
    </li>
  );
}

function ActionEditor({ path, action, doc, label, onChange, onRemove }: { path: string; action: TriggerAction; doc: MatrixDocument; label: string; onChange: (action: TriggerAction) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const editable = useEditable();
  const typeProblems = useFieldProblems([path]);
  const groupProblems = useFieldProblems([`${path}.group`]);
  const groups = documentGroups(doc);
  return (
    <li className="action">
      <label htmlFor={`${id}-type`} className="visually-hidden">
        {label}
      </label>
      <select
        id={`${id}-type`}
        {...{ [PATH_ATTRIBUTE]: path }}
        value={action.type}
        disabled={!editable}
        aria-invalid={typeProblems.invalid || undefined}
        aria-describedby={typeProblems.describedBy}
        onChange={(event) => {
          const type = event.target.value;
          if (type === 'notify') onChange({ type, recipients: ['assignee'] });
          else if (type === 'escalate-next-level') onChange({ type });
          else if (type === 'escalate-to-group') onChange({ type, group: groups[0] ?? '' });
        }}
      >
        <option value="notify">{t('matrix.triggers.notify')}</option>
        <option value="escalate-next-level">{t('matrix.triggers.escalateNext')}</option>
        <option value="escalate-to-group">{t('matrix.triggers.escalateTo')}</option>
      </select>
      {action.type === 'notify' && (
        <Recipients path={`${path}.recipients`} recipients={action.recipients} label={label} onChange={(recipients) => onChange({ type: 'notify', recipients })} />
      )}
      {action.type === 'escalate-to-group' && (
        <>
          <label htmlFor={`${id}-group`} className="visually-hidden">
            {t('matrix.triggers.groupOf', { action: label })}
          </label>
          <select
            id={`${id}-group`}
            {...{ [PATH_ATTRIBUTE]: `${path}.group` }}
            value={action.group}
            disabled={!editable}
            aria-invalid={groupProblems.invalid || undefined}
            aria-describedby={groupProblems.describedBy}
            onChange={(event) => onChange({ type: 'escalate-to-group', group: event.target.value })}
          >
            {(groups.includes(action.group) ? groups : [action.group, ...groups]).map((group) => (
              <option key={group} value={group}>
                {group || t('matrix.levels.emptyGroup')}
              </option>
            ))}
          </select>
        </>
      )}
      {editable && (
        <button type="button" className="tag-remove" aria-label={t('matrix.triggers.removeAction', { action: label })} onClick={onRemove}>
          <span aria-hidden="true">×</span>
        </button>
      )}
      <ProblemMessage path={path} />
      <ProblemMessage path={`${path}.group`} />
    </li>
  );
}

function Recipients({ path, recipients, label, onChange }: { path: string; recipients: readonly string[]; label: string; onChange: (recipients: TriggerRecipient[]) => void }) {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const editable = useEditable();
  const itemPaths = recipients.map((_, i) => `${path}.${i}`);
  const { invalid, describedBy } = useFieldProblems([path, ...itemPaths]);
  return (
    <fieldset className="checkbox-group inline" aria-invalid={invalid || undefined} aria-describedby={describedBy}>
      <legend className="visually-hidden">{t('matrix.triggers.recipientsOf', { action: label })}</legend>
      {TRIGGER_RECIPIENTS.map((recipient, i) => (
        <label key={recipient} className="check">
          <input
            type="checkbox"
            {...(i === 0 ? { [PATH_ATTRIBUTE]: path } : {})}
            checked={recipients.includes(recipient)}
            disabled={!editable}
            onChange={(event) =>
              onChange(event.target.checked ? [...recipients.filter((r) => r !== recipient), recipient].filter(isRecipient) : recipients.filter((r) => r !== recipient).filter(isRecipient))
            }
          />
          {tr(`matrix.recipients.${recipient}`)}
        </label>
      ))}
      <ProblemMessage path={path} />
    </fieldset>
  );
}

function isRecipient(value: string): value is TriggerRecipient {
  return (TRIGGER_RECIPIENTS as readonly string[]).includes(value);
}
