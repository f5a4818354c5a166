import { fieldText } from './payload';

/** The procedure every generated draft is of (CT01, the temporary-residence registration). */
export const GENERATED_PROCEDURE = 'dang-ky-tam-tru';

/** How many drafts, fields per draft and characters per value a batch of generated edits has. */
export interface EditShape {
  readonly drafts: number;
  readonly fieldsPerDraft: number;
  readonly chars: number;
}

/** 5,000 edits of 1,000 characters: 100 drafts of 50 fields, each draft about 50 KB of text. */
export const FIVE_THOUSAND_EDITS: EditShape = { drafts: 100, fieldsPerDraft: 50, chars: 1000 };

export interface GeneratedEdit {
  /** 0-based position in the batch; documents and operations are made in this order. */
  readonly index: number;
  /** Which draft of the batch (0-based) the edit belongs to. */
  readonly draft: number;
  readonly field: string;
  readonly value: string;
}

/**
 * The one source of the edits every side of the sync benchmark syncs: the kiosk makes each one an operation
 * (DraftRepository.setField), PouchDB a document, the seeding device a pushed operation. Same order, same
 * text, so the sides move the same content.
 */
export function* generatedEdits(shape: EditShape): Generator<GeneratedEdit> {
  for (let draft = 0; draft < shape.drafts; draft++) {
    for (let f = 0; f < shape.fieldsPerDraft; f++) {
      const index = draft * shape.fieldsPerDraft + f;
      yield { index, draft, field: `f${f}`, value: fieldText(shape.chars, index) };
    }
  }
}

export function editCount(shape: EditShape): number {
  return shape.drafts * shape.fieldsPerDraft;
}
