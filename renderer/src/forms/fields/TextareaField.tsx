import type { FieldProps } from '../field-props';
import { TextInput } from './TextInput';

export function TextareaField(props: FieldProps) {
  return <TextInput {...props} multiline />;
}
