import type { FieldProps } from '../field-props';
import { TextInput } from './TextInput';

export function EmailField(props: FieldProps) {
  return (
    <TextInput
      {...props}
      look={{ type: 'email', inputMode: 'email', spellCheck: false, autoCapitalize: 'none' }}
    />
  );
}
