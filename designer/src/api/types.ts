// What the engine's HTTP API returns (DESIGN §10), as the browser sees it (dates are strings).
import type { Definition, Locale } from '../../../engine/definitions/index';

export type { Definition, Locale };

export interface SessionUser {
  id: string;
  username: string;
  roles: string[];
}

export interface Session {
  token: string;
  refreshToken: string;
  user: SessionUser;
}

export interface DocumentView {
  id: string;
  type: string;
  number: string;
  state: string;
  version: number;
  definitionVersion: number;
  data: Record<string, unknown>;
  approval: {
    transition: string;
    levels: string[];
    current: number;
    status: 'pending' | 'approved' | 'rejected';
  } | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentPage {
  items: DocumentView[];
  nextCursor: string | null;
}

export interface DefinitionSummary {
  key: string;
  version: number;
  title: Record<Locale, string>;
  category: Definition['category'];
  definition: Definition;
}

export interface HistoryEntry {
  seq: number;
  kind: string;
  transition?: string;
  actor: { id: string; username: string } | null;
  at: string;
  from: string | null;
  to: string;
  reason?: string;
  comment?: string;
  effects: string[];
}

export interface FieldError {
  path: string;
  message: string;
}
