import type { FieldType } from '#shared/catalog/form-schema';
import type { FieldComponent } from './field-props';
import { AttachmentField } from './fields/AttachmentField';
import { DateField } from './fields/DateField';
import { EmailField } from './fields/EmailField';
import { GroupField } from './fields/GroupField';
import { NameField } from './fields/NameField';
import { PersonalIdField } from './fields/PersonalIdField';
import { PhoneField } from './fields/PhoneField';
import { SelectField } from './fields/SelectField';
import { TextareaField } from './fields/TextareaField';
import { TextField } from './fields/TextField';

/** One component per field type. A new type is one new entry here (the type checker insists), never a branch. */
export const FIELD_REGISTRY: Readonly<Record<FieldType, FieldComponent>> = {
  text: TextField,
  name: NameField,
  date: DateField,
  personalId: PersonalIdField,
  phone: PhoneField,
  email: EmailField,
  select: SelectField,
  textarea: TextareaField,
  group: GroupField,
  attachment: AttachmentField,
};
