/** The pull requests of the demo history, in the order they are merged. */

export type ChangeType = 'feat' | 'fix' | 'perf' | 'refactor';

export interface PullRequestSpec {
  readonly type: ChangeType;
  readonly scope: string;
  /** Branch name without the "feature/" or "fix/" prefix. */
  readonly slug: string;
  readonly title: string;
  /** The source file the change is mostly about. */
  readonly file: string;
  /** Why the change was made: the first commit's body. */
  readonly body: string;
  /** A new SQL migration: [name, statement]; numbered when the history is generated. */
  readonly migration?: readonly [string, string];
  /** A file moved by this change: [from, to]. */
  readonly renames?: readonly [string, string];
  /** A file deleted by this change. */
  readonly removes?: string;
  /** A binary file added by this change. */
  readonly binary?: string;
}

const pr = (
  type: ChangeType,
  scope: string,
  slug: string,
  title: string,
  file: string,
  body: string,
  extra: Partial<PullRequestSpec> = {}
): PullRequestSpec => ({ type, scope, slug, title, file, body, ...extra });

export const PULL_REQUESTS: readonly PullRequestSpec[] = [
  pr('feat', 'catalog', 'products-list', 'add GET /products with cursor pagination', 'src/routes/products.ts',
    'The storefront needs to page through the catalogue without offsets that drift while products are added.'),
  pr('feat', 'catalog', 'product-detail', 'add product detail endpoint with ETag support', 'src/routes/products.ts',
    'Product pages are requested far more often than products change; an ETag lets the CDN revalidate cheaply.'),
  pr('feat', 'db', 'startup-migrations', 'run SQL migrations on startup', 'src/db/migrate.ts',
    'Migrations were applied by hand before each deploy. They now run in order, once, inside a transaction, before the server listens.'),
  pr('feat', 'cart', 'cart-line-items', 'create carts and add line items', 'src/routes/cart.ts',
    'First slice of the cart: a cart per session, line items with quantity, and totals computed on the server.',
    { migration: ['create_carts', 'CREATE TABLE carts (\n  id uuid PRIMARY KEY,\n  customer_id bigint,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n\nCREATE TABLE cart_items (\n  cart_id uuid NOT NULL REFERENCES carts (id) ON DELETE CASCADE,\n  product_id bigint NOT NULL REFERENCES products (id),\n  quantity integer NOT NULL CHECK (quantity > 0),\n  PRIMARY KEY (cart_id, product_id)\n);'] }),
  pr('feat', 'cart', 'update-line-items', 'update and remove cart line items', 'src/routes/cart.ts',
    'PATCH changes the quantity; a quantity of 0 removes the line, so clients need only one call.'),
  pr('fix', 'catalog', 'unknown-product-404', 'return 404 instead of 500 for unknown product ids', 'src/routes/products.ts',
    'A malformed or unknown id reached the database and surfaced as an internal error. Validate the id and answer 404.'),
  pr('feat', 'auth', 'jwt-sessions', 'issue JWT session tokens on login', 'src/routes/auth.ts',
    'Customers log in with email and password and receive a short-lived access token.',
    { migration: ['create_customers', 'CREATE TABLE customers (\n  id bigserial PRIMARY KEY,\n  email citext NOT NULL UNIQUE,\n  password_hash text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now()\n);'] }),
  pr('feat', 'auth', 'protect-cart', 'protect cart endpoints with bearer tokens', 'src/middleware/auth.ts',
    'Guest carts stay anonymous; carts that belong to a customer now require their token.'),
  pr('feat', 'observability', 'request-logging', 'structured request logging with pino', 'src/middleware/request-log.ts',
    'One JSON line per request with method, route, status, duration and request id, so logs can be queried.'),
  pr('feat', 'orders', 'place-order', 'place orders from a cart', 'src/routes/orders.ts',
    'POST /orders turns a cart into an order with a snapshot of prices, so later price changes do not alter it.',
    { migration: ['create_orders', 'CREATE TABLE orders (\n  id bigserial PRIMARY KEY,\n  customer_id bigint NOT NULL REFERENCES customers (id),\n  status text NOT NULL DEFAULT \'placed\',\n  total_cents integer NOT NULL,\n  placed_at timestamptz NOT NULL DEFAULT now()\n);'] }),
  pr('feat', 'inventory', 'stock-reservations', 'reserve stock when an order is placed', 'src/services/inventory-service.ts',
    'Two customers could buy the last item at the same time. Stock is now reserved in the same transaction as the order.',
    { migration: ['create_stock_reservations', 'CREATE TABLE stock_reservations (\n  order_id bigint NOT NULL REFERENCES orders (id),\n  product_id bigint NOT NULL REFERENCES products (id),\n  quantity integer NOT NULL,\n  expires_at timestamptz NOT NULL\n);'] }),
  pr('fix', 'cart', 'recalculate-totals', 'recalculate totals when a product price changes', 'src/services/cart-service.ts',
    'Totals were cached on the cart and went stale after a price update. Compute them when the cart is read.'),
  pr('feat', 'payments', 'card-payments', 'capture card payments through the payment gateway', 'src/services/payment-service.ts',
    'Authorise on checkout, capture when the order ships. Gateway keys come from the environment, never from the repository.',
    { migration: ['create_payments', 'CREATE TABLE payments (\n  id bigserial PRIMARY KEY,\n  order_id bigint NOT NULL REFERENCES orders (id),\n  gateway_reference text NOT NULL,\n  amount_cents integer NOT NULL,\n  status text NOT NULL\n);'] }),
  pr('feat', 'payments', 'gateway-webhooks', 'handle gateway webhooks for payment status', 'src/routes/payments.ts',
    'The gateway reports captures, failures and chargebacks asynchronously. Verify the signature, then update the payment.'),
  pr('feat', 'search', 'product-search', 'full-text product search with Postgres tsvector', 'src/routes/search.ts',
    'Search by name and description with ranking, instead of the ILIKE scan that took seconds on the full catalogue.',
    { migration: ['add_product_search_index', "ALTER TABLE products ADD COLUMN search tsvector\n  GENERATED ALWAYS AS (to_tsvector('english', name || ' ' || description)) STORED;\n\nCREATE INDEX products_search_idx ON products USING gin (search);"] }),
  pr('perf', 'catalog', 'listing-cache', 'cache product listings in Redis for 60 s', 'src/services/catalog-cache.ts',
    'Listing pages were 40% of database load. A 60-second cache keyed by query takes most of it away.'),
  pr('fix', 'auth', 'expired-tokens', 'reject expired tokens with 401 and a clear error', 'src/middleware/auth.ts',
    'Expired tokens produced a 500 from the JWT library. Answer 401 with "token expired" so clients refresh.'),
  pr('feat', 'api', 'v1-prefix', 'version all routes under /v1', 'src/app.ts',
    'Before 1.0 we promise compatibility per major version; the prefix makes a future /v2 possible.'),
  pr('feat', 'observability', 'prometheus-metrics', 'expose Prometheus metrics on /metrics', 'src/routes/metrics.ts',
    'Request rate, error rate and latency histograms per route, for dashboards and canary analysis.'),
  pr('fix', 'orders', 'idempotent-orders', 'make order placement idempotent with Idempotency-Key', 'src/routes/orders.ts',
    'Mobile clients retry on timeouts and customers got two orders. The same key now returns the first order.',
    { migration: ['add_idempotency_keys', 'ALTER TABLE orders ADD COLUMN idempotency_key text;\n\nCREATE UNIQUE INDEX orders_idempotency_key_idx ON orders (customer_id, idempotency_key);'] }),
  pr('feat', 'shipping', 'shipping-quotes', 'quote shipping costs by zone and weight', 'src/services/shipping-service.ts',
    'Flat-rate shipping lost money on heavy parcels abroad. Quotes now come from a zone × weight table.',
    { migration: ['create_shipping_zones', 'CREATE TABLE shipping_zones (\n  id serial PRIMARY KEY,\n  name text NOT NULL,\n  countries text[] NOT NULL\n);\n\nCREATE TABLE shipping_rates (\n  zone_id integer NOT NULL REFERENCES shipping_zones (id),\n  max_weight_grams integer NOT NULL,\n  price_cents integer NOT NULL\n);'] }),
  pr('feat', 'orders', 'order-history', "list a customer's orders with status filters", 'src/routes/orders.ts',
    'The account page shows past orders; filter by status and page by placement date.'),
  pr('feat', 'cart', 'merge-guest-cart', "merge a guest cart into the customer's cart on login", 'src/services/cart-service.ts',
    'Items added before logging in were lost. Merge them, keeping the larger quantity when both carts have a product.'),
  pr('fix', 'shipping', 'round-quotes', 'round shipping quotes to whole cents', 'src/services/shipping-service.ts',
    'Quotes were computed in floating point and showed as 4.9900000001 in one client.'),
  pr('feat', 'cart', 'discount-codes', 'discount codes with expiry and usage limits', 'src/services/discount-service.ts',
    'Marketing can create percentage or fixed-amount codes, limited in time and in number of uses.',
    { migration: ['create_discount_codes', 'CREATE TABLE discount_codes (\n  code text PRIMARY KEY,\n  percent_off integer,\n  amount_off_cents integer,\n  valid_until timestamptz,\n  max_uses integer,\n  uses integer NOT NULL DEFAULT 0\n);'] }),
  pr('feat', 'payments', 'refunds', 'refund captured payments, fully or in part', 'src/services/payment-service.ts',
    'Support staff refunded through the gateway dashboard and our records disagreed. Refunds now go through the API.',
    { migration: ['create_refunds', 'CREATE TABLE refunds (\n  id bigserial PRIMARY KEY,\n  payment_id bigint NOT NULL REFERENCES payments (id),\n  amount_cents integer NOT NULL,\n  reason text,\n  created_at timestamptz NOT NULL DEFAULT now()\n);'] }),
  pr('fix', 'inventory', 'release-abandoned', 'release stock reservations of abandoned checkouts', 'src/services/inventory-service.ts',
    'Reservations never expired, so popular products showed as sold out. A job releases them after 30 minutes.'),
  pr('feat', 'checkout', 'checkout-endpoint', 'single checkout endpoint that validates the cart', 'src/routes/checkout.ts',
    'Clients called four endpoints in a row and could leave half-made orders. One call now validates stock, prices, shipping and payment.'),
  pr('feat', 'api', 'rate-limiting', 'rate limit anonymous clients per IP', 'src/middleware/rate-limit.ts',
    'A scraper took the catalogue down twice. 120 requests per minute for anonymous clients; customers are not limited.'),
  pr('refactor', 'db', 'repositories', 'move queries into repositories', 'src/db/product-repository.ts',
    'SQL was spread over route handlers. Each table now has a repository; handlers no longer see SQL.',
    { renames: ['src/db/queries.ts', 'src/db/product-repository.ts'] }),
  pr('fix', 'payments', 'double-capture', 'do not double-capture when the webhook arrives first', 'src/services/payment-service.ts',
    'If the capture webhook arrived before our own call returned, both paths captured. Use the payment row as a lock.'),
  pr('feat', 'catalog', 'product-variants', 'product variants (size, colour) with their own stock', 'src/routes/products.ts',
    'A T-shirt in five sizes was five products. Variants share the product page and keep their own stock.',
    { migration: ['create_product_variants', 'CREATE TABLE product_variants (\n  id bigserial PRIMARY KEY,\n  product_id bigint NOT NULL REFERENCES products (id),\n  sku text NOT NULL UNIQUE,\n  size text,\n  colour text,\n  stock integer NOT NULL DEFAULT 0\n);'], binary: 'public/images/variant-placeholder.png' }),
  pr('feat', 'orders', 'confirmation-outbox', 'email order confirmations through the outbox', 'src/services/outbox.ts',
    'Emails were sent inside the request and lost when the mail server was slow. Write them to an outbox in the order transaction; a worker sends them.',
    { migration: ['create_outbox', 'CREATE TABLE outbox (\n  id bigserial PRIMARY KEY,\n  topic text NOT NULL,\n  payload jsonb NOT NULL,\n  sent_at timestamptz\n);'] }),
  pr('perf', 'search', 'trigram-prefix', 'use a trigram index for prefix search', 'src/routes/search.ts',
    'Search-as-you-type queries with one or two words did sequential scans.',
    { migration: ['add_trigram_index', 'CREATE EXTENSION IF NOT EXISTS pg_trgm;\n\nCREATE INDEX products_name_trgm_idx ON products USING gin (name gin_trgm_ops);'] }),
  pr('feat', 'payments', 'three-d-secure', 'support SCA / 3-D Secure challenges', 'src/services/payment-service.ts',
    'Strong customer authentication is required for most European cards. Return the challenge URL and resume after it.'),
  pr('feat', 'checkout', 'address-book', "save addresses to the customer's address book", 'src/routes/addresses.ts',
    'Returning customers typed their address on every order.',
    { migration: ['create_addresses', 'CREATE TABLE addresses (\n  id bigserial PRIMARY KEY,\n  customer_id bigint NOT NULL REFERENCES customers (id),\n  line1 text NOT NULL,\n  postal_code text NOT NULL,\n  city text NOT NULL,\n  country char(2) NOT NULL\n);'] }),
  pr('fix', 'payments', 'challenge-timeout', 'time out 3-D Secure challenges after 10 minutes', 'src/services/payment-service.ts',
    'Abandoned challenges kept the order in "awaiting payment" forever and held its stock.'),
  pr('fix', 'checkout', 'postal-codes', 'validate postal codes per country', 'src/services/address-validation.ts',
    'Parcels came back because of postal codes in the wrong format. Check them against the country pattern at checkout.'),
  pr('feat', 'orders', 'cancel-orders', 'cancel orders before they are shipped', 'src/routes/orders.ts',
    'Customers had to email support to cancel. They can now cancel until the parcel is handed to the carrier; payment is refunded.'),
  pr('feat', 'observability', 'opentelemetry', 'trace requests with OpenTelemetry', 'src/tracing.ts',
    'Slow checkouts were hard to explain. Traces now span the API, the database and the payment gateway.'),
  pr('refactor', 'api', 'zod-schemas', 'replace hand-written validation with zod schemas', 'src/schemas.ts',
    'The hand-written validators disagreed with the OpenAPI document. Schemas are now the single source of both.',
    { removes: 'src/validation.ts' }),
  pr('fix', 'cart', 'stable-line-order', 'keep cart line order stable after updates', 'src/services/cart-service.ts',
    'Lines jumped around after a quantity change because the query had no ORDER BY.'),
  pr('feat', 'catalog', 'csv-import', 'import products from CSV', 'src/jobs/import-products.ts',
    'Merchandisers maintain the catalogue in spreadsheets. Upload a CSV; rows are validated and imported in one transaction.'),
  pr('feat', 'inventory', 'low-stock-alerts', 'low-stock alerts for merchandisers', 'src/services/inventory-service.ts',
    'Products sold out before anyone noticed. Alert when stock falls below a per-product threshold.',
    { migration: ['add_low_stock_threshold', 'ALTER TABLE products ADD COLUMN low_stock_threshold integer NOT NULL DEFAULT 5;'] }),
  pr('fix', 'auth', 'rotate-refresh-tokens', 'rotate refresh tokens on every use', 'src/routes/auth.ts',
    'A leaked refresh token stayed valid for 30 days. Each use now issues a new one and revokes the old.',
    { migration: ['create_refresh_tokens', 'CREATE TABLE refresh_tokens (\n  token_hash text PRIMARY KEY,\n  customer_id bigint NOT NULL REFERENCES customers (id),\n  expires_at timestamptz NOT NULL,\n  revoked_at timestamptz\n);'] }),
  pr('feat', 'payments', 'invoice-payments', 'pay by invoice for business customers', 'src/services/invoice-service.ts',
    'Business customers asked to pay by bank transfer within 30 days.',
    { migration: ['create_invoices', 'CREATE TABLE invoices (\n  id bigserial PRIMARY KEY,\n  order_id bigint NOT NULL REFERENCES orders (id),\n  due_on date NOT NULL,\n  paid_at timestamptz\n);'] }),
  pr('feat', 'shipping', 'parcel-tracking', 'track parcels through the carrier API', 'src/services/tracking-service.ts',
    'Order pages link to the carrier; tracking events are polled and stored so the page shows them directly.'),
  pr('perf', 'orders', 'order-lines-one-query', 'load order lines in one query', 'src/routes/orders.ts',
    'The order list issued one query per order (N+1). A single join brings the account page from 900 ms to 60 ms.'),
  pr('fix', 'payments', 'retry-captures', 'retry idempotent captures on gateway 502', 'src/services/payment-service.ts',
    'The gateway answers 502 during its deploys; captures failed and orders stalled. Retry with backoff, using the idempotency key.'),
  pr('feat', 'search', 'search-suggestions', 'search suggestions as you type', 'src/routes/search.ts',
    'Suggest product names after two characters, from the trigram index.'),
  pr('fix', 'checkout', 'discount-before-tax', 'apply discounts before tax, not after', 'src/services/discount-service.ts',
    'VAT was computed on the undiscounted price, overcharging customers who used a code.')
];

/** The feature that is still in progress at the end of the history: its branch is never merged. */
export const UNMERGED_FEATURE: PullRequestSpec = pr('feat', 'payments', 'gift-cards', 'gift cards as a payment method', 'src/services/gift-card-service.ts', 'Work in progress: sell and redeem gift cards; a gift card can pay for part of an order.', { migration: ['create_gift_cards', 'CREATE TABLE gift_cards (\n  code_hash text PRIMARY KEY,\n  balance_cents integer NOT NULL,\n  expires_on date NOT NULL\n);'] });
