// Plans, Stripe Checkout and portal through the real SDK against a local fake Stripe, the
// webhook (signed with the SDK's own test helper), and the weekly creation quota, on PGlite and
// PostgreSQL.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAINS } from '../../server/domains.js';
import { FakeStripeServer } from '../../testing/fake-stripe-server.js';
import { ManualClock } from '../../testing/manual-clock.js';
import {
  addMember,
  bearer,
  createTestApp,
  signUp,
  TEST_PASSWORD,
  type TestSession,
} from '../../testing/test-app.js';
import {
  engineTitle,
  openTestDatabase,
  PG_AVAILABLE,
  type TestDatabase,
} from '../../testing/test-databases.js';
import type { BillingConfig } from './billing-config.js';
import { billingPlugin, createBillingPlugin } from './billing-plugin.js';

const WEBHOOK_SECRET = `whsec_${randomBytes(16).toString('hex')}`;
const signer = new Stripe('sk_test_signer_only');

for (const engine of ['pglite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !PG_AVAILABLE)(`billing ${engineTitle(engine)}`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let fake: FakeStripeServer;
    let config: BillingConfig;
    const time = new ManualClock();

    beforeAll(async () => {
      t = await openTestDatabase(engine);
      fake = await new FakeStripeServer().start();
      config = {
        secretKey: fake.secretKey,
        webhookSecret: WEBHOOK_SECRET,
        prices: { creator_premium: 'price_premium_test', school: 'price_school_test' },
        successUrl: 'https://talemo.test/billing/done',
        cancelUrl: 'https://talemo.test/billing/cancelled',
        portalReturnUrl: 'https://talemo.test/settings',
        api: fake.sdkOptions,
      };
      app = await createTestApp(t.db, {
        clock: time.clock,
        domains: DOMAINS.map((d) =>
          d.plugin === billingPlugin ? { plugin: createBillingPlugin(config), prefix: d.prefix } : d,
        ),
      });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await fake?.stop();
      await t?.dispose();
    });

    const call = (
      s: { accessToken: string },
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      payload?: object,
    ) => app.inject({ method, url, headers: bearer(s.accessToken), ...(payload ? { payload } : {}) });

    const nowSeconds = () => Math.floor(time.clock().getTime() / 1000);

    function eventJson(
      type: string,
      object: Record<string, unknown>,
      id = `evt_${randomBytes(12).toString('hex')}`,
    ): string {
      return JSON.stringify({
        id,
        object: 'event',
        api_version: '2025-01-27.acacia',
        created: nowSeconds(),
        type,
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        data: { object },
      });
    }

    function sign(payload: string, options: { secret?: string; timestamp?: number } = {}): string {
      return signer.webhooks.generateTestHeaderString({
        payload,
        secret: options.secret ?? WEBHOOK_SECRET,
        timestamp: options.timestamp ?? nowSeconds(),
      });
    }

    const deliver = (payload: string, signature?: string) =>
      app.inject({
        method: 'POST',
        url: '/billing/webhook',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...(signature ? { 'stripe-signature': signature } : {}),
        },
        payload,
      });

    function checkoutCompleted(admin: TestSession, customer: string, plan = 'creator_premium'): string {
      return eventJson('checkout.session.completed', {
        id: `cs_test_${randomBytes(8).toString('hex')}`,
        object: 'checkout.session',
        mode: 'subscription',
        customer,
        subscription: `sub_${randomBytes(8).toString('hex')}`,
        client_reference_id: admin.tenantId,
        metadata: { tenant_id: admin.tenantId, plan },
        status: 'complete',
      });
    }

    async function plan(s: TestSession): Promise<string> {
      return ((await call(s, 'GET', '/billing')).json() as { plan: string }).plan;
    }

    /** Starts a checkout and returns the Stripe customer the fake created for the tenant. */
    async function startCheckout(admin: TestSession): Promise<string> {
      const res = await call(admin, 'POST', '/billing/checkout', { plan: 'creator_premium' });
      expect(res.statusCode).toBe(200);
      const customer = [...fake.customers.values()].find(
        (c) => (c.metadata as { tenant_id?: string }).tenant_id === admin.tenantId,
      );
      return String(customer?.id);
    }

    /** A new access token after the clock moved past the old one's 15 minutes. */
    async function signInAgain(s: TestSession & { email: string }): Promise<TestSession & { email: string }> {
      const res = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: s.email, password: TEST_PASSWORD, tenantId: s.tenantId },
      });
      expect(res.statusCode).toBe(200);
      return { ...(res.json() as TestSession), email: s.email };
    }

    describe('checkout and portal', () => {
      it('checkout creates one Stripe customer per tenant and a subscription session for the plan’s price', async () => {
        const admin = await signUp(app);
        const before = fake.requests.length;
        const res = await call(admin, 'POST', '/billing/checkout', { plan: 'school' });
        expect(res.statusCode).toBe(200);
        const { url, id } = res.json() as { url: string; id: string };
        expect(url).toBe(`https://checkout.stripe.com/c/pay/${id}`);
        const sent = fake.requests.slice(before);
        expect(sent.map((r) => r.path)).toEqual(['/v1/customers', '/v1/checkout/sessions']);
        expect(sent[1]?.params).toMatchObject({
          mode: 'subscription',
          client_reference_id: admin.tenantId,
          line_items: [{ price: 'price_school_test', quantity: '1' }],
          metadata: { plan: 'school', tenant_id: admin.tenantId },
          success_url: config.successUrl,
        });
        await call(admin, 'POST', '/billing/checkout', { plan: 'creator_premium' });
        expect(fake.requests.slice(before).filter((r) => r.path === '/v1/customers')).toHaveLength(1);
      });

      it('the portal needs a customer first; only admins manage billing', async () => {
        const admin = await signUp(app);
        const parent = await addMember(app, admin, 'parent_creator');
        const early = await call(admin, 'POST', '/billing/portal');
        expect(early.statusCode).toBe(409);
        expect(early.json()).toMatchObject({ error: 'no_customer' });
        const customer = await startCheckout(admin);
        const portal = await call(admin, 'POST', '/billing/portal');
        expect(portal.statusCode).toBe(200);
        expect((portal.json() as { url: string }).url).toMatch(
          /^https:\/\/billing\.stripe\.com\/p\/session\/bps_/,
        );
        expect(fake.requests.at(-1)?.params).toEqual({ customer, return_url: config.portalReturnUrl });
        expect((await call(parent, 'POST', '/billing/checkout', { plan: 'school' })).statusCode).toBe(403);
        expect((await call(parent, 'GET', '/billing')).json()).toMatchObject({
          plan: 'free',
          enforced: true,
        });
        expect((await call(admin, 'POST', '/billing/checkout', { plan: 'free' })).statusCode).toBe(400);
      });

      it('a Stripe refusal becomes a 502 that names the provider', async () => {
        const admin = await signUp(app);
        await t.db.transaction({ tenantId: admin.tenantId }, (tx) =>
          tx.execute('INSERT INTO billing_accounts (tenant_id, stripe_customer_id) VALUES ($1, $2)', [
            admin.tenantId,
            'cus_unknown_to_stripe',
          ]),
        );
        const res = await call(admin, 'POST', '/billing/portal');
        expect(res.statusCode).toBe(502);
        expect(res.json()).toMatchObject({
          error: 'payment_provider_error',
          message: expect.stringMatching(/No such customer/),
        });
      });
    });

    describe('webhook', () => {
      it('a signed checkout.session.completed upgrades the plan; a replay is answered but applied once', async () => {
        const admin = await signUp(app);
        const customer = await startCheckout(admin);
        const payload = checkoutCompleted(admin, customer);
        const first = await deliver(payload, sign(payload));
        expect(first.statusCode).toBe(200);
        expect(first.json()).toEqual({ received: true, outcome: 'applied' });
        expect(await plan(admin)).toBe('creator_premium');

        // Stripe's own retry (same header) and a re-signed copy are both duplicates.
        expect((await deliver(payload, sign(payload))).json()).toEqual({
          received: true,
          outcome: 'duplicate',
        });
        time.advance(30);
        const again = await deliver(payload, sign(payload));
        expect(again.statusCode).toBe(200);
        expect(again.json()).toEqual({ received: true, outcome: 'duplicate' });
        const audit = (await call(admin, 'GET', '/audit')).json() as {
          entries: Array<{ action: string; details: object }>;
        };
        expect(audit.entries.filter((e) => e.action === 'billing.plan_changed')).toEqual([
          expect.objectContaining({
            details: expect.objectContaining({ from: 'free', to: 'creator_premium' }),
          }),
        ]);
      });

      it('forged, tampered, unsigned and stale webhooks are refused with 400 and change nothing', async () => {
        const admin = await signUp(app);
        const payload = checkoutCompleted(admin, 'cus_forged');
        const forged = await deliver(payload, sign(payload, { secret: 'whsec_attacker' }));
        expect(forged.statusCode).toBe(400);
        expect(forged.json()).toMatchObject({
          error: 'invalid_signature',
          message: expect.stringMatching(/does not match/),
        });
        const genuine = sign(payload);
        const tampered = payload.replace('creator_premium', 'school');
        expect((await deliver(tampered, genuine)).statusCode).toBe(400);
        expect((await deliver(payload)).statusCode).toBe(400);
        const stale = await deliver(payload, sign(payload, { timestamp: nowSeconds() - 600 }));
        expect(stale.statusCode).toBe(400);
        expect(stale.json()).toMatchObject({ message: expect.stringMatching(/too old/) });
        expect(await plan(admin)).toBe('free');
        // None of them used up the event id: the genuine delivery still applies.
        expect((await deliver(payload, genuine)).json()).toMatchObject({ outcome: 'applied' });
      });

      it('an oversized webhook body is refused with 413', async () => {
        const admin = await signUp(app);
        const big = eventJson('checkout.session.completed', {
          object: 'checkout.session',
          client_reference_id: admin.tenantId,
          padding: 'x'.repeat(70_000),
        });
        const res = await deliver(big, sign(big));
        expect(res.statusCode).toBe(413);
      });

      it('subscription updates and deletion (found by Stripe customer) move the plan; unknown events are ignored', async () => {
        const admin = await signUp(app);
        const customer = await startCheckout(admin);
        const subscription = (status: string, price: string) => ({
          id: 'sub_lifecycle',
          object: 'subscription',
          customer,
          status,
          metadata: {},
          items: {
            object: 'list',
            data: [{ id: 'si_1', object: 'subscription_item', price: { id: price, object: 'price' } }],
          },
        });
        const send = async (type: string, object: Record<string, unknown>) => {
          const p = eventJson(type, object);
          return ((await deliver(p, sign(p))).json() as { outcome: string }).outcome;
        };
        expect(await send('customer.subscription.updated', subscription('active', 'price_school_test'))).toBe(
          'applied',
        );
        expect(await plan(admin)).toBe('school');
        expect(await send('customer.subscription.updated', subscription('unpaid', 'price_school_test'))).toBe(
          'applied',
        );
        expect(await plan(admin)).toBe('free');
        expect(
          await send('customer.subscription.updated', subscription('active', 'price_premium_test')),
        ).toBe('applied');
        expect(await plan(admin)).toBe('creator_premium');
        expect(
          await send('customer.subscription.deleted', subscription('canceled', 'price_premium_test')),
        ).toBe('applied');
        expect(await plan(admin)).toBe('free');
        expect(await send('invoice.paid', { id: 'in_1', object: 'invoice', customer })).toBe('ignored');
        expect(
          await send('customer.subscription.updated', {
            ...subscription('active', 'price_school_test'),
            customer: 'cus_nobody',
          }),
        ).toBe('ignored');
      });
    });

    describe('weekly creation quota', () => {
      const newStory = (s: TestSession) =>
        call(s, 'PUT', `/stories/${randomUUID()}`, { title: 'A new tale' });

      it('free: the third new story in a week is refused with 402; renaming is not a creation; a week later it is allowed', async () => {
        let admin = await signUp(app);
        const first = randomUUID();
        expect((await call(admin, 'PUT', `/stories/${first}`, { title: 'One' })).statusCode).toBe(200);
        time.advance(600);
        expect((await newStory(admin)).statusCode).toBe(200);
        const third = await newStory(admin);
        expect(third.statusCode).toBe(402);
        expect(third.json()).toMatchObject({
          error: 'plan_limit_reached',
          message: expect.stringMatching(/Free plan allows 2 new stories a week.*Creator Premium/),
        });
        expect((await call(admin, 'PUT', `/stories/${first}`, { title: 'One, renamed' })).statusCode).toBe(
          200,
        );
        expect((await call(admin, 'GET', '/billing')).json()).toMatchObject({
          creationsThisWeek: 2,
          creationsPerWeek: 2,
        });
        time.advance(7 * 24 * 3600 - 600 + 1);
        admin = await signInAgain(admin);
        expect((await newStory(admin)).statusCode).toBe(200);
        expect((await newStory(admin)).statusCode).toBe(402);
      });

      it('creator premium: the third new story is allowed', async () => {
        const admin = await signUp(app);
        const customer = await startCheckout(admin);
        const payload = checkoutCompleted(admin, customer);
        await deliver(payload, sign(payload));
        for (let i = 0; i < 3; i++) expect((await newStory(admin)).statusCode).toBe(200);
      });

      it('a server without billing configured has no plan quota and no checkout', async () => {
        const plain = await createTestApp(t.db, { clock: time.clock });
        try {
          const admin = await signUp(plain);
          for (let i = 0; i < 3; i++) {
            const res = await plain.inject({
              method: 'PUT',
              url: `/stories/${randomUUID()}`,
              headers: bearer(admin.accessToken),
              payload: { title: 't' },
            });
            expect(res.statusCode).toBe(200);
          }
          const checkout = await plain.inject({
            method: 'POST',
            url: '/billing/checkout',
            headers: bearer(admin.accessToken),
            payload: { plan: 'school' },
          });
          expect(checkout.statusCode).toBe(501);
          const hook = await plain.inject({
            method: 'POST',
            url: '/billing/webhook',
            headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
            payload: '{}',
          });
          expect(hook.statusCode).toBe(404);
        } finally {
          await plain.close();
        }
      });
    });
  });
}
