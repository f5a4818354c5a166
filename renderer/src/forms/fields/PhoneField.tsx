import type { FieldValue } from '#shared/protocol/operation';
import { formatPhoneForDisplay } from '#shared/validators/phone';
import type { FieldProps } from '../field-props';
import { TextInput } from './TextInput';

/** Stored in E.164 (+84…), shown the way people read it (0901 234 567). */
const national = (value: FieldValue): string => (value === null ? '' : formatPhoneForDisplay(String(value)));

export function PhoneField(props: FieldProps) {
  return <TextInput {...props} format={national} look={{ type: 'tel', inputMode: 'tel' }} />;
}
