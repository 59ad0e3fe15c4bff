import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { documentUpload } from '../../../shared/documents.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextField } from '../../ui/fields';
import { blank, maxLengthOf, useFormMessages, useSchemaForm } from '../../ui/form';
import { useCaseLabels } from './cases.labels';
import type { DocumentUpload } from './cases.parts.types';
import { acceptedFiles, DOCUMENT_MAX_BYTES, mimeTypeOf, readAsBase64 } from './documents.file';

/**
 * The API's kind and name (left empty, the file's own name), and the file
 * itself checked here first: an accepted type, not empty, within the
 * server's default limit (it checks all again, and the content against the type).
 */
const schema = documentUpload.pick({ kind: true, name: true }).extend({
  kind: blank(documentUpload.shape.kind),
  name: blank(documentUpload.shape.name.optional()),
  file: z
    .preprocess((value) => value ?? undefined, z.instanceof(File))
    .refine((f) => mimeTypeOf(f) !== null, { message: 'invalid_value' })
    .refine((f) => f.size > 0, { message: 'empty_file' })
    .refine((f) => f.size <= DOCUMENT_MAX_BYTES, { message: 'file_too_large' }),
});

/**
 * Uploads a file to the case as JSON (its content base64-encoded). Types
 * and size are checked here first, so a wrong file is refused at once with
 * a plain message instead of after a long upload.
 */
export function DocumentUploadForm({ pending, error, onPick, onSubmit }: { pending: boolean; error: unknown; onPick: () => void; onSubmit: (upload: DocumentUpload, reset: () => void) => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const form = useSchemaForm(schema, { defaultValues: { kind: '', name: '', file: null } });
  // A new key empties the file input after an upload (it cannot be set from script).
  const [inputKey, setInputKey] = useState(0);
  const [reading, setReading] = useState(false);
  const file = { id: 'document-file', label: t('cases.documents.file') };
  // The server's errors on the content or its type land on the file field.
  const fields = { kind: { id: 'document-kind', label: t('cases.documents.kind') }, name: { id: 'document-name', label: t('cases.documents.name') }, file, mimeType: file, contentBase64: file };
  // Upload codes in this form's own, plainer words.
  const messages = useFormMessages(form.formState.errors, error, fields, {
    invalid_value: t('cases.documents.errors.type'),
    content_type_mismatch: t('cases.documents.errors.contentMismatch'),
    file_too_large: t('cases.documents.errors.tooLarge'),
    empty_file: t('cases.documents.errors.empty'),
  });
  const fileError = messages.at('file') ?? messages.at('contentBase64') ?? messages.at('mimeType');

  const pick = (chosen: File | null) => {
    // The name follows the file until she writes her own.
    const name = form.getValues('name');
    if (!name || name === (form.getValues('file') as File | null)?.name) form.setValue('name', chosen?.name ?? '');
    form.setValue('file', chosen);
    // Another file: what the server said of the last one no longer applies; this one is checked at once.
    onPick();
    void form.trigger('file');
  };

  const submit = async ({ kind, name, file: chosen }: z.output<typeof schema>) => {
    const mimeType = mimeTypeOf(chosen);
    if (!mimeType) return;
    setReading(true);
    try {
      const contentBase64 = await readAsBase64(chosen);
      onSubmit({ kind, name: name ?? chosen.name, mimeType, contentBase64 }, () => {
        form.reset();
        setInputKey((k) => k + 1);
      });
    } catch {
      form.setError('file', { message: 'file_unreadable' });
    } finally {
      setReading(false);
    }
  };

  const busy = pending || reading;
  return (
    <form noValidate onSubmit={form.handleSubmit(submit)} className="case-part-form case-form" aria-labelledby="document-form-title">
      <h3 id="document-form-title" className="h6">
        {t('cases.documents.uploadTitle')}
      </h3>
      {/* A file refused as soon as it is picked is said at the field; the summary is for a submit. */}
      <ErrorSummary id="document-errors" items={form.formState.isSubmitted ? messages.summary : []} />
      <TextField
        key={inputKey}
        id={file.id}
        type="file"
        accept={acceptedFiles}
        label={file.label}
        hint={t('cases.documents.fileHint')}
        aria-required="true"
        onChange={(e) => pick(e.currentTarget.files?.[0] ?? null)}
        error={fileError}
        // A file refused as soon as it is picked is read out there and then.
        announceError
      />
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField id={fields.kind.id} label={fields.kind.label} placeholder={t('common.choose')} aria-required="true" options={labels.options('documentKind')} {...form.register('kind')} error={messages.at('kind')} />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id={fields.name.id}
            label={fields.name.label}
            hint={t('cases.documents.nameHint')}
            maxLength={maxLengthOf(documentUpload.shape.name)}
            autoComplete="off"
            {...form.register('name')}
            error={messages.at('name')}
          />
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
        {t('cases.documents.upload')}
      </button>
    </form>
  );
}
