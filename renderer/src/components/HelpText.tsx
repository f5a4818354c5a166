import { ReadAloud } from '../speech/ReadAloud';
import { LocalizedText } from './LocalizedText';

/** An instruction or a help text, with its Vietnamese fragments marked and a "read aloud" button beside it. */
export function HelpText({
  id,
  ns,
  i18nKey,
  className,
}: {
  id?: string;
  ns?: string;
  i18nKey: string;
  className: string;
}) {
  return (
    <div className="help-text">
      <p className={className} id={id}>
        <LocalizedText ns={ns} i18nKey={i18nKey} />
      </p>
      <ReadAloud ns={ns} i18nKey={i18nKey} />
    </div>
  );
}
