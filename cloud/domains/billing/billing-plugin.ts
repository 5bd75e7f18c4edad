// Plans and Stripe subscriptions. Mounted at /billing. createBillingPlugin(config) builds it for
// one configuration (tests point it at a fake Stripe); billingPlugin reads the environment.
import type { FastifyPluginAsync } from 'fastify';
import Stripe from 'stripe';
import { z } from 'zod';
import {
  BadRequestError,
  ConflictError,
  HttpError,
  NotConfiguredError,
  NotFoundError,
} from '../../server/http-errors.js';
import { defineRoute } from '../../server/route.js';
import { billingConfigFromEnv, type BillingConfig } from './billing-config.js';
import { readBillingAccount, saveCustomer } from './billing-store.js';
import { creationQuotaEnforced, creationsThisWeek, enableCreationQuota } from './creation-quota.js';
import { PAID_PLANS, PLAN_IDS, PLANS } from './plans.js';
import { createStripeClient } from './stripe-client.js';
import { processStripeEvent } from './stripe-webhook.js';

/** 502: Stripe refused or could not be reached; nothing was changed here. */
class PaymentProviderError extends HttpError {
  constructor(message: string) {
    super(502, 'payment_provider_error', message);
  }
}

function notConfigured(): never {
  throw new NotConfiguredError('This server does not sell subscriptions (billing is not configured).');
}

async function callStripe<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      throw new PaymentProviderError(`The payment provider refused to ${what}: ${error.message}`);
    }
    throw error;
  }
}

export function createBillingPlugin(config: BillingConfig | undefined): FastifyPluginAsync {
  return async (app) => {
    const stripe = config ? createStripeClient(config) : undefined;
    if (config) enableCreationQuota(app.cloud);

    defineRoute(app, {
      method: 'GET',
      url: '',
      permission: 'billing.read',
      summary: 'The tenant’s plan and how much of this week’s allowance it has used.',
      response: z.object({
        plan: z.enum(PLAN_IDS),
        label: z.string(),
        subscriptionStatus: z.string().nullable(),
        creationsPerWeek: z.number().int(),
        creationsThisWeek: z.number().int(),
        enforced: z.boolean(),
      }),
      handler: async ({ tx, auth, services }) => {
        const account = await readBillingAccount(tx, auth.tenantId);
        const used = await creationsThisWeek(tx, auth.tenantId, services.clock());
        return {
          plan: account.plan,
          label: PLANS[account.plan].label,
          subscriptionStatus: account.subscriptionStatus,
          creationsPerWeek: PLANS[account.plan].creationsPerWeek,
          creationsThisWeek: used.count,
          enforced: creationQuotaEnforced(services),
        };
      },
    });

    defineRoute(app, {
      method: 'POST',
      url: '/checkout',
      permission: 'billing.manage',
      summary: 'Start a Stripe Checkout for a paid plan; open the returned url in a browser.',
      body: z.object({ plan: z.enum(PAID_PLANS) }),
      response: z.object({ id: z.string(), url: z.string() }),
      errors: [409, 501, 502],
      handler: async ({ tx, auth, body, services }) => {
        if (!config || !stripe) notConfigured();
        const account = await readBillingAccount(tx, auth.tenantId);
        if (account.plan === body.plan && account.subscriptionId) {
          throw new ConflictError(
            `This family or school already has ${PLANS[body.plan].label}; manage it in the billing portal.`,
            'already_subscribed',
          );
        }
        let customerId = account.customerId;
        if (!customerId) {
          const customer = await callStripe('create a customer', () =>
            stripe.customers.create({ metadata: { tenant_id: auth.tenantId } }),
          );
          customerId = customer.id;
          await saveCustomer(tx, auth.tenantId, customerId, services.clock());
        }
        const session = await callStripe('start a checkout', () =>
          stripe.checkout.sessions.create({
            mode: 'subscription',
            customer: customerId,
            client_reference_id: auth.tenantId,
            line_items: [{ price: config.prices[body.plan], quantity: 1 }],
            metadata: { tenant_id: auth.tenantId, plan: body.plan },
            subscription_data: { metadata: { tenant_id: auth.tenantId, plan: body.plan } },
            success_url: config.successUrl,
            cancel_url: config.cancelUrl,
          }),
        );
        if (!session.url) throw new PaymentProviderError('The payment provider gave no checkout page.');
        return { id: session.id, url: session.url };
      },
    });

    defineRoute(app, {
      method: 'POST',
      url: '/portal',
      permission: 'billing.manage',
      summary: 'Open Stripe’s customer portal (invoices, payment method, cancel).',
      response: z.object({ url: z.string() }),
      errors: [409, 501, 502],
      handler: async ({ tx, auth }) => {
        if (!config || !stripe) notConfigured();
        const account = await readBillingAccount(tx, auth.tenantId);
        if (!account.customerId) {
          throw new ConflictError(
            'There is nothing to manage yet: start a subscription first.',
            'no_customer',
          );
        }
        const customerId = account.customerId;
        const session = await callStripe('open the billing portal', () =>
          stripe.billingPortal.sessions.create({ customer: customerId, return_url: config.portalReturnUrl }),
        );
        return { url: session.url };
      },
    });

    // The webhook needs the exact bytes Stripe signed, so in its own scope JSON is not parsed.
    await app.register(async (scope) => {
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
        done(null, body),
      );
      defineRoute(scope, {
        method: 'POST',
        url: '/webhook',
        permission: 'public',
        summary: 'Stripe webhook: signature checked on the raw body; each event applied once.',
        response: z.object({ received: z.boolean(), outcome: z.enum(['applied', 'duplicate', 'ignored']) }),
        errors: [404, 413, 415],
        handler: async ({ request, db, services }) => {
          // Not a 501 here: to Stripe (or anyone) an unconfigured server simply has no webhook.
          if (!config || !stripe)
            throw new NotFoundError('This server takes no Stripe webhooks (billing is off).');
          const signature = request.headers['stripe-signature'];
          if (typeof signature !== 'string' || !Buffer.isBuffer(request.body)) {
            throw new BadRequestError(
              'A Stripe webhook needs a JSON body and a Stripe-Signature header.',
              'invalid_signature',
            );
          }
          let event: Stripe.Event;
          try {
            event = stripe.webhooks.constructEvent(
              request.body,
              signature,
              config.webhookSecret,
              undefined,
              undefined,
              services.clock().getTime(),
            );
          } catch (error) {
            const stale = error instanceof Error && /tolerance/i.test(error.message);
            throw new BadRequestError(
              stale
                ? 'The webhook signature is too old (more than 5 minutes); it may be a replay.'
                : 'The webhook signature does not match its body.',
              'invalid_signature',
            );
          }
          const outcome = await processStripeEvent(db, event, config, services.clock());
          return { received: true, outcome };
        },
      });
    });
  };
}

/** Billing as configured by the environment (off without STRIPE_SECRET_KEY). */
export const billingPlugin: FastifyPluginAsync = (app, options) =>
  createBillingPlugin(billingConfigFromEnv())(app, options);
