import type { FieldProps } from '../field-props';
import { TextInput } from './TextInput';

export function PersonalIdField(props: FieldProps) {
  return <TextInput {...props} look={{ inputMode: 'numeric', spellCheck: false }} />;
}
