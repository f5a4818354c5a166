import { useTranslation } from 'react-i18next';
import type { FieldValue } from '#shared/protocol/operation';
import { formatIsoAsVn } from '#shared/validators/date';
import type { FieldProps } from '../field-props';
import { TextInput } from './TextInput';

/** Stored as ISO yyyy-mm-dd, shown and typed day first as on Vietnamese forms. */
const dayFirst = (value: FieldValue): string => (value === null ? '' : formatIsoAsVn(String(value)));

export function DateField(props: FieldProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      {...props}
      format={dayFirst}
      look={{ inputMode: 'numeric', placeholder: t('form.datePlaceholder') }}
    />
  );
}
