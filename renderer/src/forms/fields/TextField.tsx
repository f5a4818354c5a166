import type { FieldProps } from '../field-props';
import { TextInput } from './TextInput';

export function TextField(props: FieldProps) {
  return <TextInput {...props} />;
}
