import type { ImageDoc } from '../../domain/documents.js';
import type { AuditItemDoc } from '../../domain/audit.js';
import { Card, EmptyState, Facts, Json, Status, Table, Time, Timeline, type TimelineItem } from '../components.js';
import { fmtTime, humanize } from '../format.js';

/** The lower half of a profile page: documents, collected data, timeline, audit log. */

type Doc = { id?: string; document_type?: string; category?: string; images?: { id?: string; image_type?: string }[]; verification_result?: { all_passed?: boolean } };

/** A drawing of the element (front, back, face): the sandbox keeps no image bytes to show. */
export function ImageSketch(props: { type: string }) {
  const t = props.type;
  if (t === 'FACE') {
    return (
      <svg viewBox="0 0 160 100" aria-hidden="true" focusable="false">
        <circle cx="80" cy="40" r="18" fill="#94a3b8" />
        <path d="M46 92c4-20 18-30 34-30s30 10 34 30z" fill="#94a3b8" />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 160 100" aria-hidden="true" focusable="false">
      <rect x="22" y="14" width="116" height="72" rx="8" fill="#fff" stroke="#94a3b8" stroke-width="3" />
      {t === 'BACK' ? (
        <>
          <rect x="22" y="26" width="116" height="14" fill="#94a3b8" />
          <path d="M34 58h92M34 70h60" stroke="#cbd5e1" stroke-width="5" stroke-linecap="round" />
        </>
      ) : (
        <>
          <rect x="32" y="26" width="30" height="38" rx="4" fill="#cbd5e1" />
          <path d="M72 32h52M72 44h40M72 56h48M34 74h90" stroke="#cbd5e1" stroke-width="5" stroke-linecap="round" />
        </>
      )}
    </svg>
  );
}

export function DocumentsCard(props: { documents: Doc[]; images: ImageDoc[]; now: number }) {
  const byId = new Map(props.images.map((i) => [i.id, i]));
  const referenced = new Set(props.documents.flatMap((d) => (d.images ?? []).map((i) => i.id)));
  const loose = props.images.filter((i) => !referenced.has(i.id));
  return (
    <Card id="documents" title="Documents">
      <p class="hint">
        Like PassFort, the sandbox keeps only each image's metadata (type, size, format, when it arrived), never the picture: the drawings stand in for the
        uploaded front, back and selfie.
      </p>
      {props.documents.length === 0 && loose.length === 0 ? (
        <EmptyState title="No documents yet">
          <p>Ask the customer for an identity document with "Request from customer" on the identity task, or upload one through the API.</p>
        </EmptyState>
      ) : null}
      {props.documents.map((d, i) => (
        <div class="stack" data-key={`doc-${d.id ?? i}`}>
          <h3>
            {humanize(d.document_type)} <span class="muted">({humanize(d.category)})</span>{' '}
            {d.verification_result?.all_passed !== undefined ? <Status status={d.verification_result.all_passed ? 'COMPLETED_PASS' : 'COMPLETED_FAIL'} /> : null}
          </h3>
          <div class="image-tiles">
            {(d.images ?? []).map((ref) => (
              <ImageTile image={byId.get(ref.id ?? '')} type={ref.image_type ?? 'FRONT'} now={props.now} />
            ))}
          </div>
        </div>
      ))}
      {loose.length ? (
        <div class="stack">
          <h3>Images not in a document</h3>
          <div class="image-tiles">
            {loose.map((img) => (
              <ImageTile image={img} type={img.image_type} now={props.now} />
            ))}
          </div>
        </div>
      ) : null}
    </Card>
  );
}

function ImageTile(props: { image: ImageDoc | undefined; type: string; now: number }) {
  const img = props.image;
  return (
    <figure class="image-tile" data-key={`img-${img?.id ?? props.type}`}>
      <ImageSketch type={props.type} />
      <figcaption class="caption">
        <strong>{humanize(props.type)}</strong>
        {img ? (
          <span class="muted">
            {img.content_type}, {Math.max(1, Math.round(img.size_bytes / 1024))} KB
            <br />
            {fmtTime(img.upload_date)}
          </span>
        ) : (
          <span class="muted">metadata not found</span>
        )}
      </figcaption>
    </figure>
  );
}

type Data = Record<string, any>;

function addressLine(a: Data | undefined): string | null {
  if (!a) return null;
  if (a.type === 'FREEFORM') return [a.text, a.country].filter(Boolean).join(', ');
  return [a.premise, [a.street_number, a.route].filter(Boolean).join(' '), a.locality, a.postal_town, a.state_province, a.postal_code, a.country].filter(Boolean).join(', ');
}

export function CollectedDataCard(props: { data: Data }) {
  const d = props.data;
  const items: [string, string | null][] =
    d.entity_type === 'COMPANY'
      ? [
          ['Company name', d.metadata?.name ?? null],
          ['Number', d.metadata?.number ?? null],
          ['Country', d.metadata?.country_of_incorporation ?? null],
          ['Incorporated', d.metadata?.incorporation_date ?? null],
          ['Email', d.metadata?.contact_details?.email ?? null],
          ['Address', addressLine(d.metadata?.addresses?.[0]?.address)],
          ['Customer ref', d.customer_ref ?? null],
        ]
      : [
          ['Given names', (d.personal_details?.name?.given_names ?? []).join(' ') || null],
          ['Family name', d.personal_details?.name?.family_name ?? null],
          ['Date of birth', d.personal_details?.dob ?? null],
          ['Nationality', d.personal_details?.nationality ?? null],
          ['Email', d.contact_details?.email ?? null],
          ['Phone', d.contact_details?.phone_number ?? null],
          ['Address', addressLine(d.address_history?.[0]?.address)],
          ['Customer ref', d.customer_ref ?? null],
        ];
  return (
    <Card id="collected-data" title="Collected data">
      <Facts items={items.map(([k, v]) => [k, v])} />
      <Json value={d} summary="Show collected_data as JSON" id="collected-json" />
    </Card>
  );
}

export function TimelineCard(props: { items: TimelineItem[] }) {
  return (
    <Card id="timeline" title="Timeline" live>
      <p class="hint">State changes, emails and webhooks of this profile, in the order they happened on the workspace clock.</p>
      <Timeline items={props.items} empty="Nothing has happened to this profile yet." />
    </Card>
  );
}

export function AuditCard(props: { items: AuditItemDoc[]; now: number }) {
  return (
    <Card id="audit" title="Audit log">
      {props.items.length === 0 ? (
        <p class="muted">No audit items yet.</p>
      ) : (
        <Table columns={['When', 'Action', 'By', 'What']}>
          {props.items.map((a) => (
            <tr data-key={`audit-${a.id}`}>
              <td>
                <Time ms={a.timestamp * 1000} now={props.now} />
              </td>
              <td>
                <code>{a.action}</code>
              </td>
              <td>{a.user?.name ?? a.apikey?.name ?? <span class="muted">Automation</span>}</td>
              <td class="wrap-anywhere">{a.message}</td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
