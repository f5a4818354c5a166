import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Field } from '#shared/catalog/form-schema';
import type { FieldValue } from '#shared/protocol/operation';
import type { ValidationIssue } from '#shared/validators/result';
import { VietnameseTerm } from '../components/VietnameseTerm';
import { errorId, hintId, inputId } from './field-ids';
import { useFieldView } from './draft-view';
import { useFormBindings } from './form-bindings';
import { plainText, type DisplayFormat } from './use-committed-text';

interface FieldFrameProps {
  readonly field: Field;
  readonly path: string;
  readonly issue: ValidationIssue | null;
  readonly format?: DisplayFormat;
  /** A value another device saved while the person is in this field (shown beside it, never typed into it). */
  readonly remote?: FieldValue | undefined;
  /** Renders the control with the accessibility attributes that tie it to its label, hint and error. */
  readonly children: (aria: ControlAria) => ReactNode;
}

export interface ControlAria {
  readonly id: string;
  readonly 'data-field': string;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby': string | undefined;
  readonly 'aria-required': boolean;
}

/** Label (with the Vietnamese legal label beside a translation), hint, the control, its error and any conflict. */
export function FieldFrame({ field, path, issue, format = plainText, remote, children }: FieldFrameProps) {
  const { t } = useTranslation('catalog');
  const { checkIssue } = useFieldView(path);
  const shown = issue ?? checkIssue ?? null;
  const aria: ControlAria = {
    id: inputId(path),
    'data-field': path,
    'aria-invalid': shown !== null,
    'aria-describedby':
      [field.hintKey ? hintId(path) : null, shown ? errorId(path) : null].filter(Boolean).join(' ') ||
      undefined,
    'aria-required': field.required === true,
  };
  return (
    <div className={`field${shown ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={inputId(path)}>
        {t(field.labelKey)}
        {field.required ? <RequiredMark /> : null}
      </label>
      <VietnameseTerm ns="catalog" i18nKey={field.labelKey} />
      {field.hintKey ? (
        <p className="field__hint" id={hintId(path)}>
          {t(field.hintKey)}
        </p>
      ) : null}
      {children(aria)}
      {remote !== undefined ? (
        <p className="field__remote" role="status" data-testid={`remote-change-${path}`}>
          {t('form.remoteChange', { ns: 'app', value: format(remote) || t('conflict.empty', { ns: 'app' }) })}
        </p>
      ) : null}
      {shown ? (
        <p className="field__error" id={errorId(path)} role="alert" data-testid={`field-error-${path}`}>
          {t(shown.code, { ns: 'validation', ...shown.params })}
        </p>
      ) : null}
      <ConflictChoice path={path} format={format} />
    </div>
  );
}

function RequiredMark() {
  const { t } = useTranslation();
  return (
    <span className="field__required" title={t('form.required')}>
      {' *'}
      <span className="visually-hidden">{t('form.required')}</span>
    </span>
  );
}

/** When both PCs changed this field at once: show both values and let the person keep one. */
function ConflictChoice({ path, format }: { path: string; format: DisplayFormat }) {
  const { t } = useTranslation();
  const form = useFormBindings();
  const { register } = useFieldView(path);
  if (!register?.conflicts?.length) return null;
  const choices: { value: FieldValue; current: boolean }[] = [
    { value: register.value, current: true },
    ...register.conflicts.map((c) => ({ value: c.value, current: false })),
  ];
  return (
    <div className="conflict" role="group" aria-label={t('conflict.title')} data-testid={`conflict-${path}`}>
      <p className="conflict__title">{t('conflict.title')}</p>
      <p>{t('conflict.explain')}</p>
      <ul className="conflict__choices">
        {choices.map((choice, i) => (
          <li key={i}>
            <span className="conflict__source">
              {t(choice.current ? 'conflict.shown' : 'conflict.other')}
            </span>
            <span className="conflict__value">{format(choice.value) || t('conflict.empty')}</span>
            <button type="button" className="button" onClick={() => form.keepValue(path, choice.value)}>
              {t('conflict.keep')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
