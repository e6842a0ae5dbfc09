// Client for the Data area: uploads (with upload progress), import history, quarantine, mappings.
// The response types are the server's own (src/web/server/routes/api-types.ts).
import type {
  ImportDetail,
  ImportList,
  ImportSummary,
  Mapping,
  MappingInfo,
  MappingPreview,
  QuarantineChange,
  QuarantineList,
  QuarantineRecordDetail,
  QuarantineStatus,
  ReimportAnswer,
  TabularSource,
} from '../server/routes/api-types.js';
import { ApiError, transport } from './api.js';

export type {
  ImportDetail,
  ImportFileResult,
  ImportList,
  ImportRunInfo,
  ImportSummary,
  Mapping,
  MappingInfo,
  MappingPreview,
  PreviewRow,
  QuarantineList,
  QuarantineField,
  QuarantineRecordDetail,
  QuarantineRecordInfo,
  QuarantineStatus,
  ReimportAnswer,
  TabularSource,
} from '../server/routes/api-types.js';

function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

type ErrorPayload = { error?: { code?: unknown; message?: unknown } } | null;

function parseError(text: string): ErrorPayload {
  try {
    return text ? (JSON.parse(text) as ErrorPayload) : null;
  } catch {
    return null;
  }
}

function errorFrom(status: number, text: string): ApiError {
  const payload = parseError(text);
  const code = typeof payload?.error?.code === 'string' ? payload.error.code : `http_${status}`;
  const message = typeof payload?.error?.message === 'string' && payload.error.message ? payload.error.message : transport.fallbackMessage(status);
  if (status === 401) transport.unauthenticated();
  return new ApiError(status, code, message);
}

/** A multipart POST (fetch; for small bodies such as a sample file). */
async function postForm<T>(path: string, form: FormData, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const csrf = transport.csrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: form, credentials: 'same-origin', signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', 'De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.');
  }
  const text = await response.text();
  if (!response.ok) throw errorFrom(response.status, text);
  return JSON.parse(text) as T;
}

export interface UploadProgress {
  /** 'sending' while the bytes go up, then 'processing' until the answer arrives. */
  phase: 'sending' | 'processing';
  loaded: number;
  total: number;
}

/**
 * Uploads files to POST /api/imports with XMLHttpRequest, because fetch does not report upload
 * progress. Resolves with the per-file summary.
 */
export function uploadFiles(
  files: File[],
  options: { source?: string | null; mapping?: string | null },
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<ImportSummary> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    const xhr = new XMLHttpRequest();
    const source = options.source && options.source !== 'auto' ? options.source : null;
    xhr.open('POST', `/api/imports${query({ source, mapping: source ? options.mapping : null })}`);
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = transport.csrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    const total = files.reduce((sum, file) => sum + file.size, 0);
    xhr.upload.onprogress = (event) => onProgress({ phase: 'sending', loaded: event.loaded, total: event.lengthComputable ? event.total : total });
    xhr.upload.onload = () => onProgress({ phase: 'processing', loaded: total, total });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as ImportSummary);
        } catch {
          reject(new ApiError(xhr.status, 'invalid_response', 'De server gaf een onverwacht antwoord. Probeer het opnieuw.'));
        }
      } else reject(errorFrom(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'De upload is mislukt: de server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.'));
    xhr.onabort = () => reject(new DOMException('De upload is gestopt.', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    onProgress({ phase: 'sending', loaded: 0, total });
    xhr.send(form);
  });
}

export const dataApi = {
  imports(page: number, signal?: AbortSignal): Promise<ImportList> {
    return transport.request<ImportList>(`/api/imports${query({ page, pageSize: 20 })}`, { signal });
  },

  importDetail(id: string, params: { page: number; status?: string | null }, signal?: AbortSignal): Promise<ImportDetail> {
    return transport.request<ImportDetail>(`/api/imports/${encodeURIComponent(id)}${query({ page: params.page, pageSize: 100, status: params.status })}`, { signal });
  },

  quarantine(params: { status: QuarantineStatus | 'all'; source?: string | null; page: number }, signal?: AbortSignal): Promise<QuarantineList> {
    return transport.request<QuarantineList>(`/api/quarantine${query({ status: params.status, source: params.source, page: params.page, pageSize: 50 })}`, { signal });
  },

  setQuarantineStatus(id: string, action: 'resolve' | 'ignore'): Promise<QuarantineChange> {
    return transport.request<QuarantineChange>(`/api/quarantine/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
  },

  quarantineRecord(id: string, signal?: AbortSignal): Promise<QuarantineRecordDetail> {
    return transport.request<QuarantineRecordDetail>(`/api/quarantine/${encodeURIComponent(id)}`, { signal });
  },

  /** Re-imports a corrected record; a refusal is an answer (outcome 'rejected'), not an error. */
  reimportQuarantined(id: string, body: { values: Record<string, string | null>; bsn?: string | null; clientnummer?: string | null }): Promise<ReimportAnswer> {
    return transport.request<ReimportAnswer>(`/api/quarantine/${encodeURIComponent(id)}/reimport`, { method: 'POST', body });
  },

  sources(signal?: AbortSignal): Promise<{ sources: TabularSource[] }> {
    return transport.request<{ sources: TabularSource[] }>('/api/sources', { signal });
  },

  mappings(source?: string | null, signal?: AbortSignal): Promise<{ mappings: MappingInfo[] }> {
    return transport.request<{ mappings: MappingInfo[] }>(`/api/mappings${query({ source })}`, { signal });
  },

  saveMapping(mapping: { id?: string | null; name: string; source: string; definition: Mapping }): Promise<MappingInfo> {
    const body = { name: mapping.name, source: mapping.source, definition: mapping.definition };
    return mapping.id
      ? transport.request<MappingInfo>(`/api/mappings/${encodeURIComponent(mapping.id)}`, { method: 'PUT', body })
      : transport.request<MappingInfo>('/api/mappings', { method: 'POST', body });
  },

  deleteMapping(id: string): Promise<void> {
    return transport.request<void>(`/api/mappings/${encodeURIComponent(id)}`, { method: 'DELETE' });
  },

  preview(file: File, source: string, mapping: Mapping | null, signal?: AbortSignal): Promise<MappingPreview> {
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('source', source);
    if (mapping) form.append('mapping', JSON.stringify(mapping));
    return postForm<MappingPreview>('/api/mappings/preview', form, signal);
  },
};
