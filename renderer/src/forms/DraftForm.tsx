import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Field, ProcedureForm } from '#shared/catalog/form-schema';
import type { FieldRegister } from '#shared/merge/draft-state';
import type { FieldValue } from '#shared/protocol/operation';
import type { ValidationIssue } from '#shared/validators/result';
import { VietnameseTerm } from '../components/VietnameseTerm';
import type { AttachmentRepository } from '../repo/attachment-repository';
import type { DraftRepository, LoadedDraft } from '../repo/draft-repository';
import { DraftViewStore } from './draft-view';
import { FIELD_REGISTRY } from './field-registry';
import { FormBindingsContext, type FieldScope, type FormBindings } from './form-bindings';
import type { SaveTracker } from './save-tracker';

interface DraftFormProps {
  readonly form: ProcedureForm;
  readonly draft: LoadedDraft;
  /** This device's id (see FormBindings.deviceId). */
  readonly deviceId: string;
  readonly drafts: DraftRepository;
  readonly attachments: AttachmentRepository;
  readonly tracker: SaveTracker;
  /** Tracks a write until it is durable and shown. */
  readonly write: (job: Promise<unknown>) => void;
  readonly checkIssues: Readonly<Record<string, ValidationIssue>>;
  /** Called with the path of every field the person changes (so a stale "check" message can go). */
  readonly onEdited: (path: string) => void;
}

function renderField(field: Field, path: string, scope: FieldScope): ReactNode {
  const Component = FIELD_REGISTRY[field.type];
  return <Component key={path} field={field} path={path} scope={scope} />;
}

/**
 * All steps of a procedure's form on one scrolling page, each field drawn by the registry. The steps render
 * once; a new version of the draft reaches each field through the view store, so only fields whose value,
 * register or check issue changed render again.
 */
export function DraftForm({
  form,
  draft,
  deviceId,
  drafts,
  attachments,
  tracker,
  write,
  checkIssues,
  onEdited,
}: DraftFormProps) {
  const flushers = useRef(new Set<() => void>());
  const draftId = draft.state.draftId;
  const [view] = useState(
    () => new DraftViewStore({ values: draft.values, state: draft.state, checkIssues }),
  );
  useLayoutEffect(() => {
    view.set({ values: draft.values, state: draft.state, checkIssues });
  }, [view, draft, checkIssues]);

  const bindings = useMemo<FormBindings>(
    () => ({
      draftId,
      deviceId,
      view,
      tracker,
      save: (path: string, value: FieldValue, seen?: FieldRegister | null) => {
        onEdited(path);
        const { values, state } = view.get();
        if ((values[path] ?? null) === value && !state.fields[path]?.conflicts?.length) return;
        write(drafts.setField(draftId, path, value, seen === undefined ? {} : { seen }));
      },
      keepValue: (path: string, value: FieldValue) => {
        onEdited(path);
        write(drafts.resolveConflict(draftId, path, value));
      },
      saveAttachment: (path: string, photo: Blob) => {
        onEdited(path);
        write(
          (async () => {
            const stored = await attachments.store(draftId, await photo.arrayBuffer(), 'image/jpeg');
            await drafts.setAttachment(draftId, path, stored.sha256);
          })(),
        );
      },
      addRow: (groupId: string) => {
        onEdited(groupId);
        write(drafts.addRow(draftId, groupId));
      },
      deleteRow: (groupId: string, rowId: string) => {
        onEdited(groupId);
        write(drafts.deleteRow(draftId, groupId, rowId));
      },
      registerFlush: (flush: () => void) => {
        flushers.current.add(flush);
        return () => flushers.current.delete(flush);
      },
      renderField,
    }),
    [draftId, deviceId, view, drafts, attachments, tracker, write, onEdited],
  );

  // A tab switch, a closed window or a shutdown must not lose the last keystrokes.
  useEffect(() => {
    const flushAll = () => {
      for (const flush of flushers.current) flush();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flushAll();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flushAll);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flushAll);
    };
  }, []);

  return (
    <FormBindingsContext.Provider value={bindings}>
      <FormSteps form={form} />
    </FormBindingsContext.Provider>
  );
}

const FormSteps = memo(function FormSteps({ form }: { form: ProcedureForm }) {
  const { t } = useTranslation('catalog');
  const scope = useMemo<FieldScope>(
    () => ({ prefix: '', fields: form.steps.flatMap((s) => s.fields) }),
    [form],
  );
  return form.steps.map((step, index) => (
    <section key={step.id} className="step" aria-labelledby={`step-${step.id}`}>
      <h2 id={`step-${step.id}`} className="step__title">
        <span className="step__number">{index + 1}</span>
        {t(step.titleKey)}
      </h2>
      <VietnameseTerm ns="catalog" i18nKey={step.titleKey} />
      {step.fields.map((field) => renderField(field, field.id, scope))}
    </section>
  ));
});
