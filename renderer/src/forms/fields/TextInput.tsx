import type { InputHTMLAttributes } from 'react';
import { FieldFrame } from '../FieldFrame';
import type { FieldProps } from '../field-props';
import { useCommittedText, type DisplayFormat } from '../use-committed-text';

type InputLook = Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'inputMode' | 'autoComplete' | 'autoCapitalize' | 'spellCheck' | 'lang' | 'placeholder'
>;

interface TextInputProps extends FieldProps {
  readonly format?: DisplayFormat;
  readonly look?: InputLook;
  readonly multiline?: boolean;
}

/** The one text control behind every typed field; each field type only chooses its keyboard and display. */
export function TextInput({ field, path, scope, format, look, multiline = false }: TextInputProps) {
  const { inputProps, issue, remote } = useCommittedText(field, path, scope, format);
  return (
    <FieldFrame field={field} path={path} issue={issue} format={format} remote={remote}>
      {(aria) =>
        multiline ? (
          <textarea
            className="input input--multiline"
            rows={4}
            spellCheck={false}
            {...aria}
            {...inputProps}
          />
        ) : (
          <input className="input" type="text" autoComplete="off" {...look} {...aria} {...inputProps} />
        )
      }
    </FieldFrame>
  );
}
