import { formThemeSchema, type FormThemeConfig } from '../../config/customer-requests.js';
import type { WorkspaceConfig } from '../../config/schema.js';

/** The theme a request shows when the workspace configures none (or no longer has its alias). */
export const defaultTheme: FormThemeConfig = formThemeSchema.parse({ alias: 'default', name: 'Sandbox default' });

export function themeOf(config: WorkspaceConfig, alias: string): FormThemeConfig {
  return config.form_themes.find((t) => t.alias === alias) ?? { ...defaultTheme, alias };
}
