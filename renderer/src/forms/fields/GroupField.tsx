import { useTranslation } from 'react-i18next';
import { VietnameseTerm } from '../../components/VietnameseTerm';
import type { FieldProps } from '../field-props';
import { useFieldView, useGroupRows } from '../draft-view';
import { useFormBindings } from '../form-bindings';

/** A repeating group (e.g. household members): one fieldset per row, rows added and removed by buttons. */
export function GroupField({ field, path }: FieldProps) {
  const { t } = useTranslation();
  const form = useFormBindings();
  const rows = useGroupRows(path);
  const children = field.fields ?? [];
  const full = field.maxRows !== undefined && rows.length >= field.maxRows;
  const issue = useFieldView(path).checkIssue;
  return (
    <section className="group" aria-labelledby={`${path}-title`} data-group={path}>
      <h3 className="group__title" id={`${path}-title`}>
        {t(field.labelKey, { ns: 'catalog' })}
      </h3>
      <VietnameseTerm ns="catalog" i18nKey={field.labelKey} />
      {field.hintKey ? <p className="field__hint">{t(field.hintKey, { ns: 'catalog' })}</p> : null}
      {rows.length === 0 ? <p className="group__empty">{t('form.noRows')}</p> : null}
      {rows.map((rowId, index) => (
        <fieldset key={rowId} className="group__row" data-row-id={rowId}>
          <legend>{t('form.row', { n: index + 1 })}</legend>
          {children.map((child) =>
            form.renderField(child, `${path}.${rowId}.${child.id}`, {
              prefix: `${path}.${rowId}.`,
              fields: children,
            }),
          )}
          <button
            type="button"
            className="button button--danger"
            data-testid={`delete-row-${path}`}
            onClick={() => form.deleteRow(path, rowId)}
          >
            {t('form.deleteRow', { n: index + 1 })}
          </button>
        </fieldset>
      ))}
      {issue ? (
        <p className="field__error" role="alert" data-testid={`field-error-${path}`}>
          {t(issue.code, { ns: 'validation', ...issue.params })}
        </p>
      ) : null}
      <button
        type="button"
        className="button button--secondary"
        data-testid={`add-row-${path}`}
        disabled={full}
        onClick={() => form.addRow(path)}
      >
        {t('form.addRow')}
      </button>
      {full ? <p className="field__hint">{t('form.maxRows', { count: field.maxRows })}</p> : null}
    </section>
  );
}
