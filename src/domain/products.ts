import { seededIds } from '../core/ids.js';
import { invalidInput } from '../core/errors.js';
import type { ProductConfig, RequiredTaskConfig, TaskType } from '../config/products.js';
import type { DomainContext } from './context.js';
import { Msg } from './messages.js';

/**
 * The workspace's products as the API shows them. Ids come from the aliases (unless the
 * config fixes one), so they survive restarts and are the same in every workspace with the
 * same config: an integrator can hard-code them as they would PassFort's.
 */

export interface TaskVariantView {
  id: string;
  name: string;
  task_type: TaskType;
  alias?: string;
  description?: string;
}

export interface ProductView {
  id: string;
  alias: string;
  name: string;
  automatically_apply: boolean;
  automatically_approve: boolean;
  is_deleted: boolean;
}

/** Ids derived from names, memoised: the smart policy asks for them on every profile. */
const derived = new Map<string, string>();
export function derivedId(key: string): string {
  let id = derived.get(key);
  if (id === undefined) {
    id = seededIds(key).uuid();
    if (derived.size > 10_000) derived.clear();
    derived.set(key, id);
  }
  return id;
}

export const productId = (p: ProductConfig): string => p.id ?? derivedId(`product:${p.alias}`);

export function productView(p: ProductConfig): ProductView {
  return {
    id: productId(p),
    alias: p.alias,
    name: p.name,
    automatically_apply: p.automatically_apply,
    automatically_approve: p.automatically_approve,
    is_deleted: false,
  };
}

/** Human names for task types, for variants the config does not name. */
export function taskTypeName(type: string): string {
  const words = type.toLowerCase().split('_');
  const rest = words.slice(1).join(' ');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

export function variantOf(product: ProductConfig, task: RequiredTaskConfig): TaskVariantView {
  const key = task.alias ?? task.task_type;
  return {
    id: derivedId(`task-variant:${product.alias}:${key}`),
    name: task.name ?? `${taskTypeName(task.task_type)} - ${product.name}`,
    task_type: task.task_type,
    ...(task.alias ? { alias: task.alias } : {}),
    ...(task.description ? { description: task.description } : {}),
  };
}

/** The variant of a task added by hand (not by a product). */
export function adHocVariant(type: TaskType): TaskVariantView {
  return { id: derivedId(`task-variant:ad-hoc:${type}`), name: taskTypeName(type), task_type: type };
}

export function findProduct(ctx: DomainContext, ref: { alias?: string; id?: string }): ProductConfig {
  const products = ctx.config.products;
  const found = ref.alias !== undefined ? products.find((p) => p.alias === ref.alias) : products.find((p) => productId(p) === ref.id);
  if (found) {
    if (ref.alias !== undefined && ref.id !== undefined && productId(found) !== ref.id) {
      throw invalidInput(Msg.productAliasIdMismatch(ref.alias, ref.id), { field: 'product.id' });
    }
    return found;
  }
  const known = products.map((p) => `${p.alias} (${productId(p)})`).join(', ') || 'none';
  if (ref.alias !== undefined) throw invalidInput(Msg.unknownProductAlias(ref.alias, known), { field: 'product.alias' });
  if (ref.id !== undefined) throw invalidInput(Msg.unknownProductId(ref.id, known), { field: 'product.id' });
  throw invalidInput(Msg.productRefMissing, { field: 'product' });
}

/** Finds the variant with this id among every product's tasks (or an ad-hoc one). */
export function findVariant(ctx: DomainContext, id: string): TaskVariantView | undefined {
  for (const p of ctx.config.products) {
    for (const t of p.required_tasks) {
      const v = variantOf(p, t);
      if (v.id === id) return v;
    }
  }
  return undefined;
}

export function requiredTaskFor(ctx: DomainContext, variantId: string): RequiredTaskConfig | undefined {
  for (const p of ctx.config.products) {
    for (const t of p.required_tasks) if (variantOf(p, t).id === variantId) return t;
  }
  return undefined;
}
