import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextField } from '../../ui/fields';
import { optional } from './cases.format';
import { isCode, useCaseLabels } from './cases.labels';
import type { DocumentUpload } from './cases.parts.types';
import { acceptedFiles, DOCUMENT_MAX_BYTES, mimeTypeOf, readAsBase64 } from './documents.file';
import { summaryItems, useCaseErrors } from './useCaseErrors';

/** The server's errors on the file land on the file field, whichever part of the request they name. */
const fieldIds: Record<string, string> = { kind: 'document-kind', name: 'document-name', file: 'document-file', mimeType: 'document-file', contentBase64: 'document-file' };

/**
 * Uploads a file to the case as JSON (its content base64-encoded). Types
 * and size are checked here first, so a wrong file is refused at once with
 * a plain message instead of after a long upload.
 */
export function DocumentUploadForm({ pending, error, onPick, onSubmit }: { pending: boolean; error: unknown; onPick: () => void; onSubmit: (upload: DocumentUpload, reset: () => void) => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const [kind, setKind] = useState('');
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  // A new key empties the file input after an upload (it cannot be set from script).
  const [inputKey, setInputKey] = useState(0);
  const [reading, setReading] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  // A file refused as soon as it is picked: said at the field; the summary is for a submit.
  const [picked, setPicked] = useState<string | undefined>();
  const server = useCaseErrors(error, {
    content_type_mismatch: t('cases.documents.errors.contentMismatch'),
    file_too_large: t('cases.documents.errors.tooLarge'),
    empty_file: t('cases.documents.errors.empty'),
  });
  const errors = { ...server, ...local };
  const fileError = errors.file ?? picked ?? errors.contentBase64 ?? errors.mimeType;

  /** What is wrong with a file, if anything. */
  const problemOf = (f: File | null): string | undefined => {
    if (!f) return t('cases.documents.errors.fileRequired');
    if (!mimeTypeOf(f)) return t('cases.documents.errors.type');
    if (f.size > DOCUMENT_MAX_BYTES) return t('cases.documents.errors.tooLarge');
    if (f.size === 0) return t('cases.documents.errors.empty');
    return undefined;
  };

  const pick = (chosen: File | null) => {
    // The name follows the file until she writes her own.
    if (!name || name === file?.name) setName(chosen?.name ?? '');
    setFile(chosen);
    // Another file: what the server said of the last one no longer applies.
    onPick();
    setPicked(chosen ? problemOf(chosen) : undefined);
    setLocal(({ file: _dropped, ...rest }) => rest);
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!isCode('documentKind', kind)) found.kind = t('cases.errors.required');
    const problem = problemOf(file);
    if (problem) found.file = problem;
    setLocal(found);
    const mimeType = file ? mimeTypeOf(file) : null;
    if (Object.keys(found).length || !file || !mimeType || !isCode('documentKind', kind)) return;
    setReading(true);
    try {
      const contentBase64 = await readAsBase64(file);
      onSubmit({ kind, name: optional(name) ?? file.name, mimeType, contentBase64 }, () => {
        setKind('');
        setName('');
        setFile(null);
        setPicked(undefined);
        setInputKey((k) => k + 1);
      });
    } catch {
      setLocal({ file: t('cases.documents.errors.read') });
    } finally {
      setReading(false);
    }
  };

  const busy = pending || reading;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="case-part-form case-form" aria-labelledby="document-form-title">
      <h3 id="document-form-title" className="h6">
        {t('cases.documents.uploadTitle')}
      </h3>
      <ErrorSummary id="document-errors" items={summaryItems(errors, fieldIds)} />
      <TextField
        key={inputKey}
        id="document-file"
        type="file"
        accept={acceptedFiles}
        label={t('cases.documents.file')}
        hint={t('cases.documents.fileHint')}
        required
        aria-required="true"
        onChange={(e) => pick(e.currentTarget.files?.[0] ?? null)}
        error={fileError}
        // A file refused as soon as it is picked is read out there and then.
        announceError
      />
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField id="document-kind" label={t('cases.documents.kind')} placeholder={t('common.choose')} required aria-required="true" options={labels.options('documentKind')} value={kind} onChange={(e) => setKind(e.currentTarget.value)} error={errors.kind} />
        </div>
        <div className="col-12 col-md-6">
          <TextField id="document-name" label={t('cases.documents.name')} hint={t('cases.documents.nameHint')} maxLength={200} autoComplete="off" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
        {t('cases.documents.upload')}
      </button>
    </form>
  );
}
