import { AppError } from '../../../shared/contract/errors';
import type { Customer } from '../../../shared/domain/customer';
import type { Applier } from '../apply-context';

/**
 * `customer/update`: the customer's details, per-field last-writer-wins in server order: only the
 * fields whose value differs are written (under the customer's row lock), so two agents changing
 * different fields both keep theirs.
 */
export const applyCustomerUpdate: Applier<'customer/update'> = async (ctx, args) => {
  const customer = await ctx.tx.lockCustomer(args.customerId);
  if (!customer) throw new AppError('not-found', `There is no customer ${args.customerId}`, 'args.customerId');
  const changed = Object.fromEntries(
    Object.entries(args.patch).filter(([field, value]) => JSON.stringify(customer[field as keyof Customer]) !== JSON.stringify(value)),
  ) as Partial<Customer>;
  if (Object.keys(changed).length === 0) return;
  await ctx.tx.saveCustomer({ ...customer, ...changed });
};
