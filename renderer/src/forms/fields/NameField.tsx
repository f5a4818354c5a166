import type { FieldProps } from '../field-props';
import { TextInput } from './TextInput';

/** Legal names, typed in Vietnamese (Unikey/Telex): never auto-corrected or re-cased, only normalized on commit. */
export function NameField(props: FieldProps) {
  return <TextInput {...props} look={{ lang: 'vi', autoCapitalize: 'words', spellCheck: false }} />;
}
