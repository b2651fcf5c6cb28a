import { EmptyState } from '../components.js';
import { Page, PageHead, type Frame } from '../layout.js';

/** A page or a thing that is not in this workspace: say so and offer the way back. */
export function notFoundPage(p: { frame: Frame; title: string; back: string; label: string }): string {
  return Page({
    title: p.title,
    active: 'profiles',
    frame: p.frame,
    children: (
      <>
        <PageHead title={p.title} />
        <div class="card">
          <EmptyState title="Nothing to show here">
            <p>It may belong to another workspace (each workspace sees only its own data), or the workspace was reset.</p>
            <p>
              <a class="btn" href={p.back}>
                {p.label}
              </a>
            </p>
          </EmptyState>
        </div>
      </>
    ),
  });
}
