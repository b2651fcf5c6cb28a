import type { ViewQuestion } from './friendly.js';

/** The collection API's request view (`GET /collection/api/requests/{id}`), as the pages read it. */

export interface ViewUpload {
  upload_id: string;
  content_type: string;
  size: number;
  uploaded_at: string | null;
}

export interface ViewForm {
  id: string;
  alias: string;
  title: string;
  description: string | null;
  status: string;
  follow_up: boolean;
  sections?: { title: string | null; description: string | null; questions: ViewQuestion[] }[];
  answers?: Record<string, unknown>;
  documents?: Record<string, { document_type: string; elements: Record<string, ViewUpload> }>;
}

export interface ViewTheme {
  alias: string;
  name: string;
  colors: { primary: string; button_text: string; background: string; surface: string; text: string; error: string };
  font: string;
  logo_url: string | null;
  corner_radius: number;
  button_style: 'filled' | 'outline' | 'pill';
}

export interface ViewRequest {
  id: string;
  type: 'FLOW' | 'FORMS';
  status: 'SENT' | 'COMPLETED' | 'EXPIRED';
  open: boolean;
  institution: { name: string };
  theme: ViewTheme;
  progress: { submitted: number; total: number };
  current_form_id: string | null;
  waiting_for: { check_type: string; form_alias: string; check_started: boolean }[];
  finished: boolean;
  redirect_url: string | null;
  forms: ViewForm[];
}

export type { ViewQuestion };
