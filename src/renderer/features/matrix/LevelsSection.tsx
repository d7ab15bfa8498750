import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixDocument } from '../../../shared/domain/escalation-matrix/schema';
import { SUPPORT_LEVELS, type SupportLevel } from '../../../shared/domain/ticket';
import { useTeamStore } from '../team/team-store';
import { EditorSection, MatrixTextInput, ProblemMessage, useEditable, useFieldProblems } from './fields';
import { useMatrixStore } from './matrix-store';
import { PATH_ATTRIBUTE } from './problem-paths';

/** The support levels L1–L4: name, scope, the groups that staff them, whether customers see them. */
export function LevelsSection({ doc }: { doc: MatrixDocument }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <EditorSection id={`${id}-title`} path="levels" title={t('matrix.sections.levels')} description={t('matrix.levels.note')}>
      <div className="level-cards">
        {SUPPORT_LEVELS.map((level) => (
          <LevelCard key={level} level={level} doc={doc} />
        ))}
      </div>
    </EditorSection>
  );
}

function LevelCard({ level, doc }: { level: SupportLevel; doc: MatrixDocument }) {
  const { t } = useTranslation();
  const id = useId();
  const editable = useEditable();
  const edit = useMatrixStore((s) => s.edit);
  const teamGroups = useTeamStore((s) => s.groups);
  const spec = doc.levels[level];
  const base = `levels.${level}`;
  const [newGroup, setNewGroup] = useState('');
  const scopeProblems = useFieldProblems([`${base}.scope`]);
  const groupsProblems = useFieldProblems([`${base}.groups`]);
  // Groups of the team that no level lists yet, offered first when adding one.
  const unused = useMemo(() => {
    const listed = new Set(SUPPORT_LEVELS.flatMap((l) => doc.levels[l].groups));
    return [...teamGroups.values()].map((group) => group.name).filter((name) => !listed.has(name)).sort();
  }, [teamGroups, doc]);

  const addGroup = () => {
    const name = newGroup.trim();
    if (name === '') return;
    edit((draft) => {
      draft.levels[level].groups.push(name);
    });
    setNewGroup('');
  };

  return (
    <fieldset className="level-card" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`} className="level-legend">
        <span className="level-tag">{level}</span> {spec.name || t('matrix.levels.unnamed')}
      </legend>
      <ProblemMessage path={base} />
      <label htmlFor={`${id}-name`} className="field-label">
        {t('matrix.levels.name')}
      </label>
      <MatrixTextInput
        id={`${id}-name`}
        path={`${base}.name`}
        value={spec.name}
        onValue={(value) =>
          edit((draft) => {
            draft.levels[level].name = value;
          })
        }
      />
      <label htmlFor={`${id}-scope`} className="field-label">
        {t('matrix.levels.scope')}
      </label>
      <textarea
        id={`${id}-scope`}
        rows={2}
        {...{ [PATH_ATTRIBUTE]: `${base}.scope` }}
        value={spec.scope}
        readOnly={!editable}
        aria-invalid={scopeProblems.invalid || undefined}
        aria-describedby={scopeProblems.describedBy}
        onChange={(event) =>
          edit((draft) => {
            draft.levels[level].scope = event.target.value;
          })
        }
      />
      <ProblemMessage path={`${base}.scope`} />
      <p className="field-label" id={`${id}-groups`}>
        {t('matrix.levels.groups')}
      </p>
      <ul className="chip-list" aria-labelledby={`${id}-groups`} aria-describedby={groupsProblems.describedBy} {...{ [PATH_ATTRIBUTE]: `${base}.groups` }} tabIndex={-1}>
        {spec.groups.map((group, i) => (
          <GroupChip key={`${group}-${i}`} level={level} index={i} name={group} />
        ))}
        {spec.groups.length === 0 && <li className="muted">{t('matrix.levels.noGroups')}</li>}
      </ul>
      <ProblemMessage path={`${base}.groups`} />
      {editable && (
        <div className="inline-form">
          <label htmlFor={`${id}-add`} className="visually-hidden">
            {t('matrix.levels.addGroupTo', { level })}
          </label>
          <input
            id={`${id}-add`}
            type="text"
            list={`${id}-unused`}
            placeholder={t('matrix.levels.groupPlaceholder')}
            value={newGroup}
            onChange={(event) => setNewGroup(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                addGroup();
              }
            }}
          />
          <datalist id={`${id}-unused`}>
            {unused.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <button type="button" className="button small" onClick={addGroup} disabled={newGroup.trim() === ''}>
            {t('matrix.levels.addGroup')}
          </button>
        </div>
      )}
      <label className="check">
        <input
          type="checkbox"
          {...{ [PATH_ATTRIBUTE]: `${base}.customerVisible` }}
          checked={spec.customerVisible}
          disabled={!editable}
          onChange={(event) =>
            edit((draft) => {
              draft.levels[level].customerVisible = event.target.checked;
            })
          }
        />
        {t('matrix.levels.customerVisible')}
      </label>
      <ProblemMessage path={`${base}.customerVisible`} />
    </fieldset>
  );
}

function GroupChip({ level, index, name }: { level: SupportLevel; index: number; name: string }) {
  const { t } = useTranslation();
  const editable = useEditable();
  const edit = useMatrixStore((s) => s.edit);
  const path = `levels.${level}.groups.${index}`;
  const { invalid, describedBy } = useFieldProblems([path]);
  return (
    <li className={invalid ? 'chip is-invalid' : 'chip'}>
      <span {...{ [PATH_ATTRIBUTE]: path }} tabIndex={-1} aria-invalid={invalid || undefined} aria-describedby={describedBy}>
        {name || t('matrix.levels.emptyGroup')}
      </span>
      {editable && (
        <button
          type="button"
          className="tag-remove"
          aria-label={t('matrix.levels.removeGroup', { group: name, level })}
          onClick={() =>
            edit((draft) => {
              draft.levels[level].groups.splice(index, 1);
            })
          }
        >
          <span aria-hidden="true">×</span>
        </button>
      )}
      <ProblemMessage path={path} />
    </li>
  );
}
