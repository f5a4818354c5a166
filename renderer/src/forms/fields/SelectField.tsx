import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValidationIssue } from '#shared/validators/result';
import { commitValue, siblingValues } from '../commit-value';
import { useFieldView } from '../draft-view';
import { FieldFrame } from '../FieldFrame';
import type { FieldProps } from '../field-props';
import { useFormBindings } from '../form-bindings';

/** A choice among the catalog's options; a choice is a commit, so it is saved at once. */
export function SelectField({ field, path, scope }: FieldProps) {
  const { t } = useTranslation('catalog');
  const form = useFormBindings();
  const [issue, setIssue] = useState<ValidationIssue | null>(null);
  const stored = useFieldView(path).value;
  const options = field.options ?? [];
  const label = (key: string) => t(key);
  const viLabel = (key: string) => t(key, { lng: 'vi' });
  const format = (value: unknown) => {
    const option = options.find((o) => o.value === value);
    return option ? label(option.labelKey) : '';
  };
  return (
    <FieldFrame field={field} path={path} issue={issue} format={format}>
      {(aria) => (
        <select
          className="input input--select"
          {...aria}
          value={typeof stored === 'string' ? stored : ''}
          onChange={(e) => {
            const outcome = commitValue(
              field,
              e.target.value,
              siblingValues(scope.fields, scope.prefix, form.view.get().values),
            );
            if (outcome.kind === 'invalid') return setIssue(outcome.issue);
            setIssue(null);
            form.save(path, outcome.value);
          }}
        >
          <option value="">{t('form.choose', { ns: 'app' })}</option>
          {options.map((o) => {
            const text = label(o.labelKey);
            const vi = viLabel(o.labelKey);
            return (
              <option key={o.value} value={o.value}>
                {text === vi ? text : `${text} (${vi})`}
              </option>
            );
          })}
        </select>
      )}
    </FieldFrame>
  );
}
